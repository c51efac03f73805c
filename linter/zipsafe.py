"""Vet a .docx package before any XML library reads it: zip shape, bomb limits, encryption, DTDs."""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass

from linter.errors import InputError

# An encrypted or IRM-protected .docx is not a zip but an OLE compound file holding an
# "EncryptedPackage" stream ([MS-OFFCRYPTO] 2.3.4); a Word 97-2003 .doc is one too.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
MAIN_PART = "word/document.xml"
_DTD_MARKERS = tuple(m.encode(enc) for m in ("<!DOCTYPE", "<!ENTITY")
                     for enc in ("utf-8", "utf-16-le", "utf-16-be"))


@dataclass(frozen=True, slots=True)
class Limits:
    """Zip-bomb limits. A long 10-K section in Word is well under 5 MB unpacked; embedded
    images are stored nearly uncompressed, so only large members are held to the ratio."""

    max_total: int = 200 * 1024 * 1024  # sum of uncompressed member sizes
    max_members: int = 2000
    max_ratio: int = 100  # uncompressed / compressed, for members over ratio_floor
    ratio_floor: int = 1024 * 1024


LIMITS = Limits()


def open_package(path: str, data: bytes, limits: Limits | None = None) -> zipfile.ZipFile:
    """The .docx zip, vetted: InputError naming ``path`` for anything unsafe or not a .docx."""
    limits = limits or LIMITS
    if data.startswith(OLE_MAGIC):
        if _ENCRYPTED_STREAM in data:
            raise InputError(path, "encrypted or password-protected .docx (remove the password)")
        raise InputError(path, "a Word 97-2003 .doc (OLE compound file), not a .docx")
    if not data.startswith(ZIP_MAGIC):
        raise InputError(path, "not a .docx file (not a zip archive)")
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise InputError(path, f"not a .docx file (damaged zip archive: {exc})") from None
    _check_members(path, package.infolist(), limits)
    if MAIN_PART not in package.NameToInfo:
        raise InputError(path, f"not a .docx file (no {MAIN_PART})")
    return package


def _check_members(path: str, members: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(members) > limits.max_members:
        raise InputError(path, f"zip has {len(members):,} members, "
                               f"over the {limits.max_members:,} limit (zip bomb?)")
    total = 0
    for info in members:
        if info.flag_bits & 0x1:
            raise InputError(path, f"encrypted zip member {info.filename}; refused")
        total += info.file_size
        if total > limits.max_total:
            raise InputError(path, f"unpacks to over {limits.max_total:,} bytes (zip bomb?)")
        if info.file_size > limits.ratio_floor:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.max_ratio:
                raise InputError(path, f"member {info.filename} compresses {ratio:,.0f}:1, "
                                       f"over the {limits.max_ratio}:1 limit (zip bomb?)")


def check_xml_parts(path: str, package: zipfile.ZipFile) -> None:
    """Refuse a DOCTYPE (the way in for billion-laughs and external-entity attacks) in any XML
    part, and parse the main part without DTDs, entities or network so that malformed XML is
    one clear line. Other parts are parsed later by python-docx, whose parser does not resolve
    entities; parsing its 0.7 MB of template styles twice would double the cost of a draft."""
    from lxml import etree

    for info in package.infolist():
        name = info.filename
        if not name.endswith((".xml", ".rels")):
            continue
        raw = _read(path, package, info)
        if any(marker in raw for marker in _DTD_MARKERS):
            raise InputError(path, f"{name} declares a DOCTYPE or entities; refused")
        if name != MAIN_PART:
            continue
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                                 huge_tree=False)
        try:
            tree = etree.fromstring(raw, parser).getroottree()
        except etree.XMLSyntaxError as exc:
            line = f" line {exc.lineno}" if exc.lineno else ""
            raise InputError(path, f"malformed XML in {name}{line}: {exc.msg}") from None
        if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
            raise InputError(path, f"{name} declares a DOCTYPE or entities; refused")


def _read(path: str, package: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    # zipfile never yields more than the declared size, which _check_members has bounded.
    try:
        return package.read(info)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError,
            NotImplementedError) as exc:
        raise InputError(path, f"damaged zip member {info.filename}: {exc}") from None
    except RuntimeError as exc:  # zipfile's "password required" for encrypted members
        raise InputError(path, f"unreadable zip member {info.filename}: {exc}") from None
