"""``cjm init``."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from cjmkit.cli.app import app
from cjmkit.cli.common import fail_usage


@app.command()
def init(
    folder: Path = typer.Argument(
        Path("."), help="Where to create the workspace. Default: the current folder.", show_default=False
    ),
) -> None:
    """Create a workspace: a commented cjm.yaml with a starter catalog, and a first journey.

    Never overwrites a file. Exit code: 0 created, 2 a file already exists or cannot be written.
    """
    from cjmkit.authoring.starter import AuthoringError, init_workspace
    from cjmkit.workspace import display_path

    if folder.exists() and not folder.is_dir():
        fail_usage(f"{folder}: is a file, not a folder")
    try:
        written = init_workspace(folder)
    except AuthoringError as err:
        fail_usage(str(err))
    except OSError as err:
        fail_usage(f"cannot write the workspace: {err.strerror or err}")
    for path in written:
        sys.stdout.write(f"created {display_path(path)}\n")
    sys.stdout.write(
        "Next: describe your personas and teams in cjm.yaml, edit the first journey, "
        "then run 'cjm validate' (or 'cjm new ID --template NAME' for another map).\n"
    )
