"""CLI basics: --version, python -m linter, folders with --include/--exclude, stdin, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from linter import __version__
from linter.cli import main

DRAFT = "# Item 1C. Cybersecurity\n\n## Governance\n\nOur Audit Committee oversees cyber risk.\n"


def _tree(root: Path) -> None:
    for rel in ("a.md", "sub/b.txt", "sub/deeper/c.md", "skip/d.md", ".hidden/e.md"):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(DRAFT, encoding="utf-8")
    (root / "sub" / "notes.pdf").write_bytes(b"%PDF-1.7 not a draft")


def _paths(out: str, root: Path) -> list[str]:
    return [Path(d["path"]).relative_to(root).as_posix() for d in json.loads(out)["documents"]]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"disclosure-lint, version {__version__}"


def test_python_dash_m_from_another_directory(tmp_path: Path, repo: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(repo)}
    run = subprocess.run([sys.executable, "-m", "linter", "check", "draft.md", "--format", "json",
                          "--fail-on", "never"], cwd=tmp_path, env=env, capture_output=True,
                         text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["documents"][0]["format"] == "markdown"
    usage = subprocess.run([sys.executable, "-m", "linter", "check", "--no-such-option"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    assert usage.returncode == 2 and "Traceback" not in usage.stderr


def test_folder_recursion(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _tree(tmp_path)
    assert main(["check", str(tmp_path), "--format", "json", "--fail-on", "never"]) == 0
    assert _paths(capsys.readouterr().out, tmp_path) == [
        "a.md", "skip/d.md", "sub/b.txt", "sub/deeper/c.md"]
    argv = ["check", str(tmp_path), "--include", "*.md", "--exclude", "skip/*", "--format", "json",
            "--fail-on", "never"]
    assert main(argv) == 0
    assert _paths(capsys.readouterr().out, tmp_path) == ["a.md", "sub/deeper/c.md"]


def test_stdin_dash(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                    tmp_path: Path) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(DRAFT.encode("utf-8"))))
    assert main(["check", "-", "--format", "json", "--fail-on", "never"]) == 0
    document = json.loads(capsys.readouterr().out)["documents"][0]
    assert (document["path"], document["format"], document["form"]) == ("<stdin>", "markdown",
                                                                        "10-K")


def test_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT, encoding="utf-8")
    assert main(["check", str(draft), "--fail-on", "never"]) == 0
    assert main(["check", str(tmp_path / "missing.md"), "--fail-on", "never"]) == 2
    assert main(["check"]) == 2  # no PATH: a usage error
    assert main(["check", str(draft), "--form", "10-Q"]) == 2
    err = capsys.readouterr().err
    assert "missing.md" in err and "Traceback" not in err
