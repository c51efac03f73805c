"""`disclosure-lint serve` in a real browser: Playwright drives the system's Chromium against the
real server started as a user would start it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from docx_build import build_seed_draft
from test_html_report import chromium  # the system Chromium, or a skip

pytestmark = pytest.mark.browser
playwright = pytest.importorskip("playwright.sync_api")
from playwright.sync_api import Browser, Page  # noqa: E402  (after the skip when it is missing)

SEED_001 = "seeds/001_659ef0b4b750ad89.txt"
FULL_10K = "filings/ibm-10-k-2025-02-25.html"
CAP = 1_500_000  # the per-file cap the server runs with: above the 10-K, below the oversize
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
# The system's Chromium, with nothing that phones home; Playwright's own browser is not used.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync",
                 "--disable-default-apps", "--disable-extensions"]
HOSTILE = ("Item 1C. Cybersecurity\n\n"
           "Our board oversees risk.<script>document.title='pwned'</script> "
           "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">\n")


@dataclass(frozen=True)
class Server:
    url: str
    tmp: Path  # the server's TMPDIR: its private upload folder lives inside

    def leftovers(self) -> list[str]:
        """Every file (not folder) left under the server's temporary folder."""
        return sorted(str(p.relative_to(self.tmp)) for p in self.tmp.rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("server-tmp")
    log = tmp_path_factory.mktemp("server-log") / "stderr.txt"
    env = {**os.environ, "TMPDIR": str(tmp), "DISCLOSURE_LINT_MAX_BYTES": str(CAP)}
    with log.open("w") as err:
        proc = subprocess.Popen([sys.executable, "-m", "linter", "serve", "--port", "0",
                                 "--jobs", "1", "--max-files", "5"],
                                stderr=err, stdout=subprocess.DEVNULL, env=env)
    try:
        deadline = time.monotonic() + 90
        while not (found := re.search(r"http://127\.0\.0\.1:\d+/", log.read_text())):
            assert proc.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
        yield Server(found.group(0), tmp)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert "Traceback" not in log.read_text(), log.read_text()
    assert not list(tmp.glob("disclosure-lint-*")), "the upload folder outlived the server"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser, server: Server) -> Iterator[Page]:
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url)
            if not r.url.startswith((server.url, "data:")) else None)
    page.goto(server.url)
    yield page
    context.close()
    assert outside == [], f"the page loaded outside URLs: {outside}"
    assert server.leftovers() == [], "uploads were left on disk after the response"


def review(page: Page, *files: Path) -> None:
    """Choose files by the field's label and submit with the keyboard, as a user would."""
    page.get_by_label("Drafts to review").set_input_files([str(f) for f in files])
    page.get_by_role("button", name="Review", exact=True).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def row_status(page: Page, requirement: str) -> str:
    row = page.locator(f'tr[data-requirement="{requirement}"]')
    return str(row.get_attribute("data-status"))


def test_seed_001_checklist_and_screenshot(page: Page, corpus: Path) -> None:
    review(page, corpus / SEED_001)
    assert row_status(page, "rm-third-party-oversight") == "missing"
    assert row_status(page, "rm-third-party-engaged") == "met"
    assert "Requirement checklist" in page.inner_text("body")
    assert page.locator("section.doc h2").inner_text() == SEED_001.rsplit("/", 1)[1]
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "serve.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_downloads_are_the_same_run(page: Page, corpus: Path, tmp_path: Path) -> None:
    review(page, corpus / SEED_001)
    saved = {}
    for name in ("disclosure-review.json", "disclosure-review.sarif", "disclosure-review.md"):
        with page.expect_download() as info:
            page.locator(f'a[data-download="{name}"]').click()
        saved[name] = tmp_path / name
        info.value.save_as(saved[name])
    report = json.loads(saved["disclosure-review.json"].read_text(encoding="utf-8"))
    doc = report["documents"][0]
    assert doc["path"] == SEED_001.rsplit("/", 1)[1]  # the sender's name, not a server path
    status = {r["id"]: r["status"] for r in doc["requirements"]}
    assert status["rm-third-party-oversight"] == "missing"
    sarif = json.loads(saved["disclosure-review.sarif"].read_text(encoding="utf-8"))
    rules = {r["ruleId"] for run in sarif["runs"] for r in run["results"]}
    assert rules == {f["rule"] for f in doc["findings"]}
    assert "rm-third-party-oversight" in saved["disclosure-review.md"].read_text(encoding="utf-8")


def test_docx_annotated_copy(page: Page, corpus: Path, tmp_path: Path) -> None:
    draft = build_seed_draft(corpus, tmp_path)
    review(page, draft)
    assert row_status(page, "rm-third-party-oversight") == "missing"
    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile("Annotated Word copy")).click()
    assert info.value.suggested_filename == f"{draft.stem}.reviewed.docx"
    copy = tmp_path / "reviewed.docx"
    info.value.save_as(copy)
    comments = list(docx.Document(str(copy)).comments)
    assert comments and {c.author for c in comments} == {"disclosure-lint"}
    texts = [c.text for c in comments]
    assert any("rm-third-party-oversight" in t for t in texts), texts


def test_full_10k_item_1c_located(page: Page, corpus: Path) -> None:
    review(page, corpus / FULL_10K)
    head = page.locator("section.doc .doc-head").inner_text()
    assert "Form 10-K" in head and "Item 1C" in head, head
    assert "not found" not in head
    assert page.locator('tr[data-requirement="gov-board-oversight"]').count() == 1
    assert page.locator(".annotated p").count() > 5
    # a place a reader can find in the printed filing, not 8:861268
    places = page.locator(".finding .muted").all_inner_texts()
    assert places and all(re.fullmatch(r"· ¶ \d+, page \d+", p.strip()) for p in places), places


def test_hostile_upload_runs_nothing(page: Page, tmp_path: Path) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    hostile = tmp_path / "<img src=x onerror=alert(1)>.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    review(page, hostile)
    text = page.inner_text("body")
    assert "<script>document.title='pwned'</script>" in text
    assert "onerror=\"document.body.setAttribute('data-pwned','1')\"" in text
    assert hostile.name in text  # the file name, shown as text too
    assert page.title().startswith("Cybersecurity disclosure review")
    assert page.locator("body[data-pwned]").count() == 0
    assert page.locator("script, img").count() == 0
    assert dialogs == []


def test_bad_uploads_say_what_the_cli_says(page: Page, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "scan.txt"
    binary.write_bytes(bytes(range(256)) * 64)
    big = tmp_path / "big.txt"
    big.write_bytes(b"Item 1C. Cybersecurity\n\n" + b"We assess risks. " * (CAP // 17 + 1))
    response = {}
    page.on("response", lambda r: response.setdefault(r.url, r.status))
    review(page, empty, binary, big)
    assert response[server_url(page) + "review"] == 200
    rows = page.locator("#input-errors tbody tr")
    problems = {rows.nth(i).locator("td").nth(0).inner_text(): rows.nth(i).locator("td").nth(1)
                .inner_text() for i in range(rows.count())}
    assert problems == {
        "empty.txt": "file is empty",
        "scan.txt": "binary file (contains NUL bytes), not a text draft",
        "big.txt": f"file is {big.stat().st_size:,} bytes, over the {CAP:,}-byte limit",
    }
    for path, message in problems.items():  # the CLI's one-line errors, word for word
        if path != "big.txt":
            done = subprocess.run([sys.executable, "-m", "linter", "check", path],
                                  cwd=tmp_path, capture_output=True, text=True, check=False)
            assert done.stderr.strip() == f"disclosure-lint: {path}: {message}"


# WCAG 2.1 contrast of every text against the colour behind it, read from the rendered page
# (CDP evaluation: the page's own policy forbids scripts, the test's are not the page's).
CONTRAST = """() => {
  const lum = (c) => {
    const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(Number).map((v) => {
      v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const behind = (el) => {
    for (; el; el = el.parentElement) {
      const bg = getComputedStyle(el).backgroundColor;
      const parts = bg.match(/[\\d.]+/g);
      if (parts && (parts.length < 4 || Number(parts[3]) > 0.5)) return bg;
    }
    return "rgb(255, 255, 255)";
  };
  const out = [];
  for (const el of document.querySelectorAll("body *")) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || !el.getClientRects().length) continue;
    const style = getComputedStyle(el);
    const [a, b] = [lum(style.color), lum(behind(el))];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
    const large = size >= 24 || (bold && size >= 18.66);
    if (ratio < (large ? 3 : 4.5)) out.push(`${el.tagName}.${el.className}: ${ratio.toFixed(2)}`);
  }
  return out;
}"""


def test_contrast_keyboard_and_print(page: Page, corpus: Path) -> None:
    assert page.evaluate(CONTRAST) == []  # the form
    page.keyboard.press("Tab")  # the first stop is the drafts field, and focus shows
    assert page.evaluate("document.activeElement.id") == "files"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    review(page, corpus / SEED_001, corpus / FULL_10K)
    assert page.locator("#overview tbody tr").count() == 2  # several files: the overview
    assert sorted(set(page.evaluate(CONTRAST))) == []  # the report
    page.emulate_media(media="print")
    assert not page.locator(".toolbar").is_visible()  # downloads are not printed
    assert page.locator("section.doc").first.is_visible()
    assert page.pdf()[:5] == b"%PDF-"


def test_a_long_review_does_not_block_the_page(server: Server, corpus: Path) -> None:
    """Linting runs in the worker pool and the page is rendered off the event loop: the form
    answers while five long drafts are reviewed (each the text of many real sections, just
    under the upload cap: seconds of work)."""
    import json
    import threading
    import urllib.request
    import uuid

    texts: list[str] = ["Item 1C. Cybersecurity"]
    for record in sorted((corpus / "item1c-dev").glob("*.json")):
        text = json.loads(record.read_text())["text"]
        if sum(len(t) + 2 for t in texts) + len(text) > CAP - 10_000:
            break
        texts.append(text)
    draft = "\n\n".join(texts).encode()
    boundary = uuid.uuid4().hex
    part = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; "
            f"filename=\"long.txt\"\r\n\r\n").encode() + draft + b"\r\n"
    body = part * 5 + f"--{boundary}--\r\n".encode()
    request = urllib.request.Request(server.url + "review", data=body, headers={
        "Content-Type": f"multipart/form-data; boundary={boundary}"})
    done: list[tuple[float, str]] = []

    def review() -> None:
        page = urllib.request.urlopen(request, timeout=600).read().decode()
        done.append((time.monotonic(), page))

    slow = threading.Thread(target=review)
    slow.start()
    time.sleep(0.5)  # the upload is in and the worker is busy
    with urllib.request.urlopen(server.url, timeout=60) as response:
        assert response.status == 200
        answered = time.monotonic()
    slow.join(timeout=600)
    assert done and done[0][1].count('class="doc card"') == 5
    assert answered < done[0][0], "the form waited for the review"
    assert server.leftovers() == []


def test_nothing_chosen_is_a_message_on_the_form(page: Page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Review", exact=True).click()
    alert = page.get_by_role("alert")
    assert "Choose a file or paste the text" in alert.inner_text()


def server_url(page: Page) -> str:
    url = page.url
    return url[: url.index("/", len("http://")) + 1]
