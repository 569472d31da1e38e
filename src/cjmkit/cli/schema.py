"""``cjm schema``."""

from __future__ import annotations

import sys

import typer

from cjmkit.cli.app import app


@app.command()
def schema(
    workspace: bool = typer.Option(False, "--workspace", help="Print the schema of cjm.yaml instead."),
) -> None:
    """Print the JSON Schema of the journey file (or of cjm.yaml), for editors and CI."""
    from cjmkit import jsonschema

    data = jsonschema.workspace_schema() if workspace else jsonschema.journey_schema()
    sys.stdout.write(jsonschema.dumps(data))
