"""XML attacks in HTML drafts: refused with exit 2 and one line, nothing expanded or fetched."""

from __future__ import annotations

import http.server
import threading
import typing
from collections.abc import Iterator
from pathlib import Path

import pytest

from linter.cli import main
from linter.inputs import Source
from linter.parsers import html_tree
from linter.parsers.html import parse

BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE html [\n <!ENTITY lol "lol">\n'
    + "".join(f' <!ENTITY lol{i} "{("&lol%s;" % (i - 1 or "")) * 10}">\n' for i in range(1, 10))
    + ']>\n<html xmlns="http://www.w3.org/1999/xhtml"><body><p>&lol9;</p></body></html>\n'
)


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: typing.ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Recorder.hits.append(self.path)
        body = b'<!ENTITY leak "LEAKED-FROM-NETWORK">'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def server() -> Iterator[str]:
    """A local HTTP server that records every request: proof that nothing was fetched."""
    _Recorder.hits = []
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _check(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, list[str]]:
    code = main(["check", str(path), "--format", "json"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err.splitlines()


def _refused(path: Path, capsys: pytest.CaptureFixture[str], words: str) -> str:
    code, out, err = _check(path, capsys)
    assert code == 2
    assert len(err) == 1, err
    assert str(path) in err[0] and words in err[0], err[0]
    assert "Traceback" not in err[0]
    return out + "\n".join(err)


def test_xxe_file_entity_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "xxe.html"
    path.write_text('<?xml version="1.0"?>\n'
                    '<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
                    '<html xmlns="http://www.w3.org/1999/xhtml">'
                    "<body><p>Item 1C. &xxe;</p></body></html>\n")
    output = _refused(path, capsys, "declares XML entities; refused for safety")
    assert "root:" not in output


def test_billion_laughs_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "laughs.html"
    path.write_text(BILLION_LAUGHS)
    output = _refused(path, capsys, "declares XML entities")
    assert "lollol" not in output


def test_network_entities_and_dtds_are_never_fetched(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], server: str) -> None:
    cases = {
        "system.html": f'<!DOCTYPE html [<!ENTITY ext SYSTEM "{server}/entity">]>',
        "parameter.html": f'<!DOCTYPE html [<!ENTITY % p SYSTEM "{server}/param"> %p;]>',
        "dtd.html": f'<!DOCTYPE html SYSTEM "{server}/evil.dtd">',
        "public.html": f'<!DOCTYPE html PUBLIC "-//EVIL//DTD X//EN" "{server}/public.dtd">',
    }
    for name, doctype in cases.items():
        path = tmp_path / name
        path.write_text(f'<?xml version="1.0"?>\n{doctype}\n<html xmlns="http://www.w3.org/1999/xhtml">'
                        "<body><p>Cybersecurity &ext;</p></body></html>\n")
        output = _refused(path, capsys, "refused for safety")
        assert "LEAKED" not in output
    assert _Recorder.hits == []


def test_utf16_does_not_hide_an_entity(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "wide.html"
    text = ('<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
            '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>&x;</p></body></html>\n')
    path.write_bytes(text.encode("utf-16"))
    _refused(path, capsys, "declares XML entities")


def test_the_parser_itself_expands_nothing(monkeypatch: pytest.MonkeyPatch, server: str) -> None:
    """Defence in depth: with the up-front refusal switched off, lxml still neither expands
    entities nor loads DTDs nor touches the network."""
    monkeypatch.setattr(html_tree, "refuse_entities", lambda path, data: None)
    attacks = (
        '<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Item 1C. &xxe; end</p></body></html>',
        BILLION_LAUGHS,
        f'<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY % p SYSTEM "{server}/p"> %p;]>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Item 1C. &leak; end</p></body></html>',
    )
    for attack in attacks:
        try:
            document = parse(Source("attack.html", attack.encode()))
        except Exception as exc:  # refusing to parse is as good as not expanding
            assert "root:" not in str(exc)
            continue
        assert "root:" not in document.text
        assert "lollol" not in document.text
        assert "LEAKED" not in document.text
        assert len(document.text) < 1000
    assert _Recorder.hits == []


def test_the_w3c_xhtml_doctype_is_accepted(tmp_path: Path) -> None:
    """EDGAR documents of the 2000s name the W3C DTD; it is harmless because it is never loaded."""
    data = (b'<?xml version="1.0" encoding="UTF-8"?>\n'
            b'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
            b'"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
            b'<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Item 1C. Cybersecurity</p>'
            b"<p>We assess cybersecurity risks.</p></body></html>\n")
    document = parse(Source(str(tmp_path / "old.html"), data))
    texts = [b.text for b in document.blocks]
    assert texts == ["Item 1C. Cybersecurity", "We assess cybersecurity risks."]
