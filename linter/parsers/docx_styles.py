"""Word style facts the .docx parser needs: heading level, list and bold, through basedOn."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from linter.parsers.docx_text import w

# w:name of built-in styles is English whatever the UI language ("heading 1", "Title").
_HEADING_NAME = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)
_OFF = frozenset({"0", "false", "off"})
_MAX_DEPTH = 20  # basedOn chains are short; a cycle in a damaged file must not loop forever


@dataclass(frozen=True, slots=True)
class StyleDef:
    name: str
    based_on: str | None
    outline: int | None  # w:outlineLvl value (0-9; 9 = body text)
    numbered: bool  # w:numPr with a non-zero numId
    bold: bool | None


def on_off(element: Any) -> bool | None:
    """A w:b-like toggle: absent -> None; present -> True unless w:val says off."""
    if element is None:
        return None
    return element.get(w("val"), "true").lower() not in _OFF


def outline_level(ppr: Any) -> int | None:
    if ppr is None:
        return None
    el = ppr.find(w("outlineLvl"))
    value = el.get(w("val")) if el is not None else None
    return int(value) if value is not None and value.isdigit() else None


def numbered(ppr: Any) -> bool | None:
    """True if the pPr applies numbering, False if it removes it (numId 0), None if silent."""
    num = ppr.find(w("numPr")) if ppr is not None else None
    if num is None:
        return None
    num_id = num.find(w("numId"))
    return num_id is None or num_id.get(w("val")) != "0"


class Styles:
    """The document's style table, resolved through ``basedOn``."""

    def __init__(self, styles_element: Any | None) -> None:
        self._defs: dict[str, StyleDef] = {}
        self.default_paragraph: str | None = None
        for style in styles_element.iter(w("style")) if styles_element is not None else ():
            style_id = style.get(w("styleId"))
            if not style_id:
                continue
            is_default = style.get(w("default"), "0").lower() in ("1", "true", "on")
            paragraph_style = style.get(w("type")) == "paragraph"
            if paragraph_style and is_default and self.default_paragraph is None:
                self.default_paragraph = style_id
            self._defs[style_id] = _read_style(style)

    def _chain(self, style_id: str | None) -> list[StyleDef]:
        chain: list[StyleDef] = []
        while style_id and style_id in self._defs and len(chain) < _MAX_DEPTH:
            chain.append(self._defs[style_id])
            style_id = self._defs[style_id].based_on
        return chain

    def heading_level(self, style_id: str | None) -> int:
        """1-9 for a heading or title style (or one based on it), else 0."""
        for style in self._chain(style_id or self.default_paragraph):
            m = _HEADING_NAME.match(style.name)
            if m:
                return int(m.group(1))
            if style.name.lower() == "title":
                return 1
            if style.outline is not None:
                return style.outline + 1 if style.outline < 9 else 0
        return 0

    def is_list(self, style_id: str | None) -> bool:
        for style in self._chain(style_id or self.default_paragraph):
            if style.name.lower().startswith("list"):
                return True
            if style.numbered:
                return True
        return False

    def bold(self, style_id: str | None, paragraph: bool = True) -> bool:
        start = style_id or (self.default_paragraph if paragraph else None)
        for style in self._chain(start):
            if style.bold is not None:
                return style.bold
        return False


def _read_style(style: Any) -> StyleDef:
    name_el, based_el = style.find(w("name")), style.find(w("basedOn"))
    ppr, rpr = style.find(w("pPr")), style.find(w("rPr"))
    return StyleDef(
        name=(name_el.get(w("val")) if name_el is not None else "") or "",
        based_on=based_el.get(w("val")) if based_el is not None else None,
        outline=outline_level(ppr),
        numbered=bool(numbered(ppr)),
        bold=on_off(rpr.find(w("b"))) if rpr is not None else None,
    )
