"""Hypothesis strategies for text inputs: Unicode, plain text, Markdown, HTML and Inline XBRL,
EDGAR R pages, and real corpus files truncated or mutated (see tests/fuzzing.py)."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"

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


def as_bytes(text: st.SearchStrategy[str]) -> st.SearchStrategy[bytes]:
    """Mostly UTF-8 (lone surrogates kept as bytes), sometimes another encoding."""
    utf8 = text.map(lambda t: t.encode("utf-8", "surrogatepass"))
    return st.one_of(utf8, utf8, encoded(text))
