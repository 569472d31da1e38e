"""One checked journey in any output format: the dispatch ``cjm render`` and :func:`cjmkit.render` share."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from cjmkit.errors import RenderError

if TYPE_CHECKING:  # cjm render imports this module for its format names: keep it light
    from pathlib import Path

    from cjmkit.validation import CheckedJourney
    from cjmkit.workspace import Workspace

RenderFormat = Literal["svg", "dot", "png", "pdf", "html", "mermaid", "markdown"]
View = Literal["flow", "blueprint"]
Engine = Literal["auto", "system", "embedded"]

FORMATS: tuple[RenderFormat, ...] = ("svg", "dot", "png", "pdf", "html", "mermaid", "markdown")
BINARY_FORMATS: tuple[RenderFormat, ...] = ("png", "pdf")


def render_checked(
    checked: CheckedJourney,
    workspace: Workspace,
    fmt: str,
    *,
    view: str = "flow",
    engine: str = "auto",
    template_dir: Path | None = None,
    persona: str | None = None,
) -> str | bytes:
    """A valid checked journey drawn as ``fmt`` (bytes for PNG and PDF, text otherwise).

    With ``persona``, the flow or blueprint diagram shows that persona's emotions and feelings
    (the report, Mermaid and Markdown show every persona and take no ``persona``).

    Raises :class:`~cjmkit.errors.RenderError` when a diagram cannot be drawn and
    :class:`~cjmkit.errors.TemplateProblem` for a broken report template.
    """
    journey, catalog = checked.journey, checked.catalog
    if journey is None or catalog is None:
        raise ValueError(f"{checked.path}: only a valid journey can be rendered")
    if persona is not None:
        from cjmkit.rendering.engine import DIAGRAM_FORMATS

        if fmt in FORMATS and fmt not in DIAGRAM_FORMATS:
            raise RenderError(
                f"--persona draws the flow and blueprint diagrams (svg, dot, png, pdf), not {fmt}: "
                "the report, Mermaid and Markdown show every persona"
            )
        from cjmkit.rendering.persona import journey_for_persona

        journey = journey_for_persona(journey, catalog, persona)
    if fmt == "mermaid":
        from cjmkit.rendering.mermaid import journey_mermaid

        return journey_mermaid(journey, catalog)
    if fmt == "markdown":
        from cjmkit.rendering.markdown import journey_markdown

        return journey_markdown(journey, catalog)
    if fmt == "html":
        from cjmkit.rendering.report import html_report, lint_findings, lint_settings, shown_source
        from cjmkit.rendering.trend import report_history

        return html_report(
            journey,
            catalog,
            engine=engine,
            template_dir=template_dir,
            lint=lint_findings(journey, checked.document, catalog, lint_settings(workspace)),
            source=shown_source(checked.path, workspace.root if workspace.config_path else None),
            scoring=workspace.config.scoring if workspace.config else None,
            history=report_history(checked.path, journey.id),
        )
    if fmt not in FORMATS:
        raise RenderError(f"unknown format '{fmt}' (one of: {', '.join(FORMATS)})")
    from cjmkit.rendering.dot import journey_dot
    from cjmkit.rendering.engine import render as draw

    dot_source = journey_dot(journey, catalog, view)
    if fmt == "dot":
        return dot_source
    raw = draw(dot_source, fmt, engine)
    return raw if fmt in BINARY_FORMATS else raw.decode("utf-8")
