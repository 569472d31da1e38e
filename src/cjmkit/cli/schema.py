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
    from cjmkit import json_schema

    data = json_schema.workspace_schema() if workspace else json_schema.journey_schema()
    sys.stdout.write(json_schema.dumps(data))
