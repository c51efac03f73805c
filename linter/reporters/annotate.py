"""Cut the section's blocks into highlighted pieces: evidence and finding spans, by offset."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any

_WORST = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    kind: str  # "evidence" or "finding"
    label: str  # requirement id, or the finding's number
    severity: str = ""


def spans(doc: dict[str, Any], numbered: list[tuple[int, dict[str, Any]]]) -> list[Span]:
    """Evidence of every requirement and every numbered finding, as offset spans."""
    out = [Span(e["start"], e["end"], "evidence", r["id"])
           for r in doc["requirements"] for e in r["evidence"] if "start" in e and "end" in e]
    out += [Span(f.get("start", 0), f.get("end", 0), "finding", str(n), f["severity"])
            for n, f in numbered]
    return out


def _cuts(start: int, length: int, spans: list[Span]) -> list[int]:
    cuts = {0, length}
    for s in spans:
        for point in (s.start - start, s.end - start):
            if 0 < point < length:
                cuts.add(point)
    return sorted(cuts)


def block_pieces(block: dict[str, Any], spans: list[Span]) -> list[dict[str, Any]]:
    """The block's text as pieces, each with the evidence and findings covering it and the
    finding markers that end there."""
    text, start = block["text"], block["start"]
    pieces = []
    cuts = _cuts(start, len(text), spans)
    for a, b in pairwise(cuts):
        lo, hi = start + a, start + b
        covering = [s for s in spans if s.start < hi and s.end > lo]
        evidence = sorted({s.label for s in covering if s.kind == "evidence"})
        hits = [s for s in covering if s.kind == "finding"]
        ending = [s.label for s in spans if s.kind == "finding" and s.end == hi > s.start]
        worst = min((s.severity for s in hits), key=lambda v: _WORST.get(v, 3), default="")
        pieces.append({"text": text[a:b], "evidence": evidence, "severity": worst,
                       "findings": [s.label for s in hits], "markers": ending})
    return pieces


def annotated_blocks(doc: dict[str, Any], numbered: list[tuple[int, dict[str, Any]]]
                     ) -> list[dict[str, Any]]:
    """Each block with its pieces and the notes (numbered findings) that start in it."""
    all_spans = spans(doc, numbered)
    blocks = doc.get("blocks", [])
    notes: dict[int, list[tuple[int, dict[str, Any]]]] = {i: [] for i in range(len(blocks))}
    for n, f in numbered if blocks else ():  # no text at all: the findings are only listed
        notes[_home(blocks, f.get("start", 0))].append((n, f))
    out = []
    for i, block in enumerate(blocks):
        pieces = block_pieces(block, all_spans)
        points = [str(n) for n, f in notes[i] if f.get("end", 0) <= f.get("start", 0)]
        if points and pieces:  # a finding with no extent: its marker goes at the start of its block
            pieces[0] = {**pieces[0], "markers": [*points, *pieces[0]["markers"]]}
        out.append({**block, "pieces": pieces,
                    "notes": [{"number": n, **f} for n, f in notes[i]]})
    return out


def _home(blocks: list[dict[str, Any]], offset: int) -> int:
    """The index of the block holding ``offset`` (the first block when none does)."""
    home = 0
    for i, block in enumerate(blocks):
        if block["start"] <= offset:
            home = i
    return home
