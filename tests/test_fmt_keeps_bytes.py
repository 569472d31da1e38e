"""cjm fmt keeps every comment where it belongs, the file's byte conventions and every value as spelled."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

from cjmkit.authoring.fmt import format_text, same_data
from cjmkit.loader import parse
from tests.conftest import Result

Cjm = Callable[..., Result]

# A small valid map; its keys are in canonical order and it is laid out canonically.
TIDY = """\
cjm: 1
id: checkout
title: Checking out
stages:
  - id: cart
    name: Cart
    touchpoints:
      - id: view-cart
        name: Views the cart
        emotion: 0
  - id: payment
    name: Payment
"""


def fmt(text: str) -> str:
    result = format_text(text, "checkout.cjm.yaml")
    assert result.ok, [d.message for d in result.diagnostics]
    assert same_data(parse(result.formatted).data, parse(text).data)
    again = format_text(result.formatted, "checkout.cjm.yaml")
    assert again.ok and again.formatted == result.formatted, "fmt is not idempotent"
    return result.formatted


def test_comment_and_document_start_before_the_map_are_kept() -> None:
    text = "# Checkout journey, owned by the web team\n---\ntitle: Checking out\n" + TIDY.replace(
        "title: Checking out\n", ""
    )
    out = fmt(text)
    assert out.startswith("# Checkout journey, owned by the web team\n---\ncjm: 1\nid: checkout\ntitle: Checking out\n")


def test_comment_inside_a_multi_line_flow_mapping_is_kept() -> None:
    text = TIDY.replace(
        "  - id: payment\n    name: Payment\n", "  - {id: payment,\n    # why it is its own stage\n    name: Payment}\n"
    )
    out = fmt(text.replace("id: checkout\ntitle: Checking out\n", "title: Checking out\nid: checkout\n"))
    assert "  - {id: payment,\n    # why it is its own stage\n    name: Payment}\n" in out


def test_comment_inside_an_empty_flow_list_is_kept() -> None:
    text = TIDY.replace("title: Checking out\n", "title: Checking out\npersonas: [\n  # from the survey\n]\n")
    out = fmt(text.replace("cjm: 1\nid: checkout\n", "id: checkout\ncjm: 1\n"))
    assert "personas: [\n  # from the survey\n]\n" in out


MIS_INDENTED = """\
cjm: 1
id: checkout
title: Checking out
stages:
# the cart comes first
- id: cart
  # shown as "Basket" in the app
  name: Cart
  touchpoints:
  - id: view-cart
    name: Views the cart
    # measured in the 2024 survey
    emotion: 0
- id: payment
  name: Payment
"""


def test_comments_are_re_indented_with_the_items_they_describe() -> None:
    out = fmt(MIS_INDENTED)
    assert (
        out
        == """\
cjm: 1
id: checkout
title: Checking out
stages:
  # the cart comes first
  - id: cart
    # shown as "Basket" in the app
    name: Cart
    touchpoints:
      - id: view-cart
        name: Views the cart
        # measured in the 2024 survey
        emotion: 0
  - id: payment
    name: Payment
"""
    )


def test_check_does_not_call_a_mis_indented_file_tidy(cjm: Cjm, tmp_path: Path) -> None:
    path = tmp_path / "checkout.cjm.yaml"
    path.write_text(MIS_INDENTED)
    res = cjm("fmt", "--check", str(path), cwd=tmp_path)
    assert res.exit_code == 1, res.stdout + res.stderr
    assert "would reformat" in res.stdout
    assert cjm("fmt", str(path), cwd=tmp_path).exit_code == 0
    # Tidy now means every comment moved with its item: none is left at its old column.
    assert "\n# the cart comes first\n" not in path.read_text()
    assert '\n    # shown as "Basket" in the app\n' in path.read_text()
    res = cjm("fmt", "--check", str(path), cwd=tmp_path)
    assert res.exit_code == 0, res.stdout + res.stderr


def test_a_comment_before_a_moved_first_key_goes_above_the_dash() -> None:
    text = TIDY.replace(
        "  - id: payment\n    name: Payment\n", "  - name: Payment\n    # the id is in the URL\n    id: payment\n"
    )
    out = fmt(text)
    assert out.endswith("  # the id is in the URL\n  - id: payment\n    name: Payment\n")


def test_crlf_line_endings_are_kept(cjm: Cjm, tmp_path: Path) -> None:
    tidy = tmp_path / "tidy.cjm.yaml"
    tidy.write_bytes(TIDY.replace("\n", "\r\n").encode())
    res = cjm("fmt", "--check", str(tidy), cwd=tmp_path)
    assert res.exit_code == 0, res.stdout + res.stderr
    messy = tmp_path / "messy.cjm.yaml"
    messy.write_bytes(MIS_INDENTED.replace("id: checkout", "id: checkout-2").replace("\n", "\r\n").encode())
    assert cjm("fmt", str(messy), cwd=tmp_path).exit_code == 0
    data = messy.read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n") == MIS_INDENTED.count("\n")
    assert b'\r\n    # shown as "Basket" in the app\r\n' in data


def test_byte_order_mark_is_kept(cjm: Cjm, tmp_path: Path) -> None:
    path = tmp_path / "checkout.cjm.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MIS_INDENTED.encode())
    assert cjm("fmt", str(path), cwd=tmp_path).exit_code == 0
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfcjm: 1\n")
    assert b"  - id: cart\n" in data
    assert fmt("\ufeff" + MIS_INDENTED).startswith("\ufeffcjm: 1\n")


ODD_VALUES = """\
x-nan: .nan
x-float: 1_000.5
x-plus: +12
x-null: ~
x-bool: True
x-ts: 2001-12-14 21:59:43.10 -5
x-hex: 0x1F
x-quoted: 'yes'
"""


def test_values_keep_their_spelling_and_nan_does_not_block_fmt(cjm: Cjm, tmp_path: Path) -> None:
    path = tmp_path / "checkout.cjm.yaml"
    path.write_text(ODD_VALUES + MIS_INDENTED)
    res = cjm("fmt", str(path), cwd=tmp_path)
    assert res.exit_code == 0, res.stdout + res.stderr
    out = path.read_text()
    assert out.endswith("    name: Payment\n" + ODD_VALUES)
    assert out.startswith("cjm: 1\nid: checkout\n")


def test_same_data_compares_types_and_nan() -> None:
    nan = float("nan")
    assert same_data({"a": [nan, 1]}, {"a": [math.nan, 1]})
    assert not same_data({"a": 1}, {"a": True})
    assert not same_data({"a": 1}, {"a": 1.0})
    assert not same_data({"a": [1, 2]}, {"a": [1]})
    assert not same_data({"a": None}, {"b": None})


def test_lists_inside_lists_are_re_indented() -> None:
    text = TIDY + "x-matrix:\n- - 1\n  - 2\n-   - - a\n      - b\n- - b: 1\n    a: 2\n"
    assert fmt(text).endswith("x-matrix:\n  - - 1\n    - 2\n  - - - a\n      - b\n  - - b: 1\n      a: 2\n")


def test_an_explicit_key_is_refused_clearly_and_the_file_left_alone(cjm: Cjm, tmp_path: Path) -> None:
    path = tmp_path / "checkout.cjm.yaml"
    text = MIS_INDENTED + "? x-note\n: written as an explicit key\n"
    path.write_text(text)
    res = cjm("fmt", str(path), cwd=tmp_path)
    assert res.exit_code == 1
    assert "cannot lay this file out safely: line 16: an explicit key" in res.stderr
    assert "Traceback" not in res.stderr
    assert path.read_text() == text


def test_one_space_after_a_colon_and_check_agrees(cjm: Cjm, tmp_path: Path) -> None:
    text = TIDY.replace("title: Checking out", "title:   Checking out  # working title").replace(
        "    name: Cart", "    name:\tCart"
    )
    out = fmt(text)
    assert "\ntitle: Checking out  # working title\n" in out
    assert "\n    name: Cart\n" in out
    path = tmp_path / "checkout.cjm.yaml"
    path.write_text(text)
    assert cjm("fmt", "--check", str(path), cwd=tmp_path).exit_code == 1
    path.write_text(out)
    assert cjm("fmt", "--check", str(path), cwd=tmp_path).exit_code == 0
