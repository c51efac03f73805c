"""The README's set-up command, run verbatim as a new user would: a fresh virtual environment in
a fresh copy of the project, the project installed (not editable), the example linted; the
installed command then works from a folder outside the copy."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path


def _install_command(readme: str) -> str:
    """The one shell line of the README's set-up section that creates the environment."""
    setup = readme.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    (line,) = [s for s in re.findall(r"```sh\n(.*?)\n```", setup, re.DOTALL)
               if s.startswith("python3 -m venv")]
    return line


def _copy_project(repo: Path, target: Path) -> None:
    """The files a fresh clone of the working tree holds (tracked and new, not ignored)."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], cwd=repo, capture_output=True, check=True)
    for name in filter(None, listed.stdout.decode().split("\0")):
        source = repo / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def test_readme_install_and_run_work_with_no_other_step(repo: Path, tmp_path: Path) -> None:
    command = _install_command((repo / "README.md").read_text(encoding="utf-8"))
    assert command.endswith("check examples/item1c-draft.md"), command
    checkout = tmp_path / "disclosure-lint"
    _copy_project(repo, checkout)
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    done = subprocess.run(["bash", "-c", command], cwd=checkout, env=env, capture_output=True,
                          text=True, timeout=900, check=False)
    assert done.returncode == 1, done.stderr[-3000:]  # the example draft has findings
    assert "Traceback" not in done.stderr
    summary = done.stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"1 document: \d+ errors?, \d+ warnings?, \d+ info.*", summary), summary
    # installed, not run from the copy: the package and its data live in the environment
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    venv = checkout / ".venv"
    probe = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import linter, linter.resources as r; "
         "print(linter.__file__); print(r.data_dir('rules')); print(r.data_dir('templates'))"],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=True)
    for line in probe.stdout.splitlines():
        assert Path(line).resolve().is_relative_to(venv.resolve()), line
    again = subprocess.run(
        [str(venv / "bin" / "disclosure-lint"), "check",
         str(checkout / "examples" / "item1c-draft.md"), "--format", "html", "--output",
         "report.html"], cwd=elsewhere, env=env, capture_output=True, text=True, check=False)
    assert again.returncode == 1 and again.stderr == "", again.stderr
    assert "Requirement checklist" in (elsewhere / "report.html").read_text(encoding="utf-8")
