"""Golden reports for both seeds through the real pipeline; rewrite: ``pytest --update-golden``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from linter import __version__
from linter.api import CheckOptions, check
from linter.reporters import get_reporter

GOLDEN = Path(__file__).resolve().parent / "golden"
SEEDS = {"seed000": "000_c9ce561330e11307.txt", "seed001": "001_659ef0b4b750ad89.txt"}
FORMATS = {"text": "txt", "json": "json", "markdown": "md", "sarif": "sarif", "junit": "xml"}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("seed", SEEDS)
def test_golden(seed: str, fmt: str, corpus: Path, tmp_path: Path,
                monkeypatch: pytest.MonkeyPatch, update_golden: bool) -> None:
    shutil.copy(corpus / "seeds" / SEEDS[seed], tmp_path / f"{seed}.txt")
    monkeypatch.chdir(tmp_path)  # relative paths in the reports, as a user in a repo gets them
    report = check([f"{seed}.txt"], CheckOptions()).to_plain()
    out = get_reporter(fmt)(report)
    assert isinstance(out, str)
    out = out.replace(f'"{__version__}"', '"VERSION"').replace(f" {__version__}", " VERSION")
    golden = GOLDEN / f"{seed}.{FORMATS[fmt]}"
    if update_golden:
        golden.write_text(out, encoding="utf-8")
    if not golden.exists():
        pytest.fail(f"no golden file {golden.name}; run pytest --update-golden and review the diff")
    assert out == golden.read_text(encoding="utf-8"), f"{golden.name} differs; if intended, " \
        "run pytest --update-golden and review the diff"


@pytest.mark.parametrize("seed", SEEDS)
def test_real_output_is_valid(seed: str, corpus: Path) -> None:
    """The shipped report schema and the SARIF 2.1.0 schema accept the real pipeline's output."""
    report = check([str(corpus / "seeds" / SEEDS[seed])], CheckOptions()).to_plain()
    schema_dir = Path(__file__).resolve().parents[1] / "linter" / "schemas"
    schema = json.loads((schema_dir / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(str(get_reporter("json")(report))), schema)
    sarif_schema = json.loads((corpus.parent / "schemas" / "sarif-2.1.0.json").read_text("utf-8"))
    jsonschema.validate(json.loads(str(get_reporter("sarif")(report))), sarif_schema)
    assert len(report["documents"][0]["requirements"]) == 12
