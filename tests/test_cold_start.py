"""What a pre-commit run imports: no library or module a plain 10-K draft does not need."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Run the CLI in a fresh interpreter, then list which of these modules it loaded.
PROBE = """
import json, sys
from linter.cli import main
code = main(["check", sys.argv[1], "--quiet"])
watched = json.loads(sys.argv[2])
print(json.dumps({"code": code, "loaded": sorted(m for m in watched if m in sys.modules)}))
"""
WATCHED = ["jsonschema", "jinja2", "lxml", "docx", "markdown_it", "yaml",
           "concurrent.futures.process", "multiprocessing", "charset_normalizer",
           "linter.serve", "starlette", "uvicorn", "python_multipart", "anyio",
           "linter.precedents", "linter.diff", "difflib",  # the quiet hook shows no precedents
           # the Form 8-K machinery: an annual report needs none of it
           "linter.incident", "linter.amendments", "linter.checks.clock", "linter.clock",
           "holidays",
           "tomllib"]  # the draft's folder holds another tool's pyproject.toml, not parsed
DRAFT = """Item 1C. Cybersecurity

We maintain a cybersecurity risk management program integrated into our overall enterprise
risk management. The Audit Committee of our Board of Directors oversees cybersecurity risk and
receives quarterly reports from our Chief Information Security Officer.
"""


def loaded(draft: Path, cache: Path, repo: Path) -> set[str]:
    env = {k: v for k, v in os.environ.items() if k != "DISCLOSURE_LINT_NO_CACHE"}
    env["XDG_CACHE_HOME"] = str(cache)
    done = subprocess.run([sys.executable, "-c", PROBE, str(draft), json.dumps(WATCHED)],
                          capture_output=True, text=True, env=env, cwd=repo, check=False,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["code"] in (0, 1), done.stderr  # findings or none, never an error
    return set(result["loaded"])


INCIDENT = """Item 1.05. Material Cybersecurity Incidents

On June 2, 2025, we detected a ransomware attack on our billing systems. On June 9, 2025, we
determined that the incident was material. The attack disrupted billing for two weeks.
"""


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()  # the configuration search stops here
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "filings"\n\n[tool.ruff]\n',
                                             encoding="utf-8")
    path = tmp_path / "draft.txt"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def test_text_draft_imports_no_heavy_library(draft: Path, tmp_path: Path, repo: Path) -> None:
    first = loaded(draft, tmp_path / "cache", repo)  # an empty cache: the pack is validated
    assert first <= {"jsonschema", "yaml"}
    assert "jsonschema" in first  # the built-in pack really was schema-checked
    # With the built-in pack cached, not even YAML or the schema checker is imported. (A few
    # tries: in a checkout where the built-in pack is being edited, an edit between two runs
    # rightly makes the next one read the pack in full.)
    assert any(loaded(draft, tmp_path / "cache", repo) == set() for _ in range(3))


def test_markdown_draft_imports_only_markdown_it(draft: Path, tmp_path: Path,
                                                 repo: Path) -> None:
    markdown = draft.with_suffix(".md")
    markdown.write_text(DRAFT.replace("Item 1C.", "## Item 1C."), encoding="utf-8")
    loaded(markdown, tmp_path / "cache", repo)
    assert any(loaded(markdown, tmp_path / "cache", repo) == {"markdown_it"} for _ in range(3))


def test_incident_report_imports_the_form_8k_machinery(draft: Path, tmp_path: Path,
                                                       repo: Path) -> None:
    # the other side of the tests above: the probe does see the modules an 8-K needs
    report = draft.with_name("8-k.txt")
    report.write_text(INCIDENT, encoding="utf-8")
    assert {"linter.incident", "linter.checks.clock", "linter.clock"} <= loaded(
        report, tmp_path / "cache", repo)
