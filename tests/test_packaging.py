"""The wheel ships the package, rules/ and templates/, and runs from an unpacked copy."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

PACKAGE_MODULES = ("__init__.py", "__main__.py", "cli.py", "api.py", "model.py", "inputs.py",
                   "sentences.py", "resources.py", "parsers/__init__.py", "parsers/text.py",
                   "parsers/markdown.py", "parsers/rpage.py", "parsers/detect.py",
                   "reporters/__init__.py", "reporters/json.py")


@pytest.fixture(scope="module")
def wheel(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
         "-q", "-w", str(out), str(repo)],
        capture_output=True, text=True, check=False)
    assert build.returncode == 0, build.stderr
    wheels = list(out.glob("disclosure_lint-*.whl"))
    assert len(wheels) == 1
    return wheels[0]


def _data_files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def test_wheel_contents(wheel: Path, repo: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for module in PACKAGE_MODULES:
        assert f"linter/{module}" in names
    for folder in ("rules", "templates"):
        for rel in _data_files(repo / folder):
            assert f"linter/{folder}/{rel}" in names, rel
    assert {"linter/data/precedents.json", "linter/schemas/diff.schema.json"} <= names
    metadata = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "disclosure-lint = linter.cli:main" in zipfile.ZipFile(wheel).read(metadata).decode()


def test_unpacked_wheel_runs_from_another_directory(wheel: Path, corpus: Path,
                                                    tmp_path: Path) -> None:
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(unpacked)}
    probe = subprocess.run(
        [sys.executable, "-c", "import linter, linter.resources as r; "
         "print(linter.__file__); print(r.data_dir('rules')); print(r.data_dir('templates'))"],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=False)
    assert probe.returncode == 0, probe.stderr
    for line in probe.stdout.splitlines():
        assert Path(line).resolve().is_relative_to(unpacked.resolve()), line
    seed = corpus / "seeds" / "000_c9ce561330e11307.txt"
    run = subprocess.run([sys.executable, "-m", "linter", "check", str(seed), "--format", "json"],
                         cwd=elsewhere, env=env, capture_output=True, text=True, check=False)
    assert run.returncode in (0, 1), run.stderr  # 1: the seed has findings
    document = json.loads(run.stdout)["documents"][0]
    assert document["format"] == "rpage"
    assert document["facts"]["CybersecurityRiskManagementThirdPartyEngagedFlag"] == "true"
    expertise = next(r for r in document["requirements"] if r["id"] == "gov-mgmt-expertise")
    assert expertise["precedents"]["examples"]  # the precedent file ships inside the package
