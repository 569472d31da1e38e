"""Starting maps: ``cjm init`` (a workspace) and ``cjm new`` (a journey from a template).

Templates are ordinary, valid, commented journey files.  A new journey is the
template's text with its ``id`` (and optionally ``title`` and ``focus``)
replaced, so every guiding comment reaches the new file.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from cjmkit.authoring.editor_schema import write_schemas
from cjmkit.diagnostics import Diagnostic
from cjmkit.model.base import ID_PATTERN
from cjmkit.resources import templates_dir
from cjmkit.workspace import WORKSPACE_FILE, Workspace

TEMPLATE_SUFFIX = ".cjm.yaml"


class AuthoringError(Exception):
    """A request cjm cannot carry out (unknown template, file exists...): a usage error."""


@dataclass(frozen=True)
class Template:
    name: str
    path: Path
    summary: str
    source: str  # "built-in" or "workspace"
    problem: str = ""  # why the template cannot be used, when it cannot

    @property
    def text(self) -> str:
        from cjmkit.loader import LoadError
        from cjmkit.loader.yaml import read_text
        from cjmkit.workspace import display_path

        try:
            return read_text(self.path, display_path(self.path))
        except LoadError as err:
            d = err.diagnostics[0]
            where = f"{d.path}:{d.line}:{d.column}" if d.line else d.path
            raise AuthoringError(f"the template '{self.name}' cannot be used: {where}: {d.message}") from None

    @property
    def needs_focus(self) -> bool:
        return re.search(r"^focus:", self.text, re.MULTILINE) is not None


def _summary(path: Path) -> str:
    """The template's first comment line (after a schema modeline) describes it."""
    if not path.is_file():  # a folder, a pipe or a device would block or never end
        return "(cannot be read)"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return "(cannot be read)"
    except UnicodeDecodeError:
        return "(cannot be used: not UTF-8 text)"
    for line in lines:
        if line.startswith("#") and "yaml-language-server" not in line:
            return line.lstrip("# ").strip()
        if line and not line.startswith("#"):
            break
    return ""


def builtin_templates() -> list[Template]:
    folder = templates_dir() / "journeys"
    return [
        Template(p.name.removesuffix(TEMPLATE_SUFFIX), p, _summary(p), "built-in")
        for p in sorted(folder.glob(f"*{TEMPLATE_SUFFIX}"))
    ]


def available_templates(workspace: Workspace | None) -> list[Template]:
    """The built-in templates, then the workspace's own (``templates:`` in cjm.yaml; they win on a name clash)."""
    found = {t.name: t for t in builtin_templates()}
    if workspace is not None and workspace.config is not None:
        root = workspace.root.resolve()
        for name, rel in workspace.config.templates.items():
            path = (workspace.root / rel).resolve()
            if not path.is_relative_to(root):  # cjm.yaml may come from an untrusted change
                found[name] = Template(name, path, "(cannot be used: outside the workspace)", "workspace", rel)
                continue
            found[name] = Template(name, path, _summary(path), "workspace")
    return list(found.values())


def find_template(name: str, workspace: Workspace | None) -> Template:
    templates = {t.name: t for t in available_templates(workspace)}
    if name not in templates:
        from cjmkit.suggest import did_you_mean

        hint = did_you_mean(name, templates) or ""
        raise AuthoringError(f"there is no template '{name}'{'; ' + hint if hint else ''} (see 'cjm new --list')")
    template = templates[name]
    if template.problem:
        raise AuthoringError(
            f"the template '{name}' listed in {WORKSPACE_FILE} points outside the workspace: {template.problem}"
        )
    if not template.path.exists():
        raise AuthoringError(
            f"the template '{name}' listed in {WORKSPACE_FILE} points to a missing file: {template.path}"
        )
    if not template.path.is_file():
        raise AuthoringError(f"the template '{name}' listed in {WORKSPACE_FILE} is not a regular file: {template.path}")
    return template


def _set_top_level(text: str, key: str, value: str) -> str:
    """Replace the value of a top-level ``key:`` line, keeping an end-of-line comment."""
    pattern = re.compile(rf"^{key}:[^\n#]*?(\s+#[^\n]*)?$", re.MULTILINE)
    if not pattern.search(text):
        raise AuthoringError(f"the template has no top-level '{key}:' line to fill in")
    return pattern.sub(lambda m: f"{key}: {value}{m.group(1) or ''}", text, count=1)


def _yaml_text(value: str) -> str:
    """A title as a YAML scalar: double-quoted, so any character is safe."""
    import json

    return json.dumps(value, ensure_ascii=False)


def check_id(journey_id: str) -> None:
    if not re.match(ID_PATTERN, journey_id) or len(journey_id) > 128:
        raise AuthoringError(
            f"'{journey_id}' is not a valid journey id: use lower-case letters, digits, '-' and '_', "
            "starting with a letter or digit (for example 'checkout-2027')"
        )


def journey_from_template(
    template: Template,
    journey_id: str,
    *,
    title: str | None = None,
    focus: tuple[str, str | None] | None = None,
) -> str:
    """The text of a new journey: the template with its id, title and focus filled in."""
    check_id(journey_id)
    text = _set_top_level(template.text, "id", journey_id)
    if title:
        text = _set_top_level(text, "title", _yaml_text(title))
    if template.needs_focus and focus is None:
        raise AuthoringError(
            f"the '{template.name}' template zooms into a touchpoint of another journey: "
            "say which with --focus JOURNEY/TOUCHPOINT"
        )
    if focus is not None:
        journey, touchpoint = focus
        inner = f"journey: {journey}" + (f", touchpoint: {touchpoint}" if touchpoint else "")
        if template.needs_focus:
            text = _set_top_level(text, "focus", "{" + inner + "}")
        else:
            raise AuthoringError(f"the '{template.name}' template is not a tactical map; --focus needs one")
    return text


def parse_focus(raw: str) -> tuple[str, str | None]:
    journey, _, touchpoint = raw.partition("/")
    if not journey:
        raise AuthoringError("--focus takes JOURNEY or JOURNEY/TOUCHPOINT (ids), for example tour-booking/tour-search")
    return journey, touchpoint or None


def default_journey_path(workspace: Workspace, journey_id: str) -> Path:
    """``journeys/ID.cjm.yaml`` in the workspace (or the current folder without one)."""
    folder = workspace.root / "journeys" if workspace.config_path is not None else Path.cwd()
    return folder / f"{journey_id}{TEMPLATE_SUFFIX}"


def check_new_journey(text: str, path: Path, workspace: Workspace) -> list[Diagnostic]:
    """Problems the new journey would have in this workspace (errors only)."""
    from cjmkit.loader import LoadError, parse
    from cjmkit.validation import resolve_focus, validate_document
    from cjmkit.workspace import display_path

    try:
        doc = parse(text, display_path(path))
    except LoadError as err:
        return err.diagnostics
    result = validate_document(doc, workspace)
    resolve_focus([result], workspace, {path.resolve()})
    return [d for d in result.diagnostics if d.severity.value == "error"]


# -- cjm init -------------------------------------------------------------------

STARTER_JOURNEY = "first-journey"


def _workspace_text() -> str:
    return (templates_dir() / "journeys" / "init" / f"{WORKSPACE_FILE}.in").read_text(encoding="utf-8")


def init_workspace(folder: Path) -> list[Path]:
    """Write ``cjm.yaml``, a first journey and the schemas editors use into ``folder``; refuse if either file exists.

    Returns the files written.
    """
    from cjmkit.authoring.dates import date_text
    from cjmkit.fileio import write_new

    config = folder / WORKSPACE_FILE
    journey = folder / "journeys" / f"{STARTER_JOURNEY}{TEMPLATE_SUFFIX}"
    existing = [p for p in (config, journey) if p.exists()]
    if existing:
        raise AuthoringError(
            f"{', '.join(str(p) for p in existing)} already exist{'s' if len(existing) == 1 else ''}; "
            "cjm init never overwrites files"
        )
    schemas = write_schemas(folder)  # the schema lines of the two files below point at these
    starter = Template(
        STARTER_JOURNEY, templates_dir() / "journeys" / "init" / "first-journey.cjm.yaml.in", "", "built-in"
    )
    text = starter.text.replace('updated: "2000-01-01"', f"updated: {date_text(dt.date.today())}")
    write_new(config, _workspace_text())
    write_new(journey, text)
    return [config, journey, *schemas]
