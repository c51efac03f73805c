"""The HTML report: self-contained, escaped, and checked in a real headless Chromium."""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from linter.api import CheckOptions, check
from linter.reporters import get_reporter

SEED_001 = "001_659ef0b4b750ad89.txt"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
HOSTILE = ("Our CISO reports to the Audit Committee quarterly. "
           "<script>document.title='pwned'</script> "
           "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\"> "
           "<b onclick=\"document.body.setAttribute('data-pwned','2')\">click</b>")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--mute-audio")


class Dom(HTMLParser):
    """Elements (tag, attributes) and visible text of a page."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self._hidden = 0
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))
        if tag in ("style", "script", "title"):
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script", "title"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.text.append(data)

    def visible(self) -> str:
        return " ".join(" ".join(self.text).split())


def html_report(paths: list[str]) -> str:
    out = get_reporter("html")(check(paths, CheckOptions()).to_plain())
    assert isinstance(out, str)
    return out


@pytest.fixture
def seed_html(corpus: Path, tmp_path: Path) -> Path:
    page = tmp_path / "report.html"
    page.write_text(html_report([str(corpus / "seeds" / SEED_001)]), encoding="utf-8")
    return page


@pytest.fixture
def hostile_html(tmp_path: Path) -> Path:
    draft = tmp_path / "hostile.txt"
    draft.write_text("Item 1C. Cybersecurity\n\n" + HOSTILE + "\n", encoding="utf-8")
    page = tmp_path / "hostile.html"
    page.write_text(html_report([str(draft)]), encoding="utf-8")
    return page


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no chromium binary on PATH (Debian: apt-get install chromium)")


def browse(page: Path, tmp_path: Path, *extra: str) -> str:
    profile = tmp_path / "chromium-profile"
    done = subprocess.run(
        [chromium(), *FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_self_contained(seed_html: Path) -> None:
    html = seed_html.read_text(encoding="utf-8")
    dom = Dom(html)
    tags = {tag for tag, _ in dom.elements}
    assert not tags & {"script", "link", "img", "iframe", "object", "embed", "base"}
    for tag, attrs in dom.elements:
        assert "src" not in attrs, tag
        assert attrs.get("href", "#").startswith("#"), attrs
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
    for needle in ("http:", "https:", "//", "@import", "url("):
        assert needle not in html, needle


def test_draft_markup_is_escaped(hostile_html: Path) -> None:
    html = hostile_html.read_text(encoding="utf-8")
    assert "<script>document.title" not in html and "<img src=x" not in html
    assert "&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;" in html


@pytest.mark.browser
def test_checklist_in_chromium(seed_html: Path, tmp_path: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "report.png"
    shot.unlink(missing_ok=True)
    browse(seed_html, tmp_path, f"--screenshot={shot}", "--window-size=1280,4200")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    dom = Dom(browse(seed_html, tmp_path, "--dump-dom", "--virtual-time-budget=2000"))
    rows = {a["data-requirement"]: a for t, a in dom.elements if "data-requirement" in a}
    assert set(rows) == {
        "rm-process", "rm-integrated", "rm-third-party-engaged", "rm-third-party-oversight",
        "rm-material-effect", "gov-board-oversight", "gov-board-committee",
        "gov-board-informed", "gov-mgmt-responsible", "gov-mgmt-expertise",
        "gov-mgmt-informed", "gov-mgmt-reports-to-board"}
    assert rows["rm-third-party-oversight"]["data-status"] == "missing"
    assert rows["rm-third-party-oversight"]["class"] == "row-missing"
    assert "Requirement checklist" in dom.visible()


@pytest.mark.browser
def test_hostile_draft_runs_nothing_in_chromium(hostile_html: Path, tmp_path: Path) -> None:
    after = browse(hostile_html, tmp_path, "--dump-dom", "--virtual-time-budget=2000")
    dom = Dom(after)
    assert "<script>document.title='pwned'</script>" in dom.visible()
    assert "onerror=\"document.body.setAttribute('data-pwned','1')\"" in dom.visible()
    assert "<b onclick=" in dom.visible()
    tags: dict[str, list[dict[str, Any]]] = {}
    for tag, attrs in dom.elements:
        tags.setdefault(tag, []).append(attrs)
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert "data-pwned" not in attrs
    assert "script" not in tags and "img" not in tags
    assert "pwned" not in "".join(a.get("content", "") for a in tags.get("title", []))
    title = after.split("<title>", 1)[1].split("</title>", 1)[0]
    assert title.startswith("Cybersecurity disclosure review")


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_draft_without_text_is_reported(fmt: str, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    """A draft that is only a comment has no block to hang findings on; they are listed."""
    from linter.cli import main

    draft = tmp_path / "blank.md"
    draft.write_text("<!-- disclosure-lint: disable=x -->\n", encoding="utf-8")
    code = main(["check", str(draft), "--format", fmt, "--fail-on", "never"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "gov-board-committee" in out


@pytest.fixture
def precedent_pages(corpus: Path, tmp_path: Path) -> tuple[Path, Path]:
    """Seed 001's report as the CLI writes it, and the same report with a hostile precedent."""
    from linter.cli import main
    from linter.precedents import attach

    seed = str(corpus / "seeds" / SEED_001)
    page = tmp_path / "precedents.html"
    assert main(["check", seed, "--format", "html", "--output", str(page)]) in (0, 1)
    report = attach(check([seed], CheckOptions()).to_plain())
    for req in report["documents"][0]["requirements"]:
        if req["id"] == "rm-third-party-oversight":
            req["precedents"]["examples"][0]["text"] = (
                "We review <img src=x onerror=\"document.body.setAttribute('data-pwned','3')\"> "
                "vendors' SOC 2 reports & contracts.")
    hostile = tmp_path / "hostile-precedent.html"
    hostile.write_text(str(get_reporter("html")(report)), encoding="utf-8")
    return page, hostile


@pytest.mark.browser
def test_precedents_in_chromium(precedent_pages: tuple[Path, Path], tmp_path: Path) -> None:
    from linter.precedents import load

    page, hostile = precedent_pages
    examples = load()["requirements"]["rm-third-party-oversight"]["examples"]
    dom = Dom(browse(page, tmp_path, "--dump-dom", "--virtual-time-budget=2000"))
    blocks = [a for t, a in dom.elements if a.get("data-precedents")]
    assert "rm-third-party-oversight" in {a["data-precedents"] for a in blocks}
    visible = dom.visible()
    for example in examples:
        assert " ".join(example["text"].split()) in visible
        assert f"accession {example['accession']}" in visible
    after = Dom(browse(hostile, tmp_path, "--dump-dom", "--virtual-time-budget=2000"))
    assert "<img src=x onerror=" in after.visible()
    assert "vendors' SOC 2 reports & contracts." in after.visible()
    for tag, attrs in after.elements:
        assert tag != "img" and "data-pwned" not in attrs, (tag, attrs)
