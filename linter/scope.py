"""Locate the disclosure inside a document: Item 1C / 16K / 1.05 and its subsections."""

from __future__ import annotations

import dataclasses

from linter.model import Document, Scope, Section


def locate(document: Document) -> Document:
    """Return ``document`` with its scope set. A file that holds only the draft is the section."""
    title = document.blocks[0].text if document.blocks else ""
    whole = Section(title=title, level=0, heading=None, first=0, end=len(document.blocks))
    return dataclasses.replace(document, scope=Scope(item="", section=whole))
