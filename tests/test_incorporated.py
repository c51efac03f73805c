"""A section that only cross-refers (incorporation by reference, a pointer to another item or
document) is reported once, in every input format, full filings included; a section that
cross-refers and also discloses is linted as usual."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from docx_build import SEED_MAIN, build_section, dev_paragraphs

from linter.api import load_document
from linter.engine import lint
from linter.inputs import Source
from linter.packs import load_pack
from linter.parsers import parse
from linter.results import DocumentResult, Status
from linter.scope import locate

RULE = "incorporated-by-reference"
# The shapes of cross-reference a filer writes in place of the item (none copied from a filing)
POINTERS = {
    "found-in-annual-report": (
        "10-K", "Information in response to this Item 1C can be found in the section entitled "
        "“Cybersecurity Risk Management and Governance” of our Annual Report to Shareholders for "
        "the fiscal year ended December 31, 2024, filed as Exhibit 13 to this report, and is "
        "incorporated herein by reference."),
    "proxy-caption": (
        "10-K", "The information required by this Item is included under the caption “Board "
        "Oversight of Risk—Cybersecurity” in our definitive Proxy Statement for the 2025 Annual "
        "Meeting of Shareholders and is incorporated herein by reference."),
    "see-item-7": (
        "10-K", "See “Cybersecurity” in Item 7, Management\u2019s Discussion and Analysis of "
        "Financial Condition and Results of Operations, of this Annual Report on Form 10-K."),
    "20-F-set-out": (
        "20-F", "The information required by Item 16K is set out in “Risk management and "
        "internal control—Cybersecurity” on pages 84 to 86 of the Annual Report 2024, which is "
        "included as Exhibit 15.1 to this annual report."),
}
# Real cross-references of other items in the full 10-Ks of the corpus, read from the filings
# and pointed at Item 1C (their wording is the filers', the item number ours).
REAL = {
    "ibm-10-k-2025-02-25.html": re.compile(
        r"Refer to pages \d+ through \d+ of [^.]{0,80}Annual Report[^.]{0,40}, which are "
        r"incorporated herein by reference\."),
    "amzn-10-k-2025-02-07.html": re.compile(
        r"Information required by Item 11 of Part III is included in our Proxy Statement "
        r"[^.]{0,120}and is incorporated herein by reference\."),
    "unp-10-k-2025-02-07.html": re.compile(
        r"Information on related transactions is set forth in [^.]{0,160}and is incorporated "
        r"herein by reference\."),
}
_TAGS = re.compile(r"<[^>]+>")
_MENTION = re.compile(r"item(?:\s|&#160;|&#xa0;|<[^<>]*>)*1c", re.IGNORECASE)
_ITEM_2 = re.compile(r"item(?:\s|&#160;|&#xa0;|<[^<>]*>)*2\.", re.IGNORECASE)


def _real_pointer(corpus: Path, name: str) -> str:
    raw = (corpus / "filings" / name).read_text(encoding="ascii")
    text = " ".join(html.unescape(_TAGS.sub(" ", raw)).split())
    found = REAL[name].search(text)
    assert found is not None, name
    return found.group().replace("Item 11 of Part III", "Item 1C of Part I")


def _incorporated_once(result: DocumentResult) -> None:
    assert [f.rule for f in result.findings] == [RULE]
    assert len(result.requirements) == 12
    assert {r.status for r in result.requirements} == {Status.NOT_APPLICABLE}


def _heading(form: str) -> str:
    return "Item 16K. Cybersecurity" if form == "20-F" else "Item 1C. Cybersecurity"


def _write(folder: Path, fmt: str, heading: str, paragraphs: list[str]) -> Path:
    if fmt == "docx":
        return build_section(folder / "draft.docx", heading, paragraphs)
    if fmt == "html":
        body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
        text = f"<html><body><h2>{html.escape(heading)}</h2>{body}</body></html>"
        suffix = ".html"
    elif fmt == "markdown":
        text, suffix = f"## {heading}\n\n" + "\n\n".join(paragraphs) + "\n", ".md"
    else:
        text, suffix = f"{heading.upper()}\n\n" + "\n\n".join(paragraphs) + "\n", ".txt"
    path = folder / f"draft{suffix}"
    path.write_text(text, encoding="utf-8")
    return path


FORMATS = ("text", "markdown", "html", "docx")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("shape", sorted(POINTERS))
def test_a_pointer_alone_is_reported_once(tmp_path: Path, fmt: str, shape: str) -> None:
    form, pointer = POINTERS[shape]
    document = load_document(str(_write(tmp_path, fmt, _heading(form), [pointer])))
    assert document.form == form
    _incorporated_once(lint(document, [load_pack("item1c")]))


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", sorted(REAL))
def test_real_cross_reference_wording(corpus: Path, tmp_path: Path, fmt: str, name: str) -> None:
    pointer = _real_pointer(corpus, name)
    document = load_document(str(_write(tmp_path, fmt, "Item 1C. Cybersecurity", [pointer])))
    _incorporated_once(lint(document, [load_pack("item1c")]))


def _rpage(corpus: Path, paragraph: str) -> bytes:
    """Seed 000 (a real R page) with its main text block's body replaced by ``paragraph`` and
    its other text blocks left out; its flags and the viewer chrome are kept."""
    lines = next(corpus.glob("seeds/000_*.txt")).read_text(encoding="utf-8").splitlines()
    main = lines.index(SEED_MAIN)
    out = [*lines[: main + 2], paragraph]  # the label and its lone "|" line
    skip = True  # the main block's own paragraphs
    for line in lines[main + 2 :]:
        if line.startswith("|") and ("[Flag]" in line or "[Text Block]" in line or line == "|X"):
            skip = "[Text Block]" in line
        if not skip:
            out.append(line)
    return ("\n".join(out) + "\n").encode("utf-8")


@pytest.mark.parametrize("shape", sorted(POINTERS))
def test_rpage_whose_text_block_only_cross_refers(corpus: Path, shape: str) -> None:
    document = locate(parse(Source("r.txt", _rpage(corpus, POINTERS[shape][1])), None))
    assert document.format == "rpage"
    assert [b.text for b in document.blocks] == [POINTERS[shape][1]]
    _incorporated_once(lint(document, [load_pack("item1c")]))


def _replace_item_1c_body(raw: str, paragraph_html: str) -> str:
    """The filing with everything between its real Item 1C heading and the Item 2 heading
    replaced (the first mention of Item 1C is the contents' line)."""
    heading = list(_MENTION.finditer(raw))[1]
    start = raw.index("</div>", heading.end()) + len("</div>")
    end = raw.rindex("<div", 0, _ITEM_2.search(raw, start).start())
    return raw[:start] + paragraph_html + raw[end:]


@pytest.mark.parametrize("name", ["amzn-10-k-2025-02-07.html", "ba-10-k-2025-02-03.html",
                                  "ibm-10-k-2025-02-25.html", "unp-10-k-2025-02-07.html"])
@pytest.mark.parametrize("shape", ["found-in-annual-report", "see-item-7"])
def test_full_filing_whose_item_1c_only_cross_refers(corpus: Path, name: str,
                                                     shape: str) -> None:
    # A real 10-K with its Item 1C body replaced, in memory, by a cross-reference paragraph.
    raw = (corpus / "filings" / name).read_text(encoding="ascii")
    pointer = POINTERS[shape][1]
    edited = _replace_item_1c_body(raw, f"<div><span>{html.escape(pointer)}</span></div>")
    document = locate(parse(Source(name, edited.encode("ascii", "xmlcharrefreplace")), None))
    scope = document.scope
    assert document.format == "inline-xbrl" and scope is not None and scope.found
    assert len(document.blocks) < 100  # the cover page and the item, not the whole filing
    inside = [b.text for b in document.blocks[scope.section.first : scope.section.end]]
    assert inside[-1] == pointer and "".join(inside[:-1]).replace(" ", "").lower() in (
        "item1c.cybersecurity", "item1c.cybersecurity:")
    _incorporated_once(lint(document, [load_pack("item1c")]))


def test_full_filing_with_the_pointer_run_in_with_the_heading(corpus: Path) -> None:
    # The IBM 10-K answers its Items 7 to 14 as "Item 7. …: Refer to pages …" (a bold heading
    # and the pointer in one paragraph); here, in memory, its Item 1C is written that way.
    raw = (corpus / "filings" / "ibm-10-k-2025-02-25.html").read_text(encoding="ascii")
    heading = list(_MENTION.finditer(raw))[1]
    start = raw.rindex("<div", 0, heading.start())
    end = raw.rindex("<div", 0, _ITEM_2.search(raw, heading.end()).start())
    run_in = ('<div><span style="font-weight:700">Item 1C. Cybersecurity:</span><span> Refer '
              "to the section titled &#8220;Cybersecurity&#8221; on pages 40 and 41 of the 2024 "
              "Annual Report to Stockholders, which is incorporated herein by reference.</span>"
              "</div>")
    document = locate(parse(Source("ibm.html", (raw[:start] + run_in + raw[end:]).encode()), None))
    scope = document.scope
    assert scope is not None and scope.found and scope.section.title == "Item 1C. Cybersecurity"
    assert scope.section.end - scope.section.first == 1
    _incorporated_once(lint(document, [load_pack("item1c")]))


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_pointer_beside_real_disclosure_is_not_incorporation(
        corpus: Path, tmp_path: Path, fmt: str) -> None:
    # Two sentences of a real filing's disclosure, then the pointer: short, but it discloses.
    disclosure = " ".join(dev_paragraphs(corpus, 1, per=2)[0].split()[:35])
    pointer = POINTERS["proxy-caption"][1]
    document = load_document(str(_write(tmp_path, fmt, "Item 1C. Cybersecurity",
                                        [disclosure, pointer])))
    result = lint(document, [load_pack("item1c")])
    assert RULE in [f.rule for f in result.findings]
    assert {r.status for r in result.requirements} & {Status.MET, Status.PARTIAL}
    assert Status.NOT_APPLICABLE not in {r.status for r in result.requirements}


@pytest.mark.parametrize("sentence", [
    "For more information on the risks we face, see Item 1A, “Risk Factors.”",
    "Our security policies are on our website, which is not incorporated by reference into "
    "this report.",
    "See “Incident Response” below.",
])
def test_asides_are_not_cross_references(tmp_path: Path, sentence: str) -> None:
    document = load_document(str(_write(tmp_path, "markdown", "Item 1C. Cybersecurity",
                                        [sentence])))
    result = lint(document, [load_pack("item1c")])
    assert RULE not in [f.rule for f in result.findings]
    assert Status.MISSING in {r.status for r in result.requirements}


@pytest.mark.parametrize("pointer", [
    "The disclosure called for by Item 106 of Regulation S-K is included in Part I, Item 1, "
    "“Business—Cybersecurity,” of this Annual Report.",
    "Reference is made to the information under the heading “Cybersecurity” on pages 42-43 of "
    "the 2024 Annual Report, which information is incorporated herein by reference.",
    "See “Item 4. Information on the Company—B. Business Overview—Cybersecurity.”",
    "Refer to pages 112\u2013114 of our Annual Report 2024 (Exhibit 15.1).",
    "The response to this item is included in “Risk Management—Cybersecurity” in Item 1 of this "
    "report.",
    "Our cybersecurity disclosure appears in the “Risk Oversight” section of our Proxy Statement "
    "for the 2025 annual meeting, which is incorporated by reference into this Item 1C.",
])
def test_other_wordings_of_a_cross_reference(tmp_path: Path, pointer: str) -> None:
    document = load_document(str(_write(tmp_path, "markdown", "Item 1C. Cybersecurity",
                                        [pointer])))
    _incorporated_once(lint(document, [load_pack("item1c")]))
