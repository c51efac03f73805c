"""Sentence splitter: filing abbreviations, lists, quotations, offsets, speed, real text."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from linter.model import Anchor, Block, BlockKind, Location
from linter.sentences import split_blocks, split_text


def _split(text: str) -> list[str]:
    return [text[a:b] for a, b in split_text(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Acme Inc. and Foo Corp. engage assessors. We test.",
     ["Acme Inc. and Foo Corp. engage assessors.", "We test."]),
    ("We are a subsidiary of Acme, Inc. We report to its board.",
     ["We are a subsidiary of Acme, Inc.", "We report to its board."]),
    ("We serve the U.S. Government and U.K. Ltd. clients in the U.S. Our CISO reports monthly.",
     ["We serve the U.S. Government and U.K. Ltd. clients in the U.S.",
      "Our CISO reports monthly."]),
    ("Threats, e.g. phishing, i.e. fraud, etc. are assessed. See Item 1A. Risk Factors.",
     ["Threats, e.g. phishing, i.e. fraud, etc. are assessed.", "See Item 1A. Risk Factors."]),
    ("Mr. J. Smith and Dr. Jones met on Jan. 5 at St. Louis. No. 3 was adopted.",
     ["Mr. J. Smith and Dr. Jones met on Jan. 5 at St. Louis.", "No. 3 was adopted."]),
    ("The rate was 2.5 percent. Part I. Item 1C. Cybersecurity is below.",
     ["The rate was 2.5 percent.", "Part I. Item 1C. Cybersecurity is below."]),
    ("Our steps: 1. Identify threats. 2. Assess them. 3. Respond.",
     ["Our steps: 1. Identify threats.", "2. Assess them.", "3. Respond."]),
    ("We (i) identify threats and (ii) assess them. We also act.",
     ["We (i) identify threats and (ii) assess them.", "We also act."]),
    ("a. Monitoring all assets. b. Testing annually.",
     ["a. Monitoring all assets.", "b. Testing annually."]),
    ('He said "we are secure." The board disagreed. Is it? Yes!',
     ['He said "we are secure."', "The board disagreed.", "Is it?", "Yes!"]),
    ("We assess threats.Our team responds. Amazon.com is a site.",
     ["We assess threats.", "Our team responds.", "Amazon.com is a site."]),
    ("  Leading and trailing space.   ", ["Leading and trailing space."]),
])
def test_split(text: str, expected: list[str]) -> None:
    assert _split(text) == expected


def _blocks(paragraphs: list[str]) -> tuple[Block, ...]:
    out, offset = [], 0
    for n, para in enumerate(paragraphs):
        out.append(Block(BlockKind.PARAGRAPH, para, offset, (Anchor(0, Location(n + 1, 1)),)))
        offset += len(para) + 1
    return tuple(out)


def _dev_texts(corpus: Path) -> list[str]:
    paths = sorted((corpus / "item1c-dev").glob("*.json"))
    return [json.loads(p.read_text())["text"] for p in paths]


def test_real_text_offsets_and_sanity(corpus: Path) -> None:
    abbreviations = re.compile(r"\b(?:Inc|Corp|Co|Ltd|U\.S|U\.K|No|i\.e|e\.g|etc|Mr|Dr|St)\.$")
    lower_starts = 0
    words = sentences = 0
    for text in _dev_texts(corpus):
        paragraphs = [p for p in text.split("\n") if p.strip()]
        blocks = _blocks(paragraphs)
        joined = "\n".join(paragraphs)
        found = split_blocks(blocks)
        previous = ""
        for s in found:
            assert joined[s.start : s.end] == s.text == s.text.strip()
            if s.text[0].islower():
                lower_starts += 1
                assert not abbreviations.search(previous), (previous, s.text)
            previous = s.text
        words += len(text.split())
        sentences += len(found)
    assert lower_starts < 30  # only "b. …" list items and text the filer left in lower case
    assert 18 <= words / sentences <= 40, words / sentences


def test_known_filing_split(corpus: Path) -> None:
    seed = (corpus / "seeds" / "000_c9ce561330e11307.txt").read_text(encoding="utf-8")
    line = next(x for x in seed.split("\n") if x.startswith("Mr. Hui Jin"))
    assert _split(line) == [
        "Mr. Hui Jin, our chief executive officer, serves as the chairman of our information "
        "security committee.",
        "Mr. Jin is authorized to make decisions with regard to the cybersecurity matters of our "
        "company.",
    ]
    framework = next(x for x in seed.split("\n") if x.startswith("The framework"))
    assert len(_split(framework)) == 2  # "(i) … (iv)" enumerations do not split


def _best_of(runs: int, blocks: tuple[Block, ...]) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        split_blocks(blocks)
        best = min(best, time.perf_counter() - start)
    return best


def test_speed(corpus: Path) -> None:
    paragraphs = [p for t in _dev_texts(corpus) for p in t.split("\n") if p.strip()]
    section, count = [], 0
    for para in paragraphs:
        section.append(para)
        count += len(para.split())
        if count >= 2000:
            break
    assert _best_of(5, _blocks(section)) < 0.005
    whole, count = [], 0  # a long 10-K: about 80,000 words of prose
    for para in paragraphs:
        whole.append(para)
        count += len(para.split())
        if count >= 80_000:
            break
    assert count >= 80_000
    assert _best_of(3, _blocks(whole)) < 0.150
