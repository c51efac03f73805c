"""HTML vocabulary and text normalisation shared by the HTML parser and the Inline XBRL reader."""

from __future__ import annotations

import re
from functools import lru_cache

IX_NAMESPACES = frozenset({"http://www.xbrl.org/2013/inlineXBRL", "http://www.xbrl.org/2008/inlineXBRL"})

# Elements whose content is a block of its own; everything else is inline (text flows on).
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "legend", "li", "main", "menu",
    "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "ul", "continuation",
})
HEADING_TAGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
LIST_TAGS = frozenset({"li", "dt", "dd"})
CELL_TAGS = frozenset({"td", "th"})

# Inline markup merged into the surrounding text before blocks are read ({*} = any namespace).
INLINE_TAGS = tuple("{*}" + t for t in (
    "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font",
    "i", "ins", "kbd", "label", "mark", "nobr", "q", "s", "samp", "small", "span", "strike",
    "strong", "sub", "sup", "time", "tt", "u", "var", "wbr",
    # Inline XBRL wrappers: their text is the document's text.
    "nonNumeric", "nonFraction", "exclude", "fraction", "numerator", "denominator", "tuple",
    "footnote",
))
# Content no reader sees. ix:header holds the hidden facts and contexts, read separately.
HIDDEN_TAGS = ("{*}head", "{*}script", "{*}style", "{*}noscript", "{*}template", "{*}title",
               "{http://www.xbrl.org/2013/inlineXBRL}header",
               "{http://www.xbrl.org/2008/inlineXBRL}header")

# Zero-width characters and the soft hyphen vanish; every Unicode space (NBSP, thin space,
# en space …) is whitespace to str.split, so collapsing handles them.
_VANISH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def collapse(text: str) -> str:
    """Zero-width characters removed, every run of whitespace (NBSP included) one space."""
    if not text.isascii() and (
        "\u200b" in text or "\u200c" in text or "\u200d" in text or "\u2060" in text
        or "\ufeff" in text or "\u00ad" in text
    ):  # six substring tests run faster than one regular expression over a paragraph
        text = _VANISH.sub("", text)
    return " ".join(text.split())


@lru_cache(maxsize=512)
def local_name(tag: str) -> str:
    """``{ns}div`` or ``ix:nonNumeric`` (as the HTML parser names it) → ``div`` / ``nonNumeric``."""
    return tag.rpartition("}")[2].rpartition(":")[2].lower()
