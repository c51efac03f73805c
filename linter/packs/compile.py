"""Compile lexicons, terms, patterns and conditions to RE2 once, reporting errors where they are."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NamedTuple

from linter.errors import PackError
from linter.packs.atoms import atoms
from linter.packs.conditions import (
    All,
    AnyOf,
    Condition,
    InSubsection,
    Match,
    Near,
    Not,
    Regex,
    Subject,
    Year,
    anchored,
)
from linter.packs.lazy import Gate, LazyRegex, gate_of, options
from linter.packs.yamlpos import Path_, Positioned

OPERATORS = ("lexicon", "term", "pattern", "all", "any", "none", "not", "near", "subsection",
             "year", "subject")
DEFAULT_NEAR = 10
APOSTROPHES = "['\u2019]"  # Word turns ' into a right single quotation mark
_APOSTROPHE = re.compile(APOSTROPHES)


class Where(NamedTuple):
    """A value in a YAML file: which file, its positions, and the path inside it (a plain
    tuple: a pack makes thousands of them, one per value it compiles)."""

    file: str
    doc: Positioned
    at: Path_

    def child(self, *parts: str | int) -> Where:
        return Where(self.file, self.doc, (*self.at, *parts))

    def error(self, message: str) -> PackError:
        from linter.packs.yamlpos import format_path

        line, col = self.doc.where(self.at)
        return PackError(self.file, f"{message} (at {format_path(self.at)})", line, col)


def compile_regex(pattern: str, where: Where) -> Regex:
    """RE2 only: linear time, so no pattern in a user pack can hang the linter."""
    import re2

    try:
        regex: Regex = re2.compile(pattern, options())
    except re2.error as exc:
        reason = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise where.error(f"bad pattern {pattern!r}: {reason} (RE2 syntax: no lookaround, "
                          "no backreferences)") from None
    return regex


def term_pattern(term: str) -> str:
    """A literal term: whitespace-flexible, either apostrophe, word boundaries at word edges."""
    words = term.split()
    body = r"\s+".join(_escape(w) for w in words)
    left = r"\b" if re.match(r"\w", words[0]) else ""
    right = r"\b" if re.search(r"\w$", words[-1]) else ""
    return f"{left}{body}{right}"


def _escape(word: str) -> str:
    import re2

    # Escaped a run at a time (one call per character was a third of compiling a pack).
    return APOSTROPHES.join(re2.escape(run) for run in _APOSTROPHE.split(word))


def lexicon_parts(terms: list[tuple[str, Where]], patterns: list[tuple[str, Where]],
                  where: Where) -> list[str]:
    """The alternatives of a lexicon's one combined alternation. Each pattern was compiled
    alone when its pack was read (``check_lexicon_patterns``), so that a bad one is reported
    at its own line."""
    ordered = sorted({t for t, _ in terms}, key=len, reverse=True)  # longest term wins
    parts = [term_pattern(t) for t in ordered] + [f"(?:{p})" for p, _ in patterns]
    if not parts:
        raise where.error("lexicon has no terms or patterns")
    return parts


def check_lexicon_patterns(file: str, doc: Positioned) -> None:
    """Compile each lexicon pattern of one pack file alone: an error names its own line, and
    a pattern that only compiles inside the alternation (``a)|(b``) is refused."""
    here = Where(file, doc, ())
    for name, lexicon in (doc.data.get("lexicons") or {}).items():
        for key in ("patterns", "add_patterns"):
            for i, pattern in enumerate(lexicon.get(key, ())):
                compile_regex(pattern, here.child("lexicons", name, key, i))


# What the cache keeps of each expression, by its label: its alternatives (a lexicon's
# terms and patterns; a term or pattern is one), whether it is anchored, and the gate that
# says from a text's words which alternatives may match it.
Record = tuple[tuple[str, ...], bool, Gate]


class Expressions:
    """The Match of each lexicon, term and pattern of one pack, made once per label.

    A pack read from its files has every expression compiled now, so that an error names its
    line, and (when it is to be cached) ``records`` what the cache keeps of each. A pack from
    the cache is given those records: nothing is parsed or compiled until a text needs it,
    and a lexicon none of whose atoms occurs in a section is never compiled at all."""

    def __init__(self, recorded: dict[str, Record] | None = None, record: bool = False) -> None:
        self.recorded = recorded or {}
        self.record = record
        self.records: dict[str, Record] = {}
        self._made: dict[str, Match] = {}

    def match(self, label: str, parts: Callable[[], list[str]], where: Where) -> Match:
        """The Match of ``label``, whose expression is the alternation of ``parts``."""
        made = self._made.get(label)
        if made is not None:
            return made
        known = self.recorded.get(label)
        if known is not None:
            alternatives, is_anchored, gate = known
            made = Match(label, LazyRegex(alternatives, gate), prefilter=not is_anchored)
        else:
            sources = parts()
            text = "|".join(sources)
            regex = compile_regex(text, where)
            made = Match(label, regex, prefilter=not anchored(text))
            if self.record:
                gate = gate_of([atoms(s) for s in sources])
                self.records[label] = (tuple(sources), not made.prefilter, gate)
        self._made[label] = made
        return made


class ConditionCompiler:
    """Turns a condition mapping into a Condition, resolving lexicons by name."""

    def __init__(self, lexicons: dict[str, Match],
                 expressions: Expressions | None = None) -> None:
        self.lexicons = lexicons
        self.expressions = expressions or Expressions()

    def compile(self, data: dict[str, Any], where: Where) -> Condition:
        ops = [k for k in data if k in OPERATORS]
        if len(ops) != 1:
            raise where.error(f"a condition needs exactly one of {', '.join(OPERATORS)}; "
                              f"found {', '.join(ops) or 'none'}")
        op = ops[0]
        if "within" in data and op != "near":
            raise where.child("within").error("`within` goes only with `near`")
        value, at = data[op], where.child(op)
        return self._compile_op(op, value, at, data)

    def _compile_op(self, op: str, value: Any, at: Where, data: dict[str, Any]) -> Condition:
        if op == "lexicon":
            if value not in self.lexicons:
                raise at.error(f"unknown lexicon {value!r}")
            return self.lexicons[value]
        if op == "term":
            return self.expressions.match(f"term:{value}", lambda: [term_pattern(value)], at)
        if op == "pattern":
            return self.expressions.match(f"pattern:{value}", lambda: [str(value)], at)
        if op == "subsection":
            return InSubsection(value)
        if op == "year":
            return Year(value)
        if op == "not":
            return Not(self.compile(value, at))
        if op == "subject":
            return Subject(self.compile(value, at))
        parts = tuple(self.compile(item, at.child(i)) for i, item in enumerate(value))
        if op == "all":
            return All(parts)
        if op == "any":
            return AnyOf(parts)
        if op == "none":
            return Not(AnyOf(parts))
        return Near(parts[0], parts[1], int(data.get("within", DEFAULT_NEAR)))
