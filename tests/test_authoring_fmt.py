"""cjm fmt: canonical order, every comment kept, no data changed, idempotent, atomic, invalid files untouched."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from cjmkit.authoring.fmt import format_text
from cjmkit.fileio import write_atomic
from cjmkit.loader import parse
from cjmkit.model import Journey
from cjmkit.validation.workspace_file import open_workspace
from tests.authoring_helpers import (
    TEMPLATES,
    comments,
    copy_examples,
    example_journeys,
    key_order,
    shuffle_keys,
    template_files,
)
from tests.conftest import EXAMPLES, MINIMAL, Result

Cjm = Callable[..., Result]

ALL_MAPS = example_journeys() + template_files()


@pytest.mark.parametrize("path", ALL_MAPS, ids=lambda p: p.name)
def test_fmt_keeps_data_and_comments_and_is_idempotent(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    workspace = open_workspace(path)
    once = format_text(text, path.name, workspace=workspace)
    assert once.ok, once.diagnostics
    assert parse(once.formatted).data == parse(text).data
    assert comments(once.formatted) == comments(text)
    twice = format_text(once.formatted, path.name, workspace=workspace)
    assert twice.formatted == once.formatted


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("path", example_journeys()[:3], ids=lambda p: p.name)
def test_fmt_restores_canonical_order_of_a_shuffled_map(path: Path, seed: int) -> None:
    original = path.read_text(encoding="utf-8")
    messy = shuffle_keys(original, seed)
    assert key_order(messy) != key_order(original)
    result = format_text(messy, path.name, workspace=open_workspace(path))
    assert result.ok, result.diagnostics
    assert parse(result.formatted).data == parse(original).data
    assert comments(result.formatted) == comments(original)
    order = key_order(result.formatted)
    top = order[0]
    fields = list(Journey.model_fields)
    assert top == sorted(top, key=lambda k: fields.index(k) if k in fields else len(fields))
    # Formatting the formatted file changes nothing.
    assert format_text(result.formatted, path.name, workspace=open_workspace(path)).formatted == result.formatted


MESSY = """\
# Checkout, as drafted in the workshop
title: Checking out   # working title
cjm: 1
id: checkout
catalog:
  channels:
    - {id: website, name: Web site}

# The stages, in order
stages:
  - name: Cart
    id: cart
    touchpoints:
      - name: Views the cart
        id: view-cart
        emotion: 0

        # where it leads (checked with analytics)
        next: [pay]
        channel: website
      - id: pay
        name: Pays
        x-note: extension keys stay after the known keys
        pain_points:
          - severity: high
            id: slow-pay
            description: Payment page is slow
            # measured on mobile only
"""


def test_comments_travel_with_the_key_they_describe() -> None:
    result = format_text(MESSY, "checkout.cjm.yaml")
    assert result.ok, result.diagnostics
    lines = result.formatted.splitlines()
    assert lines[:4] == [
        "# Checkout, as drafted in the workshop",
        "cjm: 1",
        "id: checkout",
        "title: Checking out   # working title",
    ]
    # The comment and blank line written above `next:` are still right above it.
    at = lines.index("        next: [pay]")
    assert lines[at - 1] == "        # where it leads (checked with analytics)"
    assert lines[at - 2] == ""
    assert lines.index("        channel: website") < lines.index("        emotion: 0")
    # A comment indented inside the pain point stays inside it, after its last key.
    pain = lines.index("            severity: high")
    assert lines[pain + 1] == "            # measured on mobile only"
    # The extension key comes after every known key of the touchpoint.
    assert lines.index("        x-note: extension keys stay after the known keys") > pain
    assert lines[lines.index("# The stages, in order") + 1] == "stages:"


def test_cli_check_lists_files_and_changes_nothing(cjm: Cjm, tmp_path: Path) -> None:
    ws = copy_examples(tmp_path)
    messy = ws / "journeys" / "messy.cjm.yaml"
    messy.write_text(
        shuffle_keys((EXAMPLES / "journeys" / "tour-booking.cjm.yaml").read_text(), 1).replace(
            "id: tour-booking", "id: tour-booking-copy", 1
        )
    )
    before = messy.read_bytes()
    res = cjm("fmt", "--check", "journeys/messy.cjm.yaml", cwd=ws)
    assert res.exit_code == 1, res.stdout + res.stderr
    assert "would reformat journeys/messy.cjm.yaml" in res.stdout
    assert messy.read_bytes() == before
    res = cjm("fmt", "--diff", "journeys/messy.cjm.yaml", cwd=ws)
    assert res.exit_code == 1, "--diff with changes to show fails like --check"
    assert res.stdout.startswith("--- journeys/messy.cjm.yaml (as written)")
    assert "+id: tour-booking-copy" in res.stdout
    assert messy.read_bytes() == before


def test_cli_formats_in_place_and_then_check_passes(cjm: Cjm, tmp_path: Path) -> None:
    ws = copy_examples(tmp_path)
    res = cjm("fmt", cwd=ws)
    assert res.exit_code == 0, res.stdout + res.stderr
    for path in (ws / "journeys").glob("*.cjm.yaml"):
        original = EXAMPLES / "journeys" / path.name
        assert parse(path.read_text()).data == parse(original.read_text()).data
    again = cjm("fmt", "--check", cwd=ws)
    assert again.exit_code == 0, again.stdout + again.stderr
    assert again.stdout == ""
    tidy_diff = cjm("fmt", "--diff", cwd=ws)
    assert (tidy_diff.exit_code, tidy_diff.stdout) == (0, ""), tidy_diff.stderr
    assert not list(ws.rglob("*.tmp")), "a temporary file was left behind"
    assert cjm("validate", cwd=ws).exit_code == 0


def test_invalid_file_is_left_untouched_with_a_diagnostic(cjm: Cjm, tmp_path: Path) -> None:
    bad = tmp_path / "checkout.cjm.yaml"
    text = MINIMAL.replace("title: Checking out\n", "").replace("cjm: 1\n", "id2: x\ncjm: 1\n")
    bad.write_text(text)
    res = cjm("fmt", str(bad), cwd=tmp_path)
    assert res.exit_code == 1
    assert "checkout.cjm.yaml:1:1: error" in res.stderr
    assert "was not formatted" in res.stderr
    assert "Traceback" not in res.stderr
    assert bad.read_text() == text


def test_templates_are_already_tidy(cjm: Cjm) -> None:
    res = cjm("fmt", "--check", str(TEMPLATES))
    assert res.exit_code == 0, res.stdout + res.stderr


def test_unknown_path_is_a_usage_error(cjm: Cjm, tmp_path: Path) -> None:
    res = cjm("fmt", "nowhere.cjm.yaml", cwd=tmp_path)
    assert res.exit_code == 2
    assert "nowhere.cjm.yaml: no such file" in res.stderr


def test_write_atomic_keeps_the_old_file_when_interrupted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "map.cjm.yaml"
    target.write_text("old\n")
    os.chmod(target, 0o640)

    def boom(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new\n")
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["map.cjm.yaml"]
    monkeypatch.undo()
    write_atomic(target, "new\n")
    assert target.read_text() == "new\n"
    assert target.stat().st_mode & 0o777 == 0o640
