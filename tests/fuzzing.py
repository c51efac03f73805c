"""Fuzz targets for every input the linter reads, and the property they must all keep.

The property: an input gives a result (which every reporter then renders) or one clean
error (a ``LintError``: one line naming the file, exit 2), never another exception, never a
hang (each example runs under ``LIMIT`` seconds) and never an unbounded allocation (the
fuzzing process runs under an address-space cap). ``tests/test_fuzz.py`` runs each target a
few dozen times on every test run; ``benchmarks/fuzz.py --minutes N`` runs them for longer.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import resource
import signal
import tempfile
import warnings
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from linter.errors import ConfigError, LintError, PackError
from linter.results import DocumentResult, RunError, RunResult

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
LIMIT = 20.0  # seconds one example may take on a busy two-core machine (real ones take < 2)
MEMORY = 3 * 1024**3  # bytes of address space the fuzzing process may add to what it holds

# Characters that break naive text handling: controls, bidi overrides and isolates,
# zero-width and line/paragraph separators, the BOM, a lone surrogate, private use.
SPECIAL = ("\x0b\x0c\x85\u00a0\u00ad\u200b\u200c\u200d\u200e\u200f"
           "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029\ufeff\ufffd"
           "\ud800\udfff\ue000\U0010ffff")
WORDS = ("Item 1C.", "Item 16K", "Item 1.05", "Item 2.", "Cybersecurity", "Risk Management",
         "Governance", "board", "Audit Committee", "CISO", "third-party", "not", "material",
         "we", "our", "2024", "fiscal", ".", ",", ";", "\u201c", "\u2019", "&amp;", "&#8217;")
SEEDS = sorted((CORPUS / "seeds").glob("*.txt"))
EIGHT_KS = sorted((CORPUS / "8k").glob("*.html"))
FILINGS = sorted((CORPUS / "filings").glob("*.html"), key=lambda p: p.stat().st_size)
DEV = sorted((CORPUS / "item1c-dev").glob("*.json"))[:40]
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252")


class Hang(Exception):
    """An example ran over its time limit."""


@contextlib.contextmanager
def time_limit(seconds: float = LIMIT) -> Iterator[None]:
    """Raise Hang in the main thread when the block runs over ``seconds``."""
    def _alarm(signum: int, frame: object) -> None:
        raise Hang(f"over {seconds:.0f}s")

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def memory_cap(extra: int = MEMORY) -> Iterator[None]:
    """Cap the process's address space at what it uses now plus ``extra``: an unbounded
    allocation becomes a MemoryError, a failure like any other."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    used = int(Path("/proc/self/statm").read_text().split()[0]) * resource.getpagesize()
    cap = used + extra if hard == resource.RLIM_INFINITY else min(used + extra, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


@contextlib.contextmanager
def _debug() -> Iterator[None]:
    """Let a bug propagate out of the batch runner instead of becoming an error line."""
    previous = os.environ.get("DISCLOSURE_LINT_DEBUG")
    os.environ["DISCLOSURE_LINT_DEBUG"] = "1"
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("DISCLOSURE_LINT_DEBUG", None)
        else:
            os.environ["DISCLOSURE_LINT_DEBUG"] = previous


_WORKERS: dict[tuple[str | None, str | None], Any] = {}


def _worker(form: str | None, input_format: str | None) -> Any:
    from linter.api import CheckOptions
    from linter.runner import Worker

    key = (form, input_format)
    if key not in _WORKERS:
        _WORKERS[key] = Worker(CheckOptions(form=form, input_format=input_format))
    return _WORKERS[key]


def lint_bytes(data: bytes, suffix: str, form: str | None = None,
               input_format: str | None = None) -> DocumentResult | RunError:
    """The property for a draft: lint it from a file as the CLI does, then render the result
    in every format. Only an input error may come out, and it must name the file."""
    from linter.reporters import FILE_WRITERS, REPORTERS, get_reporter
    from linter.suppress import RULES

    with tempfile.TemporaryDirectory(prefix="fuzz-") as folder:
        path = os.path.join(folder, f"draft{suffix}")
        Path(path).write_bytes(data)
        with time_limit(), _debug():
            outcome, rules = _worker(form, input_format).lint_path(path)
            if isinstance(outcome, RunError):
                assert outcome.path == path and outcome.message
                assert "\n" not in str(outcome), str(outcome)
                return outcome
            report = RunResult((outcome,), (), tuple(sorted({**rules, **RULES}.items())))
            plain = report.to_plain()
            for name in REPORTERS:
                for quiet in (False, True):
                    assert get_reporter(name)(plain, quiet=quiet)
            if outcome.format == "docx":
                module, _, func = FILE_WRITERS["docx"].partition(":")
                import importlib

                write = getattr(importlib.import_module(module), func)
                write(plain, os.path.join(folder, "reviewed.docx"), quiet=True)
    return outcome


# -- strategies: text ------------------------------------------------------------------------

def unicode_text(max_size: int = 400) -> st.SearchStrategy[str]:
    """Any code point, weighted towards the troublesome ones and the words rules look for."""
    pieces = st.one_of(st.characters(exclude_categories=("Cc",)), st.sampled_from(SPECIAL),
                       st.sampled_from(WORDS), st.sampled_from(("\n", "\n\n", "\r\n", "\t", " ")),
                       st.sampled_from(WORDS), st.characters(categories=("Cc",)))
    return st.lists(pieces, max_size=max_size).map("".join)


@st.composite
def encoded(draw: st.DrawFn, text: st.SearchStrategy[str]) -> bytes:
    """Text in an encoding a draft may come in; lone surrogates kept where the bytes allow."""
    value, encoding = draw(text), draw(st.sampled_from(ENCODINGS))
    errors = "ignore" if encoding == "cp1252" else "surrogatepass"
    return value.encode(encoding, errors)


@st.composite
def huge_line(draw: st.DrawFn) -> bytes:
    """One line of up to a megabyte: a word, a symbol or a sentence repeated."""
    unit = draw(st.sampled_from(("a", "Cybersecurity ", ".", "| ", "#", "<b>", "&amp;",
                                 "The board oversees risk. ", "\u202e", "-- ", "*", "`")))
    return (unit * draw(st.integers(1, 1024 * 1024 // len(unit)))).encode("utf-8")


def _block(text: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        text,
        st.builds(lambda n, t: "#" * n + " " + t, st.integers(1, 8), text),
        st.builds(lambda t: f"- {t}", text), st.builds(lambda t: f"1. {t}", text),
        st.builds(lambda a, b: f"| {a} | {b} |\n| --- | --- |\n| {b} | {a} |", text, text),
        st.builds(lambda n, t: ">" * n + " " + t, st.integers(1, 2000), text),
        st.builds(lambda n, t: "  " * n + "- " + t, st.integers(1, 500), text),
        st.builds(lambda t: f"```\n{t}\n```", text), st.builds(lambda t: f"---\n{t}\n---", text),
        st.builds(lambda n, t: "*" * n + t + "*" * n, st.integers(1, 3000), text),
        st.builds(lambda n: "[" * n + "a" + "](b)" * n, st.integers(1, 3000)),
        suppression(),
    )


def suppression() -> st.SearchStrategy[str]:
    """A suppression comment, well formed or not, in HTML or plain-text form."""
    ids = st.lists(st.one_of(st.sampled_from(("absolute-claim", "gov-board-oversight", "*",
                                              "rm-*", "unused-suppression", "")),
                             unicode_text(10)), max_size=4).map(",".join)
    body = st.builds(lambda verb, i, reason: f"disclosure-lint: {verb}={i}{reason}",
                     st.sampled_from(("disable", "enable", "DISABLE", "disable-next", "")), ids,
                     st.one_of(st.just(""), unicode_text(20).map(lambda r: f" -- {r}")))
    return st.one_of(body.map(lambda b: f"<!-- {b} -->"), body.map(lambda b: f"# {b}"),
                     body.map(lambda b: f"<!-- {b}"), body.map(lambda b: f"<!-- {b} --> -->"))


def markdown_doc() -> st.SearchStrategy[str]:
    """A Markdown draft: headings, lists, tables, deep quotes and emphasis, comments."""
    text = unicode_text(40)
    return st.lists(_block(text), max_size=25).map("\n\n".join)


def plain_doc() -> st.SearchStrategy[str]:
    """A plain-text draft: paragraphs, `Item` lines, list markers, suppressions."""
    text = unicode_text(60)
    line = st.one_of(text, st.builds(lambda t: f"Item 1C. {t}", text),
                     st.builds(lambda t: f"\u2022 {t}", text),
                     st.builds(lambda t: f"(a) {t}", text), suppression())
    return st.lists(line, max_size=30).map("\n\n".join).map(lambda t: "Cybersecurity\n\n" + t)


# -- strategies: HTML and Inline XBRL ---------------------------------------------------------

CYD = ("cyd:CybersecurityRiskManagementProcessesIntegratedFlag",
       "cyd:CybersecurityRiskManagementThirdPartyEngagedFlag",
       "cyd:CybersecurityRiskBoardOfDirectorsOversightTextBlock",
       "cyd:CybersecurityRiskManagementProcessesForAssessingIdentifyingAndManagingThreatsTextBlock",
       "cyd:MaterialCybersecurityIncidentNatureTextBlock", "dei:DocumentType", "cyd:", "")
TAGS = ("div", "p", "span", "table", "tr", "td", "b", "font", "ix:nonNumeric", "ix:hidden",
        "ix:continuation", "ix:exclude", "li", "ul", "h1", "h2", "br", "script", "style",
        "svg", "math", "template", "noscript", "title", "xml", "html", "body")


@st.composite
def html_node(draw: st.DrawFn, depth: int = 0) -> str:
    tag = draw(st.sampled_from(TAGS))
    attrs = ""
    if tag.startswith("ix:"):
        attrs = (f' name="{draw(st.sampled_from(CYD))}" contextRef="c{draw(st.integers(0, 3))}"'
                 f' id="f{draw(st.integers(0, 5))}" continuedAt="f{draw(st.integers(0, 5))}"'
                 f' format="{draw(st.sampled_from(("ixt:fixed-true", "ixt:fixed-false", "x")))}"')
    elif draw(st.booleans()):
        attrs = f' style="{draw(st.sampled_from(("display:none", "font-weight:bold", "x:")))}"'
    text = draw(unicode_text(30)).replace("<", "&lt;")
    inner = [text]
    if depth < 4:
        inner += draw(st.lists(html_node(depth + 1), max_size=4))
    closing = "" if draw(st.integers(0, 9)) == 0 else f"</{tag}>"  # some left open
    return f"<{tag}{attrs}>{''.join(inner)}{closing}"


@st.composite
def html_doc(draw: st.DrawFn) -> str:
    """An HTML draft or an Inline XBRL filing: random trees, deep nesting, entities."""
    parts = draw(st.lists(html_node(), max_size=12))
    depth = draw(st.integers(0, 5000))
    tag = draw(st.sampled_from(("div", "span", "ix:nonNumeric", "table", "b")))
    nested = f"<{tag}>" * depth + "Item 1C. Cybersecurity" + f"</{tag}>" * depth
    entity = draw(st.sampled_from(("&amp;", "&#0;", "&#xD800;", "&#99999999;", "&nbsp;",
                                   "&bogus;", "<![CDATA[x]]>", "<!-- c -->", "<?pi x?>")))
    head = draw(st.sampled_from((
        "<html><body>",
        '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml" '
        'xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"><body>',
        "<!DOCTYPE html><html><head><title>10-K</title></head><body>", "")))
    return head + "".join(parts) + nested + entity + "</body></html>"


# -- strategies: mutated real files ------------------------------------------------------------

@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """A real file truncated, with bytes flipped, inserted, deleted or duplicated."""
    for _ in range(draw(st.integers(1, 4))):
        if not data:
            break
        at = draw(st.integers(0, len(data))) if draw(st.booleans()) else int(
            draw(st.floats(0, 1)) * len(data))
        span = draw(st.integers(0, min(4096, len(data) - at)))
        kind = draw(st.sampled_from(("truncate", "flip", "insert", "delete", "duplicate")))
        if kind == "truncate":
            data = data[:at]
        elif kind == "flip" and at < len(data):
            data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
        elif kind == "insert":
            data = data[:at] + draw(st.binary(max_size=64)) + data[at:]
        elif kind == "delete":
            data = data[:at] + data[at + span :]
        else:
            data = data[:at] + data[at : at + span] * draw(st.integers(2, 50)) + data[at + span :]
    return data


def corpus_file(paths: list[Path]) -> st.SearchStrategy[bytes]:
    return st.sampled_from(paths).map(lambda p: p.read_bytes())


def dev_text() -> st.SearchStrategy[bytes]:
    return st.sampled_from(DEV).map(lambda p: json.loads(p.read_text())["text"].encode())


@st.composite
def rpage_doc(draw: st.DrawFn) -> str:
    """An EDGAR R page: label and value lines, flags, text blocks, chrome, broken pairs."""
    label = st.sampled_from(("Cybersecurity Risk Management Processes for Assessing, "
                             "Identifying, and Managing Threats [Text Block]",
                             "Cybersecurity Risk Management Third Party Engaged [Flag]",
                             "Cybersecurity Risk Board of Directors Oversight [Text Block]",
                             "Document Type", "X", "- References", "+ Details", ""))
    rows = draw(st.lists(st.tuples(label, st.one_of(unicode_text(60), st.sampled_from(
        ("true", "false", "", "|", "[Text Block]")))), max_size=15))
    return "\n".join(f"|{lab}\n|{value}" for lab, value in rows)


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
                content = draw(st.one_of(st.binary(max_size=200), _text(html_doc()),
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


def load_pack_files(files: PackFiles) -> None:
    """The property for a pack: it compiles (and its examples run) or a PackError says where."""
    from linter.packs import load_pack
    from linter.packs.tooling import test_packs

    with tempfile.TemporaryDirectory(prefix="fuzz-pack-") as folder:
        root = Path(folder) / "pack"
        (root / "rules").mkdir(parents=True)
        (root / "pack.yaml").write_text(files.pack, encoding="utf-8", errors="surrogatepass")
        for name, text in files.rules:
            (root / "rules" / name).write_text(text, encoding="utf-8", errors="surrogatepass")
        with time_limit():
            try:
                pack = load_pack(str(root), use_cache=False)
            except PackError as exc:
                assert str(exc) and "\n" not in str(exc).strip(), str(exc)
                return
            test_packs([pack], verbose=True)


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


def load_config_text(name: str, text: str, draft: bytes) -> None:
    """The property for a configuration: it loads and a draft under it lints, or one clean
    error names the file."""
    from linter.config import load_config

    with tempfile.TemporaryDirectory(prefix="fuzz-config-") as folder:
        path = Path(folder) / name
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        (Path(folder) / "drafts").mkdir()
        (Path(folder) / "drafts" / "a.md").write_bytes(draft)
        with time_limit():
            try:
                config = load_config(str(path))
                config.settings_for(str(Path(folder) / "drafts" / "a.md"))
            except ConfigError as exc:
                assert "\n" not in str(exc).strip(), str(exc)
                return
            from linter.api import CheckOptions
            from linter.runner import run

            with _debug():
                try:
                    result = run([str(Path(folder) / "drafts" / "a.md")],
                                 CheckOptions(config=str(path)))
                except LintError as exc:
                    assert "\n" not in str(exc).strip(), str(exc)
                    return
            for error in result.errors:
                assert not error.message.startswith("internal error"), str(error)


# -- targets ----------------------------------------------------------------------------------

Check = Callable[..., object]


@dataclass(frozen=True)
class Target:
    """A strategy and the property its examples must keep."""

    strategy: st.SearchStrategy[Any]
    check: Check


def _draft(suffix: str, input_format: str | None = None,
           form: str | None = None) -> Callable[[bytes], object]:
    def check(data: bytes) -> object:
        return lint_bytes(data, suffix, form, input_format)
    return check


def _text(text: st.SearchStrategy[str]) -> st.SearchStrategy[bytes]:
    """Mostly UTF-8 (lone surrogates kept as bytes), sometimes another encoding."""
    utf8 = text.map(lambda t: t.encode("utf-8", "surrogatepass"))
    return st.one_of(utf8, utf8, encoded(text))


TARGETS: dict[str, Target] = {
    "text": Target(st.one_of(_text(plain_doc()), huge_line()), _draft(".txt")),
    "text-bytes": Target(st.binary(max_size=2000), _draft(".txt")),
    "markdown": Target(st.one_of(_text(markdown_doc()), huge_line()), _draft(".md")),
    "html": Target(_text(html_doc()), _draft(".html")),
    "filing": Target(st.one_of(corpus_file(EIGHT_KS).flatmap(mutated),
                               corpus_file(FILINGS[:1]).flatmap(mutated)), _draft(".htm")),
    "docx": Target(docx_doc(), _draft(".docx")),
    "rpage": Target(st.one_of(_text(rpage_doc()), corpus_file(SEEDS).flatmap(mutated)),
                    _draft(".txt")),
    "dev-text": Target(dev_text().flatmap(mutated), _draft(".txt")),
    "detect": Target(st.one_of(corpus_file(SEEDS + EIGHT_KS).flatmap(mutated),
                               st.binary(max_size=500)), _draft("")),
    "forced-format": Target(st.tuples(st.sampled_from(("text", "markdown", "html", "docx",
                                                       "rpage")), corpus_file(
        SEEDS + EIGHT_KS[:2]).flatmap(mutated)),
        lambda args: lint_bytes(args[1], ".txt", None, args[0])),
    "pack": Target(pack_files(), load_pack_files),
    "config": Target(st.tuples(config_text(), _text(markdown_doc())),
                     lambda args: load_config_text(*args[0], args[1])),
}

