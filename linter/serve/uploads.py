"""Receive the review form: stream each upload into a private folder, under size and count caps."""

from __future__ import annotations

import os
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from linter.inputs import max_bytes, too_large

FIELD_CAP = 64 * 1024  # a form field other than a file or the pasted text (names, a year)
FILE_FIELDS = ("files", "config")
PASTE_FIELD = "text"
PASTE_NAME = "pasted text"
_UNSAFE = re.compile(r"[\x00-\x1f\x7f]")
_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,10}$")


class UploadError(Exception):
    """A request the page cannot read at all: one line for the page, and an HTTP status."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True, slots=True)
class Limits:
    """How much one review may send: files (the pasted text counts as one) and bytes a file."""

    max_files: int = 20
    max_bytes: int = field(default_factory=max_bytes)

    @property
    def size_words(self) -> str:
        """The per-file cap for people: ``64 MiB``, or bytes when it is not a whole MiB."""
        mib, rest = divmod(self.max_bytes, 1024 * 1024)
        return f"{mib} MiB" if mib and not rest else f"{self.max_bytes:,} bytes"

    @property
    def max_body(self) -> int:
        """The whole request: every file at its cap, the configuration and the small fields."""
        return (self.max_files + 2) * self.max_bytes + 16 * FIELD_CAP


@dataclass(frozen=True, slots=True)
class Upload:
    """One file as received: the name its sender gave, where it sits, and any refusal."""

    name: str
    path: str
    size: int
    error: str = ""  # the CLI's words for a file refused before linting (too large, too many)


@dataclass(frozen=True, slots=True)
class Received:
    drafts: tuple[Upload, ...]
    config: Upload | None
    fields: tuple[tuple[str, str], ...]

    def field(self, name: str) -> str:
        return dict(self.fields).get(name, "").strip()


def display_name(filename: str) -> str:
    """The base name a browser sent (some send a full Windows path), without control
    characters; never used as a path on disk."""
    base = filename.replace("\\", "/").rsplit("/", 1)[-1]
    return _UNSAFE.sub("", base).strip()[:160] or "upload"


def disk_name(name: str) -> str:
    """A fixed stem and the sender's extension: detection reads the extension, nothing else of
    the name reaches the file system."""
    suffix = _SUFFIX.search(name)
    return "draft" + (suffix.group(0).lower() if suffix else "")


class _Part:
    """The part being received: its headers, then its bytes (to a file, or kept for a field)."""

    def __init__(self) -> None:
        self.headers: dict[str, str] = {}
        self.name = ""
        self.filename: str | None = None
        self.size = 0
        self.kept = bytearray()
        self.handle: IO[bytes] | None = None
        self.path = ""


class Collector:
    """python-multipart callbacks that write file parts to ``folder`` as they arrive."""

    def __init__(self, folder: Path, limits: Limits) -> None:
        self.folder, self.limits = folder, limits
        self.part = _Part()
        self.field_name, self.field_value = b"", b""
        self.drafts: list[Upload] = []
        self.config: Upload | None = None
        self.fields: list[tuple[str, str]] = []
        self.slots = 0

    def callbacks(self) -> dict[str, object]:
        return {"on_part_begin": self.begin, "on_header_field": self.header_field,
                "on_header_value": self.header_value, "on_header_end": self.header_end,
                "on_headers_finished": self.headers_done, "on_part_data": self.data,
                "on_part_end": self.end}

    def begin(self) -> None:
        self.part = _Part()

    def header_field(self, data: bytes, start: int, end: int) -> None:
        self.field_name += data[start:end]

    def header_value(self, data: bytes, start: int, end: int) -> None:
        self.field_value += data[start:end]

    def header_end(self) -> None:
        key = self.field_name.decode("latin-1").strip().lower()
        self.part.headers[key] = self.field_value.decode("utf-8", "replace")
        self.field_name, self.field_value = b"", b""

    def headers_done(self) -> None:
        from python_multipart.multipart import parse_options_header

        _, params = parse_options_header(self.part.headers.get("content-disposition", ""))
        self.part.name = params.get(b"name", b"").decode("utf-8", "replace")
        filename = params.get(b"filename")
        self.part.filename = None if filename is None else filename.decode("utf-8", "replace")
        if (self.part.name in FILE_FIELDS and self.part.filename) or self.part.name == PASTE_FIELD:
            self._open()

    def _open(self) -> None:
        self.slots += 1
        slot = self.folder / f"{self.slots:03d}"
        slot.mkdir(mode=0o700)
        shown = PASTE_NAME if self.part.filename is None else display_name(self.part.filename)
        self.part.path = str(slot / ("draft" if self.part.filename is None else disk_name(shown)))
        self.part.filename = shown
        fd = os.open(self.part.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        self.part.handle = os.fdopen(fd, "wb")

    def data(self, data: bytes, start: int, end: int) -> None:
        part, chunk = self.part, data[start:end]
        part.size += len(chunk)
        if part.handle is not None:
            if part.size <= self.limits.max_bytes:  # past the cap, only counted
                part.handle.write(chunk)
        elif len(part.kept) + len(chunk) <= FIELD_CAP:
            part.kept += chunk

    def end(self) -> None:
        part = self.part
        if part.handle is None:
            if part.name and part.filename is None:
                self.fields.append((part.name, part.kept.decode("utf-8", "replace")))
            return
        part.handle.close()
        if part.name == PASTE_FIELD and not part.size:
            os.unlink(part.path)  # the text box left empty is no upload
            return
        upload = Upload(part.filename or PASTE_NAME, part.path, part.size, self._refusal(part))
        if part.name == "config":
            self.config = upload
        else:
            self.drafts.append(upload)

    def _refusal(self, part: _Part) -> str:
        cap = self.limits.max_bytes
        if part.size > cap:  # the page says what the command line says
            return too_large(part.size, cap)
        if part.name != "config" and len(self.drafts) >= self.limits.max_files:
            return f"not read: at most {self.limits.max_files} files in one review"
        return ""

    def received(self) -> Received:
        return Received(tuple(self.drafts), self.config, tuple(self.fields))


async def receive(content_type: str, length: str | None, body: AsyncIterator[bytes],
                  folder: Path, limits: Limits) -> Received:
    """Parse a multipart/form-data body into ``folder``; UploadError for what cannot be read."""
    from python_multipart import MultipartParser
    from python_multipart.exceptions import MultipartParseError
    from python_multipart.multipart import parse_options_header

    kind, params = parse_options_header(content_type)
    if kind != b"multipart/form-data" or not params.get(b"boundary"):
        raise UploadError("the form must be sent as multipart/form-data", 415)
    too_big = f"the upload is over the {limits.max_body:,}-byte limit of one review"
    if length and length.isdigit() and int(length) > limits.max_body:
        raise UploadError(too_big, 413)
    collector = Collector(folder, limits)
    parser = MultipartParser(params[b"boundary"], collector.callbacks())  # type: ignore[arg-type]
    total = 0
    try:
        async for chunk in body:
            total += len(chunk)
            if total > limits.max_body:
                raise UploadError(too_big, 413)
            parser.write(chunk)
        parser.finalize()
    except MultipartParseError as exc:
        raise UploadError(f"the form data is malformed: {exc}") from None
    finally:
        if collector.part.handle is not None:
            collector.part.handle.close()
    return collector.received()
