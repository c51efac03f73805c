"""Hypothesis strategies for file inputs: Word drafts and their zip members, rule packs and
configuration files, valid ones mutated and random ones (see tests/fuzzing.py)."""

from __future__ import annotations

import contextlib
import io
import json
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml
from fuzz_text import DEV, REPO, as_bytes, html_doc, mutated, unicode_text
from hypothesis import strategies as st

# -- strategies: .docx --------------------------------------------------------------------------

def _docx_bytes(paragraphs: list[tuple[str, str]]) -> bytes:
    import docx

    document = docx.Document()
    for style, text in paragraphs:
        clean = "".join(ch for ch in text if ch in "\t\n\r" or (ord(ch) >= 32 and not
                                                                 0xD800 <= ord(ch) <= 0xDFFF))
        document.add_paragraph(clean, style=style)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


_DOCX_CACHE: dict[str, bytes] = {}


def _real_docx() -> bytes:
    """A Word draft of a real Item 1C text (built once)."""
    if "real" not in _DOCX_CACHE:
        text = json.loads(DEV[0].read_text())["text"]
        body = [("Heading 1", "Item 1C. Cybersecurity")]
        body += [("Normal", s) for s in text.split(". ")[:40]]
        _DOCX_CACHE["real"] = _docx_bytes(body)
    return _DOCX_CACHE["real"]


@st.composite
def docx_doc(draw: st.DrawFn) -> bytes:
    """A Word draft: built from random paragraphs, or a real one with members rewritten,
    added, dropped or corrupted, or its zip bytes mutated."""
    kind = draw(st.sampled_from(("built", "members", "bytes")))
    if kind == "built":
        styles = st.sampled_from(("Normal", "Heading 1", "Heading 2", "List Bullet", "Title"))
        return _docx_bytes(draw(st.lists(st.tuples(styles, unicode_text(50)), max_size=12)))
    real = _real_docx()
    if kind == "bytes":
        return draw(mutated(real))
    source = zipfile.ZipFile(io.BytesIO(real))
    names = source.namelist()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in names:
            content = source.read(name)
            action = draw(st.sampled_from(("keep", "keep", "keep", "drop", "mutate", "garbage",
                                           "duplicate")))
            if action == "drop":
                continue
            if action == "mutate":
                content = draw(mutated(content))
            elif action == "garbage":
                content = draw(st.one_of(st.binary(max_size=200), as_bytes(html_doc()),
                                         st.just(b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a "
                                                 b"'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;'>]><x>"
                                                 b"&b;</x>")))
            target.writestr(name, content)
            if action == "duplicate":  # zipfile warns of a duplicate name, and writes it
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", UserWarning)
                    target.writestr(name, content[: len(content) // 2])
        if draw(st.booleans()):
            extra = draw(st.sampled_from(("../evil.xml", "/abs.xml", "word/extra.xml", "a" * 300,
                                          "word/media/image1.png")))
            target.writestr(extra, draw(st.binary(max_size=100)))
    return out.getvalue()


# -- strategies: packs and configuration --------------------------------------------------------

YAML_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                         unicode_text(20), st.sampled_from(("(", "[", "\\", "(?=x)", "a{1000}",
                                                            "(a*)*b", "\\p{Zz}", "x" * 500)))
YAML_VALUES = st.recursive(YAML_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(unicode_text(8), inner, max_size=4)),
    max_leaves=12)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _paths(item, (*prefix, i))


@st.composite
def mutated_yaml(draw: st.DrawFn, document: Any) -> str:
    """A real YAML document with values replaced at random places, or its text mutated."""
    if draw(st.integers(0, 3)) == 0:
        text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
        return draw(mutated(text.encode())).decode("utf-8", "replace")
    doc = json.loads(json.dumps(document))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(list(_paths(doc))))
        if not path:
            doc = draw(YAML_VALUES)
            continue
        parent = doc
        for key in path[:-1]:
            parent = parent[key]
        parent[path[-1]] = draw(YAML_VALUES)
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)


@dataclass(frozen=True)
class PackFiles:
    """A pack folder's files: pack.yaml and rules/NAME."""

    pack: str
    rules: tuple[tuple[str, str], ...]


@st.composite
def pack_files(draw: st.DrawFn) -> PackFiles:
    """The small test pack with its pack.yaml or one of its rules mutated, or a house pack
    extending a built-in one with random overrides."""
    mini = REPO / "tests" / "fixtures" / "packs" / "mini"
    rules = {p.name: p.read_text() for p in sorted((mini / "rules").glob("*.yaml"))}
    pack = (mini / "pack.yaml").read_text()
    kind = draw(st.sampled_from(("pack", "rule", "house")))
    if kind == "pack":
        pack = draw(mutated_yaml(yaml.safe_load(pack)))
    elif kind == "rule":
        name = draw(st.sampled_from(sorted(rules)))
        rules[name] = draw(mutated_yaml(yaml.safe_load(rules[name])))
    else:
        house = {"id": "house", "title": "t", "version": "1", "forms": ["10-K"],
                 "extends": draw(st.sampled_from(("item1c", "item105", "../mini", "nope"))),
                 "overrides": {draw(st.sampled_from(("absolute-claim", "x"))): draw(YAML_VALUES)},
                 "disable": draw(st.lists(st.sampled_from(("stale-fiscal-year", "y")),
                                          max_size=2))}
        pack = draw(mutated_yaml(house))
        rules = {}
    return PackFiles(pack, tuple(rules.items()))


CONFIG_KEYS = ("packs", "select", "ignore", "severity", "form", "fiscal_year", "fail_on",
               "per_path", "bogus")


@st.composite
def config_text(draw: st.DrawFn) -> tuple[str, str]:
    """(file name, text): a YAML configuration or a pyproject.toml, random or mutated."""
    valid = {"packs": ["item1c"], "ignore": ["vague-frequency"], "form": "10-K",
             "severity": {"absolute-claim": "error"}, "fiscal_year": 2025, "fail_on": "warning",
             "per_path": {"drafts/*.md": {"select": ["rm-*"]}}}
    if draw(st.booleans()):
        doc = draw(st.dictionaries(st.sampled_from(CONFIG_KEYS), YAML_VALUES, max_size=5))
        text = yaml.safe_dump(doc, allow_unicode=True)
    else:
        text = draw(mutated_yaml(valid))
    if draw(st.integers(0, 3)) == 0:
        import tomllib

        body = draw(st.one_of(unicode_text(80), st.just('packs = ["item1c"]\nfail_on = 3\n'),
                              st.just("[tool.disclosure-lint.severity]\nx = 1\n")))
        text = "[tool.disclosure-lint]\n" + body
        with contextlib.suppress(tomllib.TOMLDecodeError):
            tomllib.loads(text)
        return "pyproject.toml", text
    return ".disclosure-lint.yaml", text
