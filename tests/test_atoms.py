"""The words pre-check (linter.packs.atoms): what it reads from expressions, that it never rules
out a text an expression matches (over every expression of the built-in packs and real
filings), and that a cached pack compiles only the expressions a text may match."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from linter.api import load_document
from linter.engine import LintConfig, lint
from linter.packs import load_pack
from linter.packs.atoms import FOLDS_TO_ASCII, Words, atoms, text_words
from linter.packs.compile import Expressions, LazyRegex, Where, compile_regex
from linter.packs.loader import compile_pack, read_pack, resolve
from linter.packs.yamlpos import Positioned
from linter.resources import data_dir

WHERE = Where("t.yaml", Positioned(None, {}, {}), ())


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"\bchief\s+information\s+security\s+officer\b", "information security officer chief"),
    (r"\bchief\b|\bchair\b", "chair|chief"),  # Python factors out "\bch"
    (r"\b(?:audit|risk)\s+committee\b", "committee audit|committee risk"),
    (r"\breports?\b", "report|reports"),
    (r"\b(?:board of directors|board)\b", "board"),  # the longer one implies "board"
    (r"\bno (?:\w+ ){0,3}employees\b", "employees no"),
    (r"\bthird[- ]part(?:y|ies)\b", "parties third|party third"),
    (r"\bassess\w*", "assess*"),  # a word starting with "assess"
    (r"\w+ing\b", "*ing"),
    (r"chief", None),  # no boundary: "mischief" holds it
    (r"\bx\w*", None),  # too short a start to be worth a check
    (r"[[:alpha:]]+ committee\b", None),  # RE2 syntax Python reads otherwise
    (r"\p{L}+\b", None),  # RE2 syntax Python cannot read
    (r"\b(?:a|b)c|\bdef\b", None),  # "ac" and "bc" are words of two letters
    (r"(?:\bcyber\b)?\s*\brisk\b", "risk"),
    (r"\bwe(?: do)? not\b", "not we"),
])
def test_atoms_of_common_shapes(pattern: str, expected: str | None) -> None:
    assert atoms(pattern) == expected


def test_only_two_characters_beyond_ascii_fold_into_a_word() -> None:
    """RE2 ignoring case matches an ASCII letter or digit with the Kelvin sign and the long s
    and nothing else outside ASCII, and an ASCII character that is neither with itself
    only: the premises of the word list."""
    import re2

    options = re2.Options()
    options.case_sensitive = False
    everything = "".join(chr(c) for c in range(sys.maxunicode + 1)
                         if not 0xD800 <= c <= 0xDFFF)
    alnum = re2.compile(r"[A-Za-z0-9]", options)
    other = re2.compile(r"[\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]", options)
    assert {m.group() for m in alnum.finditer(everything)} - set(map(chr, range(128))) == \
        set(FOLDS_TO_ASCII)
    assert {m.group() for m in other.finditer(everything)} == \
        {chr(c) for c in range(128) if not chr(c).isalnum()}
    assert text_words("Kelvin \u212a") is None


def _texts(corpus: Path) -> list[str]:
    texts = []
    for path in sorted((corpus / "item1c-dev").glob("*.json"))[::6]:
        blocks = json.loads(path.read_text(encoding="utf-8"))["blocks"]
        texts.append(" ".join(v for v in blocks.values() if isinstance(v, str)))
    for path in [*sorted((corpus / "seeds").glob("*.txt")), *sorted((corpus / "8k").glob("*.html")),
                 *sorted((corpus / "filings").glob("*.html"))]:
        document = load_document(str(path))
        texts.append(" ".join(s.text for s in document.scope_sentences()))
    return texts


def occurs(found: str, words: Words) -> bool:
    return any(all(words.has(w) for w in alternative.split()) for alternative in found.split("|"))


@pytest.mark.parametrize("pack", ["item1c", "item105"])
def test_atoms_never_rule_out_a_match_in_real_filings(pack: str, corpus: Path) -> None:
    expressions = Expressions(record=True)
    compile_pack(read_pack(resolve(pack), use_cache=False), expressions)
    sources = [(label, source) for label, (parts, _, _) in expressions.records.items()
               for source in parts]
    records = [(label, compile_regex(source, WHERE), found)
               for label, source in sources if (found := atoms(source))]
    assert len(records) > 0.9 * len(sources)  # nearly every term and pattern has atoms
    ruled_out = 0
    for text in _texts(corpus):
        words = text_words(text)
        assert words is not None
        for label, regex, found in records:
            if not occurs(found, words):
                ruled_out += 1
                assert regex.search(text) is None, (label, text[:80])
    assert ruled_out > 0


@pytest.fixture
def builtin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The item1c pack installed as the only built-in pack, with an empty cache folder."""
    rules = tmp_path / "rules"
    shutil.copytree(data_dir("rules") / "item1c", rules / "item1c")
    shutil.copy(data_dir("rules") / "pack.schema.json", rules)
    monkeypatch.setattr("linter.packs.loader.data_dir", lambda name: rules)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("DISCLOSURE_LINT_NO_CACHE", raising=False)
    return rules / "item1c"


def test_a_cached_pack_compiles_only_what_a_text_may_match(builtin: Path, corpus: Path) -> None:
    fresh = load_pack("item1c")  # read in full, compiled, stored with its expressions
    cached = load_pack("item1c")
    lazy = {name: lex.regex for name, lex in cached.lexicons.items()}
    assert all(isinstance(regex, LazyRegex) for regex in lazy.values())
    for path in [*sorted(corpus.glob("seeds/001_*.txt")),
                 corpus / "filings" / "ibm-10-k-2025-02-25.html"]:
        document = load_document(str(path))
        assert lint(document, [cached], LintConfig()) == lint(document, [fresh], LintConfig())
    compiled = [name for name, regex in lazy.items() if regex._compiled is not None]
    in_part = [name for name, regex in lazy.items() if regex._reduced]
    assert 0 < len(compiled) + len(in_part) < len(lazy)
    assert in_part  # some lexicons compiled only the terms the texts may match


def test_a_lexicon_compiled_in_part_matches_as_the_whole_does(builtin: Path,
                                                              corpus: Path) -> None:
    load_pack("item1c")
    parts = {name: (lex.regex.parts, lex.regex.gate)
             for name, lex in load_pack("item1c").lexicons.items()}
    reduced = 0
    for path in [*sorted(corpus.glob("seeds/*.txt")), *sorted(corpus.glob("8k/*.html"))[:3],
                 corpus / "filings" / "unp-10-k-2025-02-07.html"]:
        sentences = [s.text for s in load_document(str(path)).scope_sentences()]
        words = text_words(" ".join(sentences))
        for name, (alternatives, gate) in parts.items():
            lazy = LazyRegex(alternatives, gate)  # fresh: never the whole after a few texts
            part, whole = lazy.within(words), compile_regex(lazy.pattern, WHERE)
            reduced += part is not None and part is not lazy._compiled
            for sentence in sentences:
                spans = [m.span() for m in part.finditer(sentence)] if part else []
                assert spans == [m.span() for m in whole.finditer(sentence)], (name, sentence)
    assert reduced > 0


def test_a_damaged_gate_means_the_whole_expression() -> None:
    words = text_words("The Audit Committee oversees cybersecurity risk.")
    whole = LazyRegex(("audit committee", "board"), {"audit": [(5, "committee")]})
    assert whole.within(words) is whole.whole()  # a part it does not have
    assert LazyRegex(("audit committee",), {"audit": "x"}).within(words) is not None
    gated = LazyRegex((r"\baudit\s+committee\b", r"\bboard\b"),
                      {"audit": [(0, "committee")], "board": [(1, "")]})
    assert [m.group() for m in gated.within(words).finditer("the Audit Committee")] == \
        ["Audit Committee"]
    assert gated.within(text_words("nothing here")) is None
