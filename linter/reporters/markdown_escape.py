"""Escape draft text for Markdown (GitHub-flavoured): inline text and table cells."""

from __future__ import annotations

import re

from markupsafe import Markup

# Characters that start Markdown constructs inline; escaping them keeps draft text literal.
_ACTIVE = re.compile(r"([\\`*_\[\]<>#|~!])")
_SPACES = re.compile(r"\s+")


def inline(text: object) -> Markup:
    """Literal text in a Markdown paragraph: Markdown syntax and HTML tags neutralised.

    ``&`` becomes ``&amp;`` so that an entity in the draft is shown, not decoded."""
    value = _SPACES.sub(" ", str(text)).strip().replace("&", "&amp;")
    return Markup(_ACTIVE.sub(r"\\\1", value))


def cell(text: object) -> Markup:
    """Literal text in a table cell: as ``inline``, on one line (pipes escaped by ``inline``)."""
    return inline(text)
