"""Load YAML with safe-load semantics, keeping the line and column of every key and value."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from linter.errors import PackError

if TYPE_CHECKING:
    import yaml

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Positioned:
    """A YAML document as plain data, and where each value (and each mapping key) starts."""

    data: Any
    values: dict[Path_, tuple[int, int]]
    keys: dict[Path_, tuple[int, int]]

    def where(self, path: Path_, key: bool = False) -> tuple[int, int]:
        """The closest known position of ``path``: its key or value, else its parent's."""
        table = self.keys if key else self.values
        for n in range(len(path), -1, -1):
            prefix = path[:n]
            if prefix in table:
                return table[prefix]
            if prefix in self.values:
                return self.values[prefix]
        return (1, 1)


def load_yaml(text: str, path: str, error: type[Exception] = PackError) -> Positioned:
    """Parse ``text`` (one YAML document) like ``yaml.safe_load``; reject duplicate keys.

    Errors become ``error(path, message, line, column)``. Composes with libyaml when PyYAML
    has it (ten times faster, same nodes and marks); values are built by the safe constructor
    either way."""
    import yaml  # imported here: a run whose packs come from the cache never needs it

    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise error(path, f"invalid YAML: {exc.problem or exc.context}", line, col) from None
    except yaml.reader.ReaderError as exc:  # a character YAML forbids, before any parsing
        before = text[: exc.position]
        line, col = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
        code = ord(exc.character) if isinstance(exc.character, str) else exc.character
        raise error(path, f"invalid YAML: character U+{code:04X}: {exc.reason}", line,
                    col) from None
    except yaml.YAMLError as exc:
        raise error(path, f"invalid YAML: {exc}") from None
    values: dict[Path_, tuple[int, int]] = {}
    keys: dict[Path_, tuple[int, int]] = {}
    if node is None:
        return Positioned(None, values, keys)
    builder = _Builder(path, error)
    data = builder.build(node, ())
    return Positioned(data, builder.values, builder.keys)


class _Builder:
    """Walks a composed node tree into plain data, recording positions."""

    def __init__(self, path: str, error: type[Exception]) -> None:
        self.path, self.error = path, error
        self.values: dict[Path_, tuple[int, int]] = {}
        self.keys: dict[Path_, tuple[int, int]] = {}
        self.seen: set[int] = set()
        import yaml

        self.yaml = yaml
        self.loader = yaml.SafeLoader("")

    def fail(self, node: yaml.Node, message: str) -> Exception:
        return self.error(self.path, message, node.start_mark.line + 1, node.start_mark.column + 1)

    def build(self, node: yaml.Node, at: Path_) -> Any:
        # An alias re-visits a node: refused, so that "billion laughs" or a recursive
        # alias cannot blow up memory or recurse forever.
        if id(node) in self.seen:
            raise self.fail(node, "YAML aliases (*name) are not supported in packs")
        self.seen.add(id(node))
        self.values[at] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, self.yaml.MappingNode):
            return self.mapping(node, at)
        if isinstance(node, self.yaml.SequenceNode):
            return [self.build(item, (*at, i)) for i, item in enumerate(node.value)]
        if node.tag == "tag:yaml.org,2002:timestamp":
            return str(node.value)  # a date stays as written (`filing_date: 2025-06-13`)
        try:
            return self.loader.construct_object(node, deep=True)
        except self.yaml.MarkedYAMLError as exc:
            raise self.fail(node, f"invalid YAML value: {exc.problem}") from None

    def mapping(self, node: yaml.MappingNode, at: Path_) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self.fail(key_node, "YAML merge keys (<<) are not supported")
            if not isinstance(key_node, self.yaml.ScalarNode):
                raise self.fail(key_node, "a mapping key must be a plain value")
            # Keys stay text: YAML 1.1 would read `no:` / `yes:` (the answer keys) as booleans.
            key = str(key_node.value)
            if key in out:
                raise self.fail(key_node, f"duplicate key {key!r}")
            self.keys[(*at, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            out[key] = self.build(value_node, (*at, key))
        return out


def format_path(path: Path_) -> str:
    """``rules[3].evidence.any[0]`` style, as in jsonschema error paths."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "<root>"
