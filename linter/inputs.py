"""Read an input's bytes safely and decode text: size cap, binary check, encodings."""

from __future__ import annotations

import codecs
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from linter.errors import InputError

MAX_BYTES = 64 * 1024 * 1024  # the largest 10-K on EDGAR is ~15 MB of HTML
MAX_BYTES_ENV = "DISCLOSURE_LINT_MAX_BYTES"
STDIN = "<stdin>"

# Byte-order marks and their codecs; UTF-32-LE before UTF-16-LE, whose mark is its prefix.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CP1252_FALLBACK = "disclosure-lint-cp1252"


@dataclass(frozen=True, slots=True)
class Source:
    """The raw input: where it came from and its bytes."""

    path: str
    data: bytes


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text and how it was decoded (``utf-8+cp1252``: UTF-8 with cp1252 stretches)."""

    text: str
    encoding: str


def max_bytes() -> int:
    """The size cap: ``DISCLOSURE_LINT_MAX_BYTES`` if set to a positive integer, else 64 MiB."""
    raw = os.environ.get(MAX_BYTES_ENV, "").strip()
    return int(raw) if raw.isdigit() and int(raw) > 0 else MAX_BYTES


def read_source(path: str, limit: int | None = None) -> Source:
    """Read a file (or standard input for ``-``) with a size cap."""
    cap = limit if limit is not None else max_bytes()
    if path == "-":
        data, name = sys.stdin.buffer.read(cap + 1), STDIN
    else:
        data, name = _read_file(path, cap), path
    if len(data) > cap:
        raise InputError(name, f"input is over the {cap:,}-byte limit")
    if not data.strip():
        raise InputError(name, "file is empty")
    return Source(name, data)


def too_large(size: int, cap: int) -> str:
    """The words for a file over the size cap (the command line and the review page)."""
    return f"file is {size:,} bytes, over the {cap:,}-byte limit"


def _read_file(path: str, cap: int) -> bytes:
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(path, "is a folder holding no drafts (.txt, .md, .htm, .html, .docx)")
        size = p.stat().st_size
        if size > cap:
            raise InputError(path, too_large(size, cap))
        with p.open("rb") as fh:
            # read(cap + 1) would allocate the whole cap (64 MiB) for every file; read what
            # stat promised, and on only if the file grew since.
            data = fh.read(size + 1)
            return data + fh.read(cap + 1 - len(data)) if len(data) > size else data
    except IsADirectoryError:
        raise InputError(path, "is a folder") from None
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None


def decode_text(source: Source) -> str:
    """The decoded text of ``source`` (see :func:`decode`)."""
    return decode(source).text


def decode(source: Source) -> Decoded:
    """Decode text: a byte-order mark wins, then UTF-16 recognised by its NUL pattern, then UTF-8.

    Bytes that are not UTF-8 are read as Windows-1252 (Word exports, smart quotes), stretch by
    stretch, so a UTF-8 file with one stray cp1252 quote keeps both its UTF-8 text and the
    quote; a byte cp1252 leaves undefined is refused, never replaced. Binary data is refused."""
    data = source.data
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _checked(source, _strict(source, data[len(bom) :], encoding), encoding)
    utf16 = bomless_utf16(data)
    if utf16:
        return _checked(source, _strict(source, data, utf16), utf16)
    if b"\x00" in data[:65536]:
        raise InputError(source.path, "binary file (contains NUL bytes), not a text draft")
    try:
        return _checked(source, data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("utf-8", _CP1252_FALLBACK)
    except UnicodeDecodeError as exc:
        raise InputError(
            source.path,
            f"not UTF-8 or Windows-1252 text (byte 0x{data[exc.start]:02x} at offset {exc.start})",
        ) from None
    try:
        whole = data.decode("cp1252") == text
    except UnicodeDecodeError:
        whole = False
    return _checked(source, text, "cp1252" if whole else "utf-8+cp1252")


def _strict(source: Source, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        message = f"not valid {encoding}: {exc.reason} at offset {exc.start}"
        raise InputError(source.path, message) from None


def bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII-heavy text leaves every other byte NUL."""
    sample = data[:4096]
    if len(sample) < 8 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _checked(source: Source, text: str, encoding: str) -> Decoded:
    if not text.strip():
        raise InputError(source.path, "file is empty")
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if controls / len(sample) > 0.02 or "\x00" in sample:
        raise InputError(source.path, "binary file (control characters), not a text draft")
    return Decoded(text, encoding)


def _cp1252_stretch(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: decode the undecodable UTF-8 stretch as Windows-1252 (strictly)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = bytes(exc.object[exc.start : exc.end])
    try:
        return bad.decode("cp1252"), exc.end
    except UnicodeDecodeError as inner:
        raise UnicodeDecodeError("cp1252", bytes(exc.object), exc.start + inner.start,
                                 exc.start + inner.end, "undefined in Windows-1252") from None


codecs.register_error(_CP1252_FALLBACK, _cp1252_stretch)
