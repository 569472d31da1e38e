"""``cjm render``."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from cjmkit.cli.app import app
from cjmkit.cli.common import check_choice, fail_usage
from cjmkit.rendering.draw import BINARY_FORMATS, FORMATS

#: The format an output file's name asks for when --format is not given.
SUFFIX_FORMATS = {
    ".svg": "svg",
    ".dot": "dot",
    ".gv": "dot",
    ".png": "png",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".mmd": "mermaid",
    ".md": "markdown",
}


def _pick_format(fmt: str | None, output: Path | None) -> str:
    if fmt:
        return check_choice(fmt, FORMATS, "--format")
    if output is not None:
        return SUFFIX_FORMATS.get(output.suffix.lower(), "svg")
    return "svg"


def _write(data: str | bytes, output: Path | None) -> None:
    if output is None:
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data)
        return
    from cjmkit.fileio import write_atomic

    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        # Atomic: someone viewing the previous rendering never sees half a file.
        write_atomic(output, data)
    except OSError as err:
        fail_usage(f"cannot write {output}: {err.strerror}")


def _refuse_to_overwrite_journeys(output: Path) -> None:
    """A render never replaces a journey file or the workspace file: that is what people wrote."""
    from cjmkit.workspace import WORKSPACE_FILE, is_journey_file

    if is_journey_file(output.name) or output.name == WORKSPACE_FILE:
        fail_usage(f"{output}: refusing to overwrite a journey or workspace file with a rendering")


@app.command()
def render(
    path: Path | None = typer.Argument(None, help="The journey file to render (not needed with --site)."),
    format: str | None = typer.Option(
        None,
        "--format",
        "-f",
        help="svg, dot, png, pdf, html, mermaid or markdown. Default: from the -o file name, else svg.",
    ),
    output: Path | None = typer.Option(None, "--output", "-o", help="File to write. Default: standard output."),
    view: str = typer.Option("flow", "--view", help="Diagram view: flow or blueprint."),
    engine: str = typer.Option(
        "auto", "--engine", help="Graphviz to use: auto (system dot if installed, else built in), system, embedded."
    ),
    template_dir: Path | None = typer.Option(
        None, "--template-dir", help="Folder with your own report templates (they override the built-in ones)."
    ),
    site: Path | None = typer.Option(
        None, "--site", help="Write every journey of the workspace as a static site into this folder."
    ),
    persona: str | None = typer.Option(
        None, "--persona", help="Draw the flow or blueprint diagram as this persona lives it (its emotions)."
    ),
) -> None:
    """Draw a journey: a diagram, the HTML report, Mermaid or Markdown; or the whole workspace as a site.

    Exit code: 0 written, 1 a journey has problems (see cjm validate), 2 usage or environment error.
    """
    from cjmkit.rendering.dot import VIEWS
    from cjmkit.rendering.engine import ENGINES

    check_choice(view, VIEWS, "--view")
    check_choice(engine, ENGINES, "--engine")
    if template_dir is not None and not template_dir.is_dir():
        fail_usage(f"--template-dir {template_dir}: no such folder")
    if site is not None:
        if persona is not None:
            fail_usage("--persona draws one journey's diagram; the site shows every persona")
        _render_site(path, site, engine, template_dir)
        return
    if path is None:
        fail_usage("name the journey file to render (or use --site OUT to render the whole workspace)")
    fmt = _pick_format(format, output)
    if fmt in BINARY_FORMATS and output is None:
        fail_usage(f"{fmt.upper()} is binary: write it to a file with -o, for example -o map.{fmt}")
    if output is not None:
        _refuse_to_overwrite_journeys(output)
    if not path.is_file():
        fail_usage(f"{path}: no such file" if not path.exists() else f"{path}: not a journey file")

    from cjmkit.diagnostics import output as diag_output
    from cjmkit.errors import UsageError
    from cjmkit.validation import check

    try:
        checked = check([path])
    except UsageError as err:
        fail_usage(str(err))
    result = checked.results[0]
    if result.journey is None or result.catalog is None or not result.valid or checked.workspace is None:
        diag_output.write_text(result.diagnostics, 1, sys.stderr)
        sys.stderr.write("cjm: nothing rendered: fix the problems above first.\n")
        raise typer.Exit(1)

    from cjmkit.errors import RenderError, TemplateProblem
    from cjmkit.rendering.draw import render_checked

    try:
        data = render_checked(
            result, checked.workspace, fmt, view=view, engine=engine, template_dir=template_dir, persona=persona
        )
    except (RenderError, TemplateProblem) as err:
        fail_usage(str(err))
    _write(data, output)
    from cjmkit.fileio import is_stdout

    if output is not None and not is_stdout(output):
        sys.stderr.write(f"wrote {output}\n")


def _render_site(path: Path | None, out: Path, engine: str, template_dir: Path | None) -> None:
    from cjmkit.errors import TemplateProblem, UsageError
    from cjmkit.rendering.site import write_site
    from cjmkit.validation import select

    if out.exists() and not out.is_dir():
        fail_usage(f"--site {out}: exists and is not a folder")
    try:
        selection = select([path] if path else [])
    except UsageError as err:
        fail_usage(str(err))
    workspace, files = selection.workspace, selection.files
    if not files:  # only when cjm.yaml is broken: that is the problem to report
        from cjmkit.diagnostics import output as diag_output

        diag_output.write_text(workspace.diagnostics, 0, sys.stderr)
        raise typer.Exit(1)
    try:
        if sys.stderr.isatty():
            from rich.progress import Progress

            with Progress(transient=True) as bar:
                task = bar.add_task("Rendering journeys", total=len(files))
                result = write_site(
                    files,
                    workspace,
                    out,
                    engine=engine,
                    template_dir=template_dir,
                    progress=lambda done, _total: bar.update(task, completed=done),
                )
        else:
            result = write_site(files, workspace, out, engine=engine, template_dir=template_dir)
    except TemplateProblem as err:
        fail_usage(str(err))
    except OSError as err:
        fail_usage(f"cannot write the site into {out}: {err.strerror}")
    for note in result.skipped:
        from cjmkit.textsafety import printable

        sys.stderr.write(f"cjm: skipped {printable(note, one_line=True)}\n")
    if result.invalid:
        from cjmkit.diagnostics import output as diag_output

        diags = [d for r in result.invalid for d in r.diagnostics]
        diag_output.write_text(diags, len(files), sys.stderr)
    sys.stderr.write(f"wrote {result.pages} journey page(s) and the index to {out}/index.html\n")
    raise typer.Exit(1 if result.invalid or result.skipped else 0)
