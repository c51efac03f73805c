"""Read an input's bytes safely and decode text: size cap, binary check, encodings."""

from __future__ import annotations

import codecs
import sys
from dataclasses import dataclass
from pathlib import Path

from linter.errors import InputError

MAX_BYTES = 64 * 1024 * 1024  # the largest 10-K on EDGAR is ~15 MB of HTML

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True, slots=True)
class Source:
    """The raw input: where it came from and its bytes."""

    path: str
    data: bytes


def read_source(path: str, max_bytes: int = MAX_BYTES) -> Source:
    """Read a file (or standard input for ``-``) with a size cap."""
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        name = "<stdin>"
    else:
        p = Path(path)
        try:
            size = p.stat().st_size
            if size > max_bytes:
                raise InputError(path, f"file is {size:,} bytes, over the {max_bytes:,}-byte limit")
            with p.open("rb") as fh:
                data = fh.read(max_bytes + 1)
        except InputError:
            raise
        except IsADirectoryError:
            raise InputError(path, "is a directory") from None
        except FileNotFoundError:
            raise InputError(path, "no such file") from None
        except PermissionError:
            raise InputError(path, "permission denied") from None
        except OSError as exc:
            raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
        name = path
    if len(data) > max_bytes:
        raise InputError(name, f"input is over the {max_bytes:,}-byte limit")
    if not data.strip():
        raise InputError(name, "file is empty")
    return Source(name, data)


def decode_text(source: Source) -> str:
    """Decode text: a BOM wins, then UTF-8, then Windows-1252 (common in Word exports).

    Binary data (NUL bytes without a UTF-16/32 BOM, or mostly control characters) is refused."""
    data = source.data
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(
                    source.path, f"not valid {encoding} after its byte-order mark: {exc.reason}"
                ) from None
    if b"\x00" in data[:65536]:
        raise InputError(source.path, "binary file (contains NUL bytes), not a text draft")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _decode_cp1252(source)
    _refuse_control_characters(source.path, text)
    return text


def _decode_cp1252(source: Source) -> str:
    try:
        return source.data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise InputError(
            source.path,
            f"not UTF-8 or Windows-1252 text (byte 0x{source.data[exc.start]:02x} "
            f"at offset {exc.start})",
        ) from None


def _refuse_control_characters(path: str, text: str) -> None:
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if sample and controls / len(sample) > 0.02:
        raise InputError(path, "binary file (control characters), not a text draft")
