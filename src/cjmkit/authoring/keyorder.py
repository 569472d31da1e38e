"""The canonical order of keys, taken from the models (whose field order follows the format reference),
and the reordering of a round-trip mapping that keeps each comment next to the key it describes.

In ruamel's round-trip data a comment or blank line is stored on whatever came
just before it, usually the last scalar of the previous key's value.  Moving
keys around naively would leave a "# about stages" comment stranded above some
other key.  So before reordering, the lines that lead into each key are taken
off the previous key's tail, and after reordering they are put back in front
of the same key.
"""

from __future__ import annotations

import itertools
import types
import typing
from typing import Any

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.tokens import CommentToken

# -- which model describes which mapping ---------------------------------------


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    """The model class inside ``X | None``, ``list[X]`` or ``Annotated[X, ...]`` (not inside dicts)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is dict:
        return None
    if origin is typing.Annotated:
        return _nested_model(typing.get_args(annotation)[0])
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _nested_model(arg)
            if found is not None:
                return found
    return None


def field_rank(model: type[BaseModel]) -> dict[str, int]:
    """Key -> position in the canonical order."""
    return {name: i for i, name in enumerate(model.model_fields)}


def child_model(model: type[BaseModel], key: str) -> type[BaseModel] | None:
    info = model.model_fields.get(key)
    return _nested_model(info.annotation) if info is not None else None


# -- comments that travel with keys --------------------------------------------

_MAP_SLOT = 2  # a mapping key's comment after its value
_SEQ_SLOT = 0  # a list item's comment after it


def _is_block(node: Any) -> bool:
    return isinstance(node, CommentedMap | CommentedSeq) and len(node) > 0 and not node.fa.flow_style()


def _tail(container: Any, key: Any) -> tuple[Any, Any, int, list[Any]]:
    """Where the comment written after ``container[key]`` (and everything nested in it) is stored.

    Also returns the block lists passed on the way down: after a flow item that
    ends a list, ruamel keeps the following comments on the list itself.
    """
    value = container[key]
    lists: list[Any] = []
    while _is_block(value):
        container = value
        if isinstance(value, CommentedSeq):
            lists.append(value)
        key = list(value.keys())[-1] if isinstance(value, CommentedMap) else len(value) - 1
        value = container[key]
    return container, key, _MAP_SLOT if isinstance(container, CommentedMap) else _SEQ_SLOT, lists


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _split_by_indent(lines: str, column: int) -> tuple[str, str]:
    """Split comment lines into those indented deeper than ``column`` (they belong to the value
    above them) and the rest, from the first comment at or left of ``column`` on (they lead into
    what follows)."""
    parts = lines.splitlines(keepends=True)
    keep = 0
    for i, line in enumerate(parts):
        if not line.strip():
            continue
        if _indent(line) > column:
            keep = i + 1
        else:
            break
    return "".join(parts[:keep]), "".join(parts[keep:])


def _take_following_lines(container: Any, key: Any, column: int) -> str:
    """Remove and return the full-line comments and blank lines after ``container[key]``
    that lead into whatever follows it.

    An end-of-line comment (``severity: high  # from the survey``) and comments
    indented deeper than ``column`` (the column of ``container``'s keys) stay where they are.
    """
    holder, hkey, slot, lists = _tail(container, key)
    entry = holder.ca.items.get(hkey)
    token = entry[slot] if entry is not None else None
    rest = ""
    own = ""
    if isinstance(token, CommentToken):
        value = token.value
        cut = value.find("\n")
        if cut >= 0:
            own, rest = value[: cut + 1], value[cut + 1 :]
        else:
            own = value
    for seq in lists:
        end = getattr(seq.ca, "end", None)
        if end:
            rest += "".join(t.value for t in end if isinstance(t, CommentToken))
            seq.ca.end = None
    inside, leading = _split_by_indent(rest, column)
    if entry is not None and isinstance(token, CommentToken):
        if own.strip() or inside:
            token.value = (own or "\n") + inside
        else:
            entry[slot] = None
    elif inside:
        holder.ca.items.setdefault(hkey, [None, None, None, None])[slot] = CommentToken(
            "\n" + inside, CommentMark(0), None
        )
    return leading


def _put_following_lines(container: Any, key: Any, lines: str) -> None:
    if not lines:
        return
    holder, hkey, slot, _ = _tail(container, key)
    entry = holder.ca.items.setdefault(hkey, [None, None, None, None])
    token = entry[slot]
    if isinstance(token, CommentToken):
        own = token.value if token.value.endswith("\n") else token.value + "\n"
        token.value = own + lines
    else:
        entry[slot] = CommentToken("\n" + lines, CommentMark(0), None)


# -- reordering -------------------------------------------------------------------


def _key_column(node: CommentedMap) -> int:
    """The 0-based column of ``node``'s keys as written."""
    col = getattr(node.lc, "col", None)
    return col if isinstance(col, int) else 0


def _order_key(rank: dict[str, int]) -> Any:
    unknown = len(rank)

    def key(item: tuple[int, Any]) -> tuple[int, int]:
        position, name = item
        return (rank.get(name, unknown) if isinstance(name, str) else unknown, position)

    return key


def reorder_mapping(node: CommentedMap, model: type[BaseModel] | None) -> bool:
    """Put ``node``'s keys (and those of every mapping below it) in canonical order; True if anything moved.

    Keys the model does not know (``x-`` extensions) go after the known ones, in
    the order they were written.  Mappings without a model (``render:``) keep
    their order.
    """
    moved = False
    for key in list(node.keys()):
        sub = child_model(model, key) if model is not None and isinstance(key, str) else None
        moved |= reorder_value(node[key], sub)
    if model is None or len(node) < 2:
        return moved
    keys = list(node.keys())
    wanted = [k for _, k in sorted(enumerate(keys), key=_order_key(field_rank(model)))]
    if wanted == keys:
        return moved
    leading: dict[Any, str] = {}
    for i, k in enumerate(keys):
        lines = _take_following_lines(node, k, _key_column(node))
        if i + 1 < len(keys):
            leading[keys[i + 1]] = lines
        else:
            trailing = lines
    for k in wanted:
        node.move_to_end(k)
    # Lines that led into the key now first have no place before it; keep them before the second key.
    carried = leading.get(wanted[0], "")
    for prev, k in itertools.pairwise(wanted):
        _put_following_lines(node, prev, carried + leading.get(k, ""))
        carried = ""
    _put_following_lines(node, wanted[-1], trailing)
    return True


def reorder_value(value: Any, model: type[BaseModel] | None) -> bool:
    if isinstance(value, CommentedMap):
        return reorder_mapping(value, model)
    if isinstance(value, CommentedSeq):
        moved = False
        for item in value:
            moved |= reorder_value(item, model)
        return moved
    return False
