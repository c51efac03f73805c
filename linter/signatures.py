"""The date a report was signed, read under its signatures."""

from __future__ import annotations

import dataclasses
import re
from functools import cache

from linter.model import Document

_SIGNATURE = re.compile("signature", re.IGNORECASE)  # in the text of every signature date
_TAG = re.compile(r"<[^<>]*>")
_ENTITY_SPACE = re.compile(r"&(?:nbsp|#160|#xa0);", re.IGNORECASE)


# A current report is signed and dated the day it is filed: "SIGNATURES … Date: June 13, 2025".
@cache
def _signed() -> re.Pattern[str]:
    """Compiled on first use: a draft has no signatures."""
    return re.compile(r"\bsignatures?\b(?:.(?!\bsignatures?\b)){0,4000}?\bdated?\s*:?\s*"
                      r"([A-Za-z]+\s+\d{1,2}\s*,?\s*\d{4}|\d{1,2}\s+[A-Za-z]+\s+\d{4})",
                      re.IGNORECASE | re.DOTALL)


def signature_date(text: str) -> str | None:
    """The date under a report's signatures, as written (``June 13, 2025``)."""
    if not _SIGNATURE.search(text):
        return None
    found = None
    for m in _signed().finditer(text):
        found = m.group(1)
    return " ".join(found.split()) if found else None


def signature_date_in_source(raw: bytes) -> str | None:
    """The same, read from an HTML source's last signatures heading on (markup dropped)."""
    at = raw.lower().rfind(b"signature")
    if at < 0:
        return None
    tail = _ENTITY_SPACE.sub(" ", raw[at:].decode("utf-8", "replace"))
    return signature_date(_TAG.sub(" ", tail).replace("\xa0", " "))


def with_signature_date(document: Document) -> Document:
    """``document`` with the date it was signed (meta ``signed``) when its text shows it and
    its parser did not already read it."""
    if "signed" in dict(document.meta) or not (signed := signature_date(document.text)):
        return document
    return dataclasses.replace(document, meta=(*document.meta, ("signed", signed)))
