"""`disclosure-lint serve` without a browser: the app in process, its caps, choices and refusals."""

from __future__ import annotations

import json
import re
import socket
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytest.importorskip("starlette")
from starlette.testclient import TestClient

from linter.cli import main
from linter.serve.app import CSP, State, create_app
from linter.serve.pool import Pool
from linter.serve.uploads import Limits

SEED_001 = "seeds/001_659ef0b4b750ad89.txt"
HOST = "http://127.0.0.1"


class Elements(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, {k: v or "" for k, v in attrs}))


@pytest.fixture(scope="module")
def state(tmp_path_factory: pytest.TempPathFactory) -> Iterator[State]:
    base = tmp_path_factory.mktemp("serve")
    # A configuration above the upload folder that would leave only gov-* rules, were it
    # looked for: the server must not read configurations from its own disk.
    (base / ".disclosure-lint.yaml").write_text("select: ['gov-*']\n", encoding="utf-8")
    root = base / "uploads"
    root.mkdir()
    pool = Pool(1, ("item1c",), timeout=120)
    yield State(pool, Limits(max_files=3, max_bytes=200_000), root)


@pytest.fixture(scope="module")
def client(state: State) -> Iterator[TestClient]:
    with TestClient(create_app(state, ("testserver", "127.0.0.1")), base_url=HOST) as c:
        yield c


@pytest.fixture(autouse=True)
def _nothing_left(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if "state" in request.fixturenames:
        root: Path = request.getfixturevalue("state").root
        assert [p.name for p in root.iterdir()] == [], "uploads outlived the response"


def seed(corpus: Path) -> tuple[str, bytes, str]:
    return ("seed-001.txt", (corpus / SEED_001).read_bytes(), "text/plain")


def requirements(html: str) -> dict[str, str]:
    return {a["data-requirement"]: a["data-status"]
            for _, a in Elements(html).found if "data-requirement" in a}


def errors_of(html: str) -> list[str]:
    table = html.split('id="input-errors"', 1)[1].split("</table>", 1)[0]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", table, re.S)
    return [f"{a}: {b}" for a, b in zip(cells[::2], cells[1::2], strict=True)]


def test_form_page_every_field_labelled_and_headers(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-security-policy"] == CSP
    assert "script-src" not in CSP and "default-src 'none'" in CSP
    assert response.headers["cache-control"] == "no-store"
    found = Elements(response.text).found
    labelled = {a["for"] for t, a in found if t == "label"}
    fields = [a for t, a in found if t in ("input", "select", "textarea")]
    assert fields and all(a["id"] in labelled for a in fields)
    assert not [t for t, a in found if t in ("script", "link", "img", "iframe")]
    assert not re.search(r"https?:|//|url\(", response.text)
    assert "Up to 3 files, 200,000 bytes each" in response.text  # the caps, told up front


def test_seed_and_pasted_text(client: TestClient, corpus: Path) -> None:
    text = (corpus / SEED_001).read_text(encoding="utf-8")
    response = client.post("/review", files=[("files", seed(corpus))], data={"text": text})
    assert response.status_code == 200
    assert 'id="overview"' in response.text  # two documents: the overview table
    assert requirements(response.text)["rm-third-party-oversight"] == "missing"
    assert "rm-process" in requirements(response.text)  # no configuration found on the disk
    paths = [a["data-path"] for _, a in Elements(response.text).found if "data-path" in a]
    assert sorted(paths) == ["pasted text", "seed-001.txt"]


def test_an_amendment_uploaded_with_its_original_is_compared_with_it(client: TestClient,
                                                                      corpus: Path) -> None:
    """Nucor's real 8-K and its 8-K/A in one review, as `check` pairs them in one batch."""
    files = [("files", (f"{name}.htm", (corpus / "8k" / f"{accession}.html").read_bytes(),
                        "text/html"))
             for name, accession in (("original", "0001193125-25-119311"),
                                     ("amendment", "0001193125-25-143135"))]
    response = client.post("/review", files=files)
    assert response.status_code == 200
    assert "amendment-answers" in response.text and "amendment-still-open" in response.text
    assert "original.htm left the timing undetermined" in response.text


def test_uploaded_configuration_applies(client: TestClient, corpus: Path) -> None:
    config = ("team.yaml", b"select: ['gov-*']\nfiscal_year: 2024\n", "text/yaml")
    response = client.post("/review", files=[("files", seed(corpus)), ("config", config)])
    statuses = requirements(response.text)
    assert statuses and all(r.startswith("gov-") for r in statuses)


def test_bad_configuration_is_its_one_line_error(client: TestClient, corpus: Path) -> None:
    config = ("team.yaml", b"selct: ['gov-*']\n", "text/yaml")
    response = client.post("/review", files=[("files", seed(corpus)), ("config", config)])
    assert response.status_code == 200
    [error] = errors_of(response.text)
    assert error.startswith("team.yaml:1: unknown key") and "selct" in error, error
    assert "/tmp" not in response.text and "uploads" not in error


@pytest.mark.parametrize(("data", "words"), [
    ({"pack": "/etc"}, "pack: choose one of item105, item1c"),
    ({"form": "S-1"}, "form: choose one of 10-K, 20-F, 8-K, 8-K/A, 6-K, 6-K/A"),
    ({"fiscal_year": "twenty"}, "fiscal year: &#39;twenty&#39; is not a year such as 2025"),
])
def test_bad_choice_is_a_message(client: TestClient, corpus: Path, data: dict[str, str],
                                 words: str) -> None:
    response = client.post("/review", files=[("files", seed(corpus))], data=data)
    assert response.status_code == 400
    assert words in response.text and 'role="alert"' in response.text


def test_caps_on_size_and_count(client: TestClient, corpus: Path) -> None:
    big = ("big.txt", b"Item 1C. Cybersecurity\n\n" + b"x" * 200_000, "text/plain")
    files = [("files", seed(corpus)), ("files", big)] + [("files", seed(corpus))] * 2
    response = client.post("/review", files=files)
    assert response.status_code == 200
    assert errors_of(response.text) == [
        "big.txt: file is 200,024 bytes, over the 200,000-byte limit",
        "seed-001.txt: not read: at most 3 files in one review"]
    assert len([a for _, a in Elements(response.text).found if "data-path" in a]) == 2


def test_request_over_the_cap_is_refused_unread(client: TestClient) -> None:
    limits = Limits(max_files=3, max_bytes=200_000)
    body = b"--x\r\n" + b"y" * (limits.max_body + 1)
    response = client.post("/review", content=body,
                           headers={"content-type": "multipart/form-data; boundary=x"})
    assert response.status_code == 413
    assert f"over the {limits.max_body:,}-byte limit of one review" in response.text


@pytest.mark.parametrize(("content_type", "body", "status", "words"), [
    ("multipart/form-data; boundary=x", b"--x\r\nno headers at all\r\n\r\n--x--", 400,
     "the form data is malformed"),
    ("application/json", b"{}", 415, "must be sent as multipart/form-data"),
    ("multipart/form-data; boundary=x", b"--x--\r\n", 400, "Choose a file"),
])
def test_malformed_requests_are_messages_not_500(client: TestClient, content_type: str,
                                                 body: bytes, status: int, words: str) -> None:
    response = client.post("/review", content=body, headers={"content-type": content_type})
    assert response.status_code == status
    assert words in response.text and "Traceback" not in response.text


def test_unknown_page_and_foreign_host(client: TestClient) -> None:
    assert client.get("/nowhere").status_code == 404
    assert client.get("/", headers={"host": "attacker.example"}).status_code == 400
    assert client.get("/review", follow_redirects=False).status_code == 303


def test_slow_file_is_reported_not_awaited(tmp_path: Path, corpus: Path) -> None:
    state = State(Pool(1, (), timeout=0.001), Limits(), tmp_path)
    with TestClient(create_app(state), base_url=HOST) as client:
        response = client.post("/review", files=[("files", seed(corpus))])
    assert response.status_code == 200
    assert errors_of(response.text) == [
        "seed-001.txt: not linted: over the 0.001-second limit of one file"]


def test_short_output_option(tmp_path: Path, corpus: Path) -> None:
    out = tmp_path / "report.json"
    assert main(["check", str(corpus / SEED_001), "--format", "json", "-o", str(out)]) == 1
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["documents"] == 1


def test_serve_without_the_extra_says_how_to_install(monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "uvicorn" else real(name, *a))
    assert main(["serve"]) == 2
    assert capsys.readouterr().err.strip() == (
        "disclosure-lint: serve: needs uvicorn: pip install 'disclosure-lint[serve]'")


def test_listening_beyond_this_computer_warns(tmp_path: Path) -> None:
    import subprocess
    import sys
    import time

    log = tmp_path / "stderr.txt"
    with log.open("w") as err:
        proc = subprocess.Popen([sys.executable, "-m", "linter", "serve", "--host", "0.0.0.0",
                                 "--port", "0", "--jobs", "1"], stderr=err)
    try:
        deadline = time.monotonic() + 60
        while "review page is at" not in log.read_text() and time.monotonic() < deadline:
            assert proc.poll() is None, log.read_text()
            time.sleep(0.2)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    first = log.read_text().splitlines()[0]
    assert first.startswith("disclosure-lint: warning: serving on 0.0.0.0, not only this "
                            "computer")


def test_port_in_use_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    assert capsys.readouterr().err.strip().startswith(
        f"disclosure-lint: 127.0.0.1:{port}: cannot listen: ")
