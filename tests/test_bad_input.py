"""Bad and awkward inputs through the real CLI: exit 2, one line naming the file, no traceback."""

from __future__ import annotations

import codecs
import io
import json
import sys
from pathlib import Path

import pytest

from linter.api import load_document
from linter.cli import main

DRAFT = "Governance\n\nOur Audit Committee oversees “cybersecurity” risk. Our CISO reports to it.\n"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, list[str]]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err.splitlines()


def assert_one_line_error(argv: list[str], capsys: pytest.CaptureFixture[str], name: str,
                          words: str) -> None:
    code, _, err = run(argv, capsys)
    assert code == 2
    assert len(err) == 1, err
    assert name in err[0] and words in err[0], err[0]
    assert "Traceback" not in err[0]


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_empty_and_blank_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name, data in (("empty.txt", b""), ("blank.md", b" \n\t\n"),
                       ("bom-only.txt", codecs.BOM_UTF16_LE + " \n".encode("utf-16-le"))):
        assert_one_line_error(["check", _write(tmp_path, name, data)], capsys, name, "empty")


def test_binary_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    assert_one_line_error(["check", _write(tmp_path, "draft.txt", png)], capsys, "draft.txt",
                          "binary")
    controls = bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 65]) * 50
    assert_one_line_error(["check", _write(tmp_path, "ctl.md", controls)], capsys, "ctl.md",
                          "binary")


@pytest.mark.parametrize(("name", "data"), [
    ("utf16le.txt", codecs.BOM_UTF16_LE + DRAFT.encode("utf-16-le")),
    ("utf16be.txt", codecs.BOM_UTF16_BE + DRAFT.encode("utf-16-be")),
    ("utf16-nobom.txt", DRAFT.encode("utf-16-le")),
    ("utf8bom.md", codecs.BOM_UTF8 + DRAFT.encode("utf-8")),
    ("word-export.txt", DRAFT.encode("cp1252")),
])
def test_encodings_are_read_faithfully(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                       name: str, data: bytes) -> None:
    path = _write(tmp_path, name, data)
    document = load_document(path)
    assert document.text == "Governance\n" + DRAFT.split("\n")[2]
    assert document.blocks[0].text == "Governance" and "\ufeff" not in document.text
    code, out, err = run(["check", path, "--format", "json", "--fail-on", "never"], capsys)
    assert (code, err) == (0, [])
    assert json.loads(out)["documents"][0]["path"] == path


def test_mixed_encoding_keeps_both(tmp_path: Path) -> None:
    """UTF-8 with one stray Windows-1252 quote: the UTF-8 text stays, the stray byte is read as
    cp1252 (never replaced by U+FFFD), and the document says how it was decoded."""
    data = "Our CISO\u2019s team — see “Item 1A”.".encode() + b" The \x93Board\x94 oversees it.\n"
    document = load_document(_write(tmp_path, "mixed.txt", data))
    assert document.text == "Our CISO\u2019s team — see “Item 1A”. The “Board” oversees it."
    assert ("encoding", "utf-8+cp1252") in document.meta
    assert "\ufffd" not in document.text


def test_byte_undefined_in_cp1252_is_refused(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    data = "café".encode() + b" \x81 risk\n"
    assert_one_line_error(["check", _write(tmp_path, "odd.txt", data)], capsys, "odd.txt",
                          "not UTF-8 or Windows-1252")


def test_broken_utf16_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = codecs.BOM_UTF16_LE + "Risk".encode("utf-16-le") + b"\x00\xd8"  # lone surrogate
    assert_one_line_error(["check", _write(tmp_path, "u16.txt", data)], capsys, "u16.txt",
                          "not valid utf-16-le")


def test_size_cap(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, "big.md", DRAFT.encode() * 3)
    monkeypatch.setenv("DISCLOSURE_LINT_MAX_BYTES", "100")
    assert_one_line_error(["check", path], capsys, "big.md", "over the 100-byte limit")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(DRAFT.encode() * 3)))
    assert_one_line_error(["check", "-"], capsys, "<stdin>", "over the 100-byte limit")


def test_missing_file_and_folder_without_drafts(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert_one_line_error(["check", str(tmp_path / "nope.md")], capsys, "nope.md", "no such file")
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "notes.pdf").write_bytes(b"%PDF-1.7")
    assert_one_line_error(["check", str(folder)], capsys, "drafts", "folder holding no drafts")


def test_permission_denied(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                           monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.md"
    path.write_text(DRAFT, encoding="utf-8")
    path.chmod(0)
    real_open = Path.open

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == "locked.md":  # root reads mode-000 files, so refuse as the OS would
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", refuse)
    assert_one_line_error(["check", str(path)], capsys, "locked.md", "permission denied")


def test_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    assert_one_line_error(["check", "-"], capsys, "<stdin>", "empty")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(DRAFT.encode("utf-8"))))
    code, out, err = run(["check", "-", "--format", "json", "--fail-on", "never"], capsys)
    assert (code, err) == (0, [])
    assert json.loads(out)["documents"][0]["path"] == "<stdin>"


def test_batch_reports_the_bad_file_and_lints_the_good_one(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = _write(tmp_path, "good.md", ("# Item 1C. Cybersecurity\n\n" + DRAFT).encode())
    bad = _write(tmp_path, "bad.txt", b"\x00\x01\x02binary\x00" * 20)
    code, out, err = run(["check", bad, good, "--format", "json", "--fail-on", "never"], capsys)
    assert code == 2
    assert len(err) == 1 and "bad.txt" in err[0] and "Traceback" not in err[0]
    report = json.loads(out)
    assert [d["path"] for d in report["documents"]] == [good]
    assert report["documents"][0]["section"]["title"] == "Item 1C. Cybersecurity"
    assert [e["path"] for e in report["errors"]] == [bad]
