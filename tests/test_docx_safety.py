"""Bad .docx input through the CLI: exit 2, one line naming the file, no traceback, no network."""

from __future__ import annotations

import io
import json
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from linter import zipsafe
from linter.cli import main

DOC = "word/document.xml"


def _good(path: Path, text: str = "The Audit Committee oversees cybersecurity risk.") -> Path:
    document = docx.Document()
    document.add_paragraph(text)
    document.save(str(path))
    return path


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def _rezip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def _with_document_xml(tmp_path: Path, edit: Callable[[bytes], bytes], part: str = DOC) -> Path:
    path = _good(tmp_path / "draft.docx")
    members = _members(path)
    members[part] = edit(members[part])
    return _rezip(path, members)


def _doctype(decl: str) -> Callable[[bytes], bytes]:
    def edit(xml: bytes) -> bytes:
        head, sep, rest = xml.partition(b"?>")
        return head + sep + b"\n" + decl.encode() + rest
    return edit


def _not_zip(tmp_path: Path) -> Path:
    path = tmp_path / "draft.docx"
    path.write_text("Item 1C. Cybersecurity\n\nThis is plain text named .docx.\n")
    return path


def _no_document_xml(tmp_path: Path) -> Path:
    members = {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<w/>"}
    return _rezip(tmp_path / "sheet.docx", members)


def _ratio_bomb(tmp_path: Path) -> Path:
    path = _good(tmp_path / "bomb.docx")
    members = _members(path)
    members["word/media/filler.bin"] = b"\0" * (8 * 1024 * 1024)  # ~1000:1 when deflated
    return _rezip(path, members)


def _encrypted_ole(tmp_path: Path) -> Path:
    path = tmp_path / "locked.docx"
    stream = "EncryptedPackage".encode("utf-16-le")
    path.write_bytes(zipsafe.OLE_MAGIC + b"\0" * 504 + stream + b"\0" * 1024)
    return path


def _legacy_doc(tmp_path: Path) -> Path:
    path = tmp_path / "old.docx"
    path.write_bytes(zipsafe.OLE_MAGIC + b"\0" * 2048)
    return path


def _encrypted_member(tmp_path: Path) -> Path:
    path = _good(tmp_path / "member.docx")
    data = bytearray(path.read_bytes())
    central = data.find(b"PK\x01\x02")
    while central != -1:  # set "encrypted" (bit 0 of the flags) on every central entry
        (flags,) = struct.unpack_from("<H", data, central + 8)
        struct.pack_into("<H", data, central + 8, flags | 1)
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))
    return path


def _billion_laughs(tmp_path: Path) -> Path:
    decl = ('<!DOCTYPE w:document [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>')
    return _with_document_xml(tmp_path, _doctype(decl))


def _external_entity(tmp_path: Path) -> Path:
    decl = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "http://127.0.0.1:9/secret">]>'
    return _with_document_xml(tmp_path, _doctype(decl))


def _malformed(tmp_path: Path) -> Path:
    return _with_document_xml(tmp_path, lambda xml: xml[: len(xml) // 2])


def _no_content_types(tmp_path: Path) -> Path:
    path = _good(tmp_path / "bare.docx")
    members = _members(path)
    del members["[Content_Types].xml"]
    return _rezip(path, members)


def _truncated_zip(tmp_path: Path) -> Path:
    path = _good(tmp_path / "cut.docx")
    path.write_bytes(path.read_bytes()[:2000])
    return path


def _no_body(tmp_path: Path) -> Path:
    ns = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    return _with_document_xml(tmp_path, lambda xml: b"<w:document " + ns + b"/>")


def _styles_entity(tmp_path: Path) -> Path:
    decl = '<!DOCTYPE w:styles [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    return _with_document_xml(tmp_path, _doctype(decl), "word/styles.xml")


def _styles_utf16_doctype(tmp_path: Path) -> Path:
    def edit(xml: bytes) -> bytes:
        text = xml.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
        head, sep, rest = text.partition("?>")
        return (head + sep + '<!DOCTYPE w:styles [<!ENTITY a "b">]>' + rest).encode("utf-16")
    return _with_document_xml(tmp_path, edit, "word/styles.xml")


def _styles_malformed(tmp_path: Path) -> Path:
    return _with_document_xml(tmp_path, lambda xml: xml[:-40], "word/styles.xml")


CASES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "not a zip": (_not_zip, "not a .docx file (not a zip archive)"),
    "no document.xml": (_no_document_xml, "not a .docx file (no word/document.xml)"),
    "compression ratio": (_ratio_bomb, "over the 100:1 limit"),
    "encrypted package": (_encrypted_ole, "encrypted or password-protected"),
    "legacy .doc": (_legacy_doc, "Word 97-2003 .doc"),
    "encrypted member": (_encrypted_member, "encrypted zip member"),
    "billion laughs": (_billion_laughs, "declares a DOCTYPE or entities"),
    "external entity": (_external_entity, "declares a DOCTYPE or entities"),
    "malformed xml": (_malformed, "malformed XML in word/document.xml"),
    "no content types": (_no_content_types, "not a readable .docx file"),
    "truncated zip": (_truncated_zip, "not a .docx file"),
    "no body": (_no_body, "no w:body"),
    "entity in styles": (_styles_entity, "word/styles.xml declares a DOCTYPE"),
    "UTF-16 DOCTYPE in styles": (_styles_utf16_doctype, "word/styles.xml declares a DOCTYPE"),
    "malformed styles": (_styles_malformed, "not a readable .docx file (XMLSyntaxError"),
}


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("case", CASES)
def test_bad_docx_is_one_line_exit_2(case: str, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    build, message = CASES[case]
    path = build(tmp_path)
    code, _, err = _run(capsys, str(path), "--format", "json")
    lines = err.strip().splitlines()
    assert code == 2
    assert len(lines) == 1, err
    assert str(path) in lines[0] and message in lines[0], lines[0]
    assert "Traceback" not in err


def test_total_size_and_member_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = _good(tmp_path / "big.docx", "word " * 50_000)
    monkeypatch.setattr(zipsafe, "LIMITS", zipsafe.Limits(max_total=100_000))
    code, _, err = _run(capsys, str(path))
    assert code == 2 and "unpacks to over 100,000 bytes" in err and err.count("\n") == 1
    monkeypatch.setattr(zipsafe, "LIMITS", zipsafe.Limits(max_members=3))
    code, _, err = _run(capsys, str(path))
    assert code == 2 and "over the 3 limit" in err and str(path) in err


def test_a_bad_docx_in_a_batch_does_not_stop_the_rest(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    _good(tmp_path / "a_good.docx")
    (tmp_path / "sub").mkdir()
    _billion_laughs(tmp_path / "sub")
    code, out, err = _run(capsys, str(tmp_path), "--format", "json")
    report = json.loads(out)
    assert code == 2
    assert [Path(d["path"]).name for d in report["documents"]] == ["a_good.docx"]
    assert [Path(e["path"]).name for e in report["errors"]] == ["draft.docx"]
    assert len(err.strip().splitlines()) == 1


def test_limits_allow_a_real_sized_draft(tmp_path: Path) -> None:
    path = _good(tmp_path / "ok.docx", "The Board oversees risk. " * 2000)
    data = path.read_bytes()
    package = zipsafe.open_package(str(path), data)
    zipsafe.check_xml_parts(str(path), package)
    assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None
