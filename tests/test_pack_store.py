"""The on-disk cache of built-in packs: used when nothing changed, never trusted otherwise."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from linter.errors import PackError
from linter.packs import load_pack
from linter.packs.loader import read_pack, resolve
from linter.resources import data_dir

MINI = Path(__file__).parent / "fixtures" / "packs" / "mini"


@pytest.fixture
def builtin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture pack installed as a built-in pack, with an empty user cache folder."""
    rules = tmp_path / "rules"
    shutil.copytree(MINI, rules / "mini")
    shutil.copy(data_dir("rules") / "pack.schema.json", rules)
    monkeypatch.setattr("linter.packs.loader.data_dir", lambda name: rules)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("DISCLOSURE_LINT_NO_CACHE", raising=False)
    return rules / "mini"


def entries(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache" / "disclosure-lint" / "packs").glob("*.json"))


def test_second_read_comes_from_the_cache_and_compiles_the_same(builtin: Path,
                                                                  tmp_path: Path) -> None:
    first = load_pack("mini")
    assert not read_pack(builtin / "pack.yaml", use_cache=False).cached
    assert read_pack(resolve("mini")).cached
    again = load_pack("mini")
    assert [(r.id, r.raw, r.severity) for r in again.rules] == \
        [(r.id, r.raw, r.severity) for r in first.rules]
    assert {n: (x.terms, x.patterns) for n, x in again.lexicons.items()} == \
        {n: (x.terms, x.patterns) for n, x in first.lexicons.items()}
    [entry] = entries(tmp_path)
    assert set(json.loads(entry.read_text())["files"]) == \
        {"pack.yaml", *(f"rules/{p.name}" for p in (builtin / "rules").iterdir())}


def test_cached_data_is_what_is_used_until_the_files_change(builtin: Path,
                                                             tmp_path: Path) -> None:
    load_pack("mini")
    [entry] = entries(tmp_path)
    stored = json.loads(entry.read_text())
    stored["files"]["rules/absolute-claims.yaml"]["severity"] = "info"
    entry.write_text(json.dumps(stored))
    assert load_pack("mini").rules[0].severity == "info"  # proves the entry is read
    assert load_pack("mini", use_cache=False).rules[0].severity == "warning"
    rule = builtin / "rules" / "absolute-claims.yaml"
    rule.write_text(rule.read_text() + "\n")  # any change to any file: a full read
    assert load_pack("mini").rules[0].severity == "warning"


def test_an_edited_builtin_pack_is_validated_again(builtin: Path) -> None:
    load_pack("mini")
    rule = builtin / "rules" / "absolute-claims.yaml"
    rule.write_text(rule.read_text().replace("severity: warning", "severity: fatal"))
    with pytest.raises(PackError) as info:
        load_pack("mini")
    assert info.value.line == 3 and "fatal" in info.value.message


def test_a_broken_cache_entry_means_a_full_read(builtin: Path, tmp_path: Path) -> None:
    expected = [r.id for r in load_pack("mini").rules]
    for garbage in ("{not json", "[]", '{"key": 1}', ""):
        for entry in entries(tmp_path):
            entry.write_text(garbage)
        assert [r.id for r in load_pack("mini").rules] == expected
    assert read_pack(resolve("mini")).cached  # and the entry is written again


def test_a_compile_error_from_a_cached_pack_keeps_its_position(builtin: Path) -> None:
    rule = builtin / "rules" / "absolute-claims.yaml"
    rule.write_text(rule.read_text().replace("{lexicon: absolute}", "{lexicon: absolutes}"))
    for _ in range(2):
        with pytest.raises(PackError) as info:
            load_pack("mini")
        assert "unknown lexicon 'absolutes'" in info.value.message
        assert (info.value.line, info.value.column) == (8, 18)
    assert not read_pack(resolve("mini")).cached  # only a pack that compiled is cached


def test_a_cached_pack_that_no_longer_compiles_is_read_in_full(builtin: Path,
                                                               tmp_path: Path) -> None:
    expected = [r.id for r in load_pack("mini").rules]
    [entry] = entries(tmp_path)
    stored = json.loads(entry.read_text())
    del stored["compiled"]
    stored["files"]["rules/absolute-claims.yaml"]["match"] = {"lexicon": "absolutes"}
    entry.write_text(json.dumps(stored))
    assert [r.id for r in load_pack("mini").rules] == expected


def test_user_packs_are_never_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("DISCLOSURE_LINT_NO_CACHE", raising=False)
    load_pack(str(MINI))
    assert not read_pack(resolve(str(MINI))).cached
    assert not (tmp_path / "cache").exists()


def test_cache_can_be_turned_off(builtin: Path, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCLOSURE_LINT_NO_CACHE", "1")
    load_pack("mini")
    load_pack("mini")
    assert not (tmp_path / "cache").exists()


def test_an_unwritable_cache_folder_is_ignored(builtin: Path, tmp_path: Path) -> None:
    (tmp_path / "cache").write_text("a file where the folder should be")
    assert [r.id for r in load_pack("mini").rules]
    assert not read_pack(resolve("mini")).cached


def test_the_entry_keeps_each_expression_and_a_malformed_one_is_not_trusted(
        builtin: Path, tmp_path: Path) -> None:
    from linter.packs.lazy import LazyRegex

    first = load_pack("mini")
    [entry] = entries(tmp_path)
    stored = json.loads(entry.read_text())
    records = stored["compiled"]["records"]
    assert records and all(isinstance(source, str) and isinstance(gate, dict)
                           for parts, _anchored, gate in records.values() for source in parts)
    assert all(isinstance(x.regex, LazyRegex) for x in load_pack("mini").lexicons.values())
    label = next(iter(records))
    records[label][0] = [["x"]]  # a part that is not an expression
    entry.write_text(json.dumps(stored))
    again = load_pack("mini")  # the records are ignored: every expression compiled now
    assert not any(isinstance(x.regex, LazyRegex) for x in again.lexicons.values())
    assert [r.id for r in again.rules] == [r.id for r in first.rules]
