"""Read YAML safely and remember the line of every mapping, key and list item.

`load` parses with a `yaml.SafeLoader` subclass (no Python objects can be
built) whose mappings are `LineDict` and lists `LineList`, carrying 1-based
line numbers, so a definition's mistakes can be reported as ``file:line``.

It also fixes two YAML 1.1 traps for hand-written definitions:

- only ``true``/``false`` are booleans: ``yes``, ``no``, ``on``, ``off`` stay
  text (an option whose value is ``no`` must not turn into ``False``);
- numbers with a decimal point become `Decimal`, never ``float``.

A duplicate key is an error instead of silently keeping the last value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

BOOL_TAG = "tag:yaml.org,2002:bool"


class LineDict(dict[str, object]):
    """A mapping read from YAML: `line` of its first key, `key_lines` of each key."""

    line: int
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list[object]):
    """A list read from YAML: `line` where it starts, `item_lines` of each item."""

    line: int
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line


class YAMLLineError(ValueError):
    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason


class _Loader(yaml.SafeLoader):
    pass


_Loader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != BOOL_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _line(node: Node) -> int:
    return int(node.start_mark.line) + 1


def _construct_map(loader: _Loader, node: MappingNode) -> Iterator[LineDict]:
    data = LineDict()
    data.line = _line(node)
    data.key_lines = {}
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            raise YAMLLineError(_line(key_node), f"a key must be text, not {key!r}")
        if key in data:
            raise YAMLLineError(_line(key_node), f"the key {key!r} appears twice")
        data[key] = loader.construct_object(value_node, deep=True)
        data.key_lines[key] = _line(key_node)


def _construct_list(loader: _Loader, node: SequenceNode) -> Iterator[LineList]:
    data = LineList()
    data.line = _line(node)
    data.item_lines = []
    yield data
    for item in node.value:
        data.append(loader.construct_object(item, deep=True))
        data.item_lines.append(_line(item))


def _construct_decimal(loader: _Loader, node: ScalarNode) -> Decimal:
    text = str(loader.construct_scalar(node)).replace("_", "").lower()
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite():
        raise YAMLLineError(_line(node), f"{node.value!r} is not a number a rule can use")
    return number


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_list)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)


def load(text: str) -> object:
    """Parse one YAML document; raises `YAMLLineError` with the line of the mistake."""
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = int(mark.line) + 1 if mark is not None else 1
        raise YAMLLineError(line, str(error.problem or error)) from error
    except yaml.YAMLError as error:
        raise YAMLLineError(1, str(error)) from error


def plain(value: object) -> object:
    """A copy with plain dicts and lists, for data kept after loading."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value
