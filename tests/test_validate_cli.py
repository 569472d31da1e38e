"""`cjm validate`: discovery, output formats, exit codes, and the Python API."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import cjmkit
from tests.conftest import EXAMPLES, MINIMAL, REPO, Result

Cjm = Callable[..., Result]


def test_examples_workspace_is_valid_from_its_folder(cjm: Cjm) -> None:
    res = cjm("validate", cwd=EXAMPLES)
    assert res.exit_code == 0, res.stdout
    assert "no problems found" in res.stdout


def test_workspace_found_from_a_subfolder(cjm: Cjm, tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLES, ws)
    res = cjm("validate", cwd=ws / "journeys")
    assert res.exit_code == 0, res.stdout
    n = len(list((ws / "journeys").glob("*.cjm.yaml")))
    assert f"{n} file" in res.stdout


def test_naming_cjm_yaml_checks_the_workspace_and_every_journey_in_it(cjm: Cjm, tmp_path: Path) -> None:
    # What pre-commit passes when only cjm.yaml changed: a team removed from its catalog breaks a map.
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLES, ws)
    n = len(list((ws / "journeys").glob("*.cjm.yaml")))
    ok = cjm("validate", "cjm.yaml", cwd=ws)
    assert ok.exit_code == 0, ok.stdout
    assert f"{n} files checked" in ok.stdout and "E131" not in ok.stdout  # not read as a journey
    config = ws / "cjm.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("- {id: web-team,", "- {id: web-crew,"))
    broken = cjm("validate", "cjm.yaml", cwd=ws)
    assert broken.exit_code == 1
    assert "journeys/tour-booking.cjm.yaml:" in broken.stdout and "web-team" in broken.stdout
    linted = cjm("lint", "cjm.yaml", cwd=ws)
    assert linted.exit_code == 1 and "journeys/tour-booking.cjm.yaml:" in linted.stdout


def test_workspace_catalog_is_merged_and_journey_wins(cjm: Cjm, write: Callable[..., Path]) -> None:
    write(
        "cjm.yaml",
        "cjm: 1\ncatalog:\n  teams:\n    - {id: sales, name: Sales}\n    - {id: web-team, name: Old web team}\n",
    )
    journey = MINIMAL.replace("owner: web-team\n    touchpoints:", "owner: sales\n    touchpoints:")
    p = write("journeys/a.cjm.yaml", journey)
    res = cjm("validate", cwd=p.parent)
    assert res.exit_code == 0, res.stdout
    loaded = cjmkit.load(p)
    assert loaded.stages[0].owner == "sales"


def test_folder_argument_finds_both_suffixes(cjm: Cjm, write: Callable[..., Path], tmp_path: Path) -> None:
    write("maps/a.cjm.yaml", MINIMAL)
    write("maps/deeper/b.cjm.yml", MINIMAL.replace("id: checkout", "id: checkout-b"))
    write("maps/notes.yaml", "not: a journey\n")
    res = cjm("validate", "maps", cwd=tmp_path)
    assert res.exit_code == 0, res.stdout
    assert "2 files checked" in res.stdout


def test_missing_path_is_usage_error(cjm: Cjm, tmp_path: Path) -> None:
    res = cjm("validate", "nope.cjm.yaml", cwd=tmp_path)
    assert res.exit_code == 2
    assert "nope.cjm.yaml: no such file or folder" in res.stderr
    assert "Traceback" not in res.stderr


def test_bad_option_is_usage_error(cjm: Cjm) -> None:
    res = cjm("validate", "--format", "xml", str(EXAMPLES))
    assert res.exit_code == 2
    assert "--format must be one of" in res.stderr


def test_no_journeys_is_usage_error(cjm: Cjm, tmp_path: Path) -> None:
    (tmp_path / "cjm.yaml").write_text("cjm: 1\n")
    res = cjm("validate", cwd=tmp_path)
    assert res.exit_code == 2
    assert "no journey files found" in res.stderr


@pytest.mark.parametrize("command", ["validate", "lint", "stats", "plan", "fmt"])
def test_no_workspace_and_no_paths_is_usage_error_not_a_scan(cjm: Cjm, tmp_path: Path, command: str) -> None:
    # A shared folder full of other programs' files: cjm must not read them uninvited.
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "x.cjm.yaml").write_text("cjm: [\n")
    res = cjm(command, cwd=tmp_path)
    assert res.exit_code == 2, res.stdout + res.stderr
    assert "not in a cjm workspace" in res.stderr
    assert "pass the files or folders to check, or run `cjm init`" in res.stderr
    assert "x.cjm.yaml" not in res.stdout + res.stderr


def test_json_format(cjm: Cjm, write: Callable[..., Path]) -> None:
    p = write("a.cjm.yaml", MINIMAL.replace("emotion: 0", "emotion: 9"))
    res = cjm("validate", "--format", "json", str(p))
    assert res.exit_code == 1
    data = json.loads(res.stdout)
    assert data["summary"]["error"] == 1
    (d,) = data["diagnostics"]
    assert d["code"] == "E134" and d["line"] == 23 and d["column"] == 18
    assert d["key_path"] == "stages[0].touchpoints[0].emotion"
    assert d["severity"] == "error"


def test_github_format_and_auto(cjm: Cjm, write: Callable[..., Path]) -> None:
    p = write("a.cjm.yaml", MINIMAL.replace("severity: high", "severity: hgh"))
    res = cjm("validate", str(p), cwd=p.parent, env={"GITHUB_ACTIONS": "true"})
    assert res.exit_code == 1
    line = res.stdout.splitlines()[0]
    assert line.startswith("::error file=a.cjm.yaml,line=36,col=23,title=E133::")
    assert "hgh" in line


def test_color_only_on_terminal(cjm: Cjm, write: Callable[..., Path]) -> None:
    p = write("a.cjm.yaml", MINIMAL.replace("emotion: 0", "emotion: 9"))
    res = cjm("validate", str(p))
    assert "\033[" not in res.stdout


def test_many_files_use_the_pool_and_keep_order(cjm: Cjm, write: Callable[..., Path], tmp_path: Path) -> None:
    for i in range(40):
        text = MINIMAL.replace("id: checkout", f"id: checkout-{i:02d}")
        if i % 10 == 3:
            text = text.replace("emotion: 0", "emotion: 7")
        write(f"maps/m{i:02d}.cjm.yaml", text)
    res = cjm("validate", "maps", "--format", "json", cwd=tmp_path)
    assert res.exit_code == 1
    paths = [d["path"] for d in json.loads(res.stdout)["diagnostics"]]
    assert paths == ["maps/m03.cjm.yaml", "maps/m13.cjm.yaml", "maps/m23.cjm.yaml", "maps/m33.cjm.yaml"]


def test_invalid_workspace_file_is_reported(cjm: Cjm, write: Callable[..., Path]) -> None:
    write("cjm.yaml", "cjm: 1\ncatalgo: {}\n")
    p = write("a.cjm.yaml", MINIMAL)
    res = cjm("validate", cwd=p.parent)
    assert res.exit_code == 1
    assert "cjm.yaml:2:1: error[E130] unknown key 'catalgo'" in res.stdout
    assert "did you mean 'catalog'?" in res.stdout


def test_x_keys_are_allowed_anywhere(write: Callable[..., Path]) -> None:
    text = MINIMAL.replace("title: Checking out", "title: Checking out\nx-jira: CX-12").replace(
        "emotion: 0", "emotion: 0\n        x-note: {any: [thing]}"
    )
    p = write("a.cjm.yaml", text)
    journey = cjmkit.load(p)
    assert journey.title == "Checking out"


def test_focus_resolves_across_the_workspace(cjm: Cjm, write: Callable[..., Path]) -> None:
    write("cjm.yaml", "cjm: 1\n")
    write("a.cjm.yaml", MINIMAL)
    zoom = MINIMAL.replace("id: checkout", "id: checkout-zoom").replace(
        "title: Checking out", "title: Paying\nview: tactical\nfocus: {journey: checkout, touchpoint: pay}"
    )
    p = write("zoom.cjm.yaml", zoom)
    assert cjm("validate", str(p), cwd=p.parent).exit_code == 0
    bad = write("zoom2.cjm.yaml", zoom.replace("touchpoint: pay}", "touchpoint: pya}").replace("-zoom", "-zoom2"))
    res = cjm("validate", str(bad), cwd=p.parent)
    assert res.exit_code == 1
    assert "journey 'checkout' has no touchpoint 'pya'" in res.stdout


def test_api_load_raises_with_diagnostics(write: Callable[..., Path]) -> None:
    p = write("a.cjm.yaml", MINIMAL.replace("emotion: 0", "emotion: 9"))
    with pytest.raises(cjmkit.InvalidJourney) as err:
        cjmkit.load(p)
    assert err.value.diagnostics[0].code == "E134"
    assert ":23:18:" in str(err.value)


def test_api_validate_report(write: Callable[..., Path], tmp_path: Path) -> None:
    write("a.cjm.yaml", MINIMAL)
    report = cjmkit.validate([tmp_path])
    assert report.ok and len(report.results) == 1


def test_python_m_and_version(cjm_process: Cjm) -> None:
    res = cjm_process("--version")  # a process: only `python -m cjmkit` runs cjmkit/__main__.py
    assert res.exit_code == 0 and res.stdout.strip() == f"cjm {cjmkit.__version__}"


def test_committed_schemas_are_up_to_date() -> None:
    from cjmkit import json_schema

    committed = (REPO / "schemas" / "journey.schema.json").read_text()
    assert committed == json_schema.dumps(json_schema.journey_schema()), "run: cjm schema > schemas/journey.schema.json"
    committed = (REPO / "schemas" / "workspace.schema.json").read_text()
    assert committed == json_schema.dumps(json_schema.workspace_schema()), (
        "run: cjm schema --workspace > schemas/workspace.schema.json"
    )


def test_schema_accepts_examples_and_rejects_typos() -> None:
    import jsonschema

    from cjmkit.json_schema import journey_schema
    from cjmkit.loader import load_file

    schema = journey_schema()
    validator = jsonschema.Draft202012Validator(schema)
    for path in sorted((EXAMPLES / "journeys").glob("*.cjm.yaml")):
        errors = list(validator.iter_errors(load_file(path).data))
        assert not errors, (path, errors[:1])
    from cjmkit.loader import parse

    bad = parse(MINIMAL.replace("    touchpoints:\n      - id: pay", "    touchpionts:\n      - id: pay")).data
    assert list(validator.iter_errors(bad))


def test_focus_lookup_parses_only_the_journey_it_names(write: Callable[..., Path], tmp_path: Path) -> None:
    import cjmkit.loader

    write("cjm.yaml", "cjm: 1\n")
    for i in range(30):
        write(f"maps/other-{i:02d}.cjm.yaml", MINIMAL.replace("id: checkout", f"id: other-{i:02d}"))
    write("maps/target.cjm.yaml", MINIMAL.replace("id: checkout\n", 'id: "checkout"   # the one to zoom into\n'))
    zoom = write(
        "zoom.cjm.yaml",
        MINIMAL.replace("id: checkout", "id: checkout-zoom").replace(
            "title: Checking out", "title: Paying\nview: tactical\nfocus: {journey: checkout, touchpoint: pay}"
        ),
    )
    calls: list[str] = []
    real = cjmkit.loader.parse_bytes

    def counting(raw: bytes, path: str) -> object:
        calls.append(path)
        return real(raw, path)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(cjmkit.loader, "parse_bytes", counting)
        report = cjmkit.validate([zoom])
    assert report.ok, [d.message for d in report.diagnostics]
    assert [Path(c).name for c in calls] == ["target.cjm.yaml"]
