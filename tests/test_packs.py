"""Pack loading: schema, positions of every error, RE2 patterns, extends, the compile cache."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from linter.cli import main
from linter.errors import PackError
from linter.packs import PackCache, load_pack
from linter.packs.compile import Where, compile_regex
from linter.packs.conditions import Passage
from linter.packs.yamlpos import load_yaml

MINI = Path(__file__).parent / "fixtures" / "packs" / "mini"


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """A writable copy of the fixture pack."""
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target


def error_of(path: Path) -> PackError:
    with pytest.raises(PackError) as info:
        load_pack(str(path))
    return info.value


def test_fixture_pack_compiles_every_kind() -> None:
    compiled = load_pack(str(MINI))
    assert compiled.id == "mini"
    kinds = {"requirement", "forbid", "conditional", "flag", "metric"}
    assert {r.kind for r in compiled.rules} == kinds
    assert compiled.lexicons["board"].regex.search("our Board  of\nDirectors") is not None


def test_yaml_error_has_line_and_column(pack: Path) -> None:
    (pack / "rules" / "absolute-claims.yaml").write_text("id: absolute-claims\nkind: [forbid\n")
    err = error_of(pack)
    assert err.path.endswith("absolute-claims.yaml")
    assert (err.line, err.column) == (3, 1)
    assert "invalid YAML" in err.message


def test_schema_error_points_at_the_value(pack: Path) -> None:
    path = pack / "rules" / "absolute-claims.yaml"
    path.write_text(path.read_text().replace("severity: warning", "severity: fatal"))
    err = error_of(pack)
    assert err.line == 3 and err.column == 11
    assert "'fatal' is not one of" in err.message and "(at severity)" in err.message


def test_unknown_key_is_rejected_at_the_key(pack: Path) -> None:
    path = pack / "rules" / "third-party-engaged.yaml"
    text = path.read_text().replace("  within: 6\n", "  within: 6\n  witin: 3\n", 1)
    path.write_text(text)
    err = error_of(pack)
    line = text.splitlines().index("  witin: 3") + 1
    assert (err.line, err.column) == (line, 3)
    assert "unknown key 'witin' (at evidence.witin)" in err.message


def test_unknown_key_in_pack_yaml(pack: Path) -> None:
    path = pack / "pack.yaml"
    path.write_text(path.read_text() + "colour: blue\n")
    err = error_of(pack)
    assert err.path.endswith("pack.yaml") and err.column == 1
    assert "unknown key 'colour'" in err.message


def test_bad_pattern_is_reported_where_it_is(pack: Path) -> None:
    path = pack / "pack.yaml"
    text = path.read_text().replace(r"'\bnot currently\b'", r"'(?<=do )not'")
    path.write_text(text)
    err = error_of(pack)
    line = next(i for i, x in enumerate(text.splitlines(), 1) if "(?<=do )not" in x)
    assert err.line == line and (err.column or 0) > 1
    assert "bad pattern" in err.message and "lexicons.negation.patterns[1]" in err.message


def test_bad_inline_pattern_in_a_rule(pack: Path) -> None:
    path = pack / "rules" / "incident-materiality.yaml"
    path.write_text(path.read_text().replace(r"'\bmaterial(?:ly)?\b'", r"'(unclosed'"))
    err = error_of(pack)
    assert err.path.endswith("incident-materiality.yaml") and err.line == 9
    assert "(at then.pattern)" in err.message


@pytest.mark.parametrize("case", ["yaml", "schema", "unknown-key", "pattern"])
def test_rules_validate_exits_2_with_file_line_column(pack: Path, case: str,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    rule = pack / "rules" / "absolute-claims.yaml"
    text = rule.read_text()
    broken = {
        "yaml": text.replace("match: {lexicon: absolute}", "match: {lexicon: absolute"),
        "schema": text.replace("severity: warning", "severity: 3"),
        "unknown-key": text + "colour: blue\n",
        "pattern": text.replace("match: {lexicon: absolute}", "match: {pattern: 'a{2,1}'}"),
    }[case]
    rule.write_text(broken)
    draft = pack.parent / "draft.md"
    draft.write_text("# Item 1C. Cybersecurity\n\nWe engage consultants.\n")
    for command in (["rules", "validate", str(pack)], ["rules", "test", str(pack)],
                    ["check", str(draft), "--pack", str(pack)]):
        assert main(command) == 2
        err = capsys.readouterr().err.strip()
        assert err.count("\n") == 0 and "Traceback" not in err
        assert f"{rule}:" in err
        location = err.split(f"{rule}:")[1].split(":")[:2]
        assert all(part.isdigit() for part in location), err


def test_duplicate_keys_and_aliases_are_refused() -> None:
    with pytest.raises(PackError, match="duplicate key 'id'") as info:
        load_yaml("id: a\nid: b\n", "x.yaml")
    assert (info.value.line, info.value.column) == (2, 1)
    with pytest.raises(PackError, match="aliases"):
        load_yaml("a: &x [1, 2]\nb: *x\n", "x.yaml")


def test_answer_keys_stay_text() -> None:
    # YAML 1.1 reads a bare `no` as False; the answer block's keys must survive as "no"/"yes".
    data = load_yaml("answer:\n  no: 1\n  yes: 2\n", "x.yaml").data
    assert data == {"answer": {"no": 1, "yes": 2}}


def test_rule_file_name_must_match_id(pack: Path) -> None:
    (pack / "rules" / "absolute-claims.yaml").rename(pack / "rules" / "absolute.yaml")
    err = error_of(pack)
    assert "differs from the file name" in err.message and err.line == 1


def test_unknown_lexicon_reference(pack: Path) -> None:
    path = pack / "rules" / "absolute-claims.yaml"
    path.write_text(path.read_text().replace("{lexicon: absolute}", "{lexicon: absolutes}"))
    err = error_of(pack)
    assert "unknown lexicon 'absolutes'" in err.message and err.line == 8


def test_lexicon_include(pack: Path) -> None:
    """A lexicon built of others holds their terms; an unknown or circular include is an error
    at its own line."""
    yaml_path = pack / "pack.yaml"
    original = yaml_path.read_text()
    yaml_path.write_text(original.replace(
        "  absolute:\n", "  oversight-body:\n    include: [board, committee]\n  absolute:\n"))
    compiled = load_pack(str(pack))
    regex = compiled.lexicons["oversight-body"].regex
    assert regex.search("the Audit Committee") and regex.search("our board")
    assert not regex.search("management")
    yaml_path.write_text(original.replace(
        "  absolute:\n", "  oversight-body:\n    include: [board, comittee]\n  absolute:\n"))
    err = error_of(pack)
    assert "unknown lexicon 'comittee'" in err.message and err.line is not None
    yaml_path.write_text(original.replace(
        "  absolute:\n", "  loop-a:\n    include: [loop-b]\n  loop-b:\n    include: [loop-a]\n"
        "  absolute:\n"))
    assert "includes itself" in error_of(pack).message


def test_condition_needs_exactly_one_operator(pack: Path) -> None:
    path = pack / "rules" / "absolute-claims.yaml"
    path.write_text(path.read_text().replace("{lexicon: absolute}", "{lexicon: absolute, term: x}"))
    assert "exactly one of" in error_of(pack).message


def test_catastrophic_pattern_cannot_hang() -> None:
    regex = compile_regex(r"(a+)+$", Where("x.yaml", load_yaml("a: 1", "x.yaml"), ()))
    text = "a" * 200_000 + "b"
    started = time.perf_counter()
    assert regex.search(text) is None
    assert time.perf_counter() - started < 1.0


def test_terms_are_whitespace_and_apostrophe_flexible() -> None:
    where = Where("x.yaml", load_yaml("a: 1", "x.yaml"), ())
    from linter.packs.compile import lexicon_parts

    parts = lexicon_parts([("company's board", where), ("U.S.", where)], [], where)
    regex = compile_regex("|".join(parts), where)
    assert regex.search("the Company\u2019s\n  Board met") is not None
    assert regex.search("in the U.S. market") is not None
    assert regex.search("the companys boards") is None


def test_extending_pack(tmp_path: Path) -> None:
    house = tmp_path / "house"
    (house / "rules").mkdir(parents=True)
    (house / "pack.yaml").write_text(f"""\
id: house
title: House rules
version: 1.0.0
forms: [10-K]
extends: {MINI}
lexicons:
  absolute:
    add_terms: [bulletproof]
  house-words:
    terms: [synergy]
overrides:
  section-length: {{severity: error}}
disable: [incident-materiality]
""")
    (house / "rules" / "no-synergy.yaml").write_text("""\
id: no-synergy
kind: forbid
severity: info
title: No synergy
message: Say what you mean.
why: Jargon.
fix: Plain words.
match: {lexicon: house-words}
examples:
  fail: [{text: We seek synergy.}]
  pass: [{text: We seek savings.}]
""")
    compiled = load_pack(str(house))
    ids = {r.id for r in compiled.rules}
    assert "incident-materiality" not in ids and "no-synergy" in ids
    assert str(compiled.rule("section-length").severity) == "error"  # type: ignore[union-attr]
    absolute = compiled.lexicons["absolute"]
    assert "bulletproof" in absolute.terms and "fully secure" in absolute.terms
    assert compiled.chain == ("house", "mini")
    assert compiled.rule("absolute-claims").match.spans(Passage("It is bulletproof.")) is not None  # type: ignore[union-attr]


def test_extends_errors(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    for me, other in ((a, "../b"), (b, "../a")):
        me.mkdir()
        (me / "pack.yaml").write_text(f"id: {me.name}\ntitle: t\nversion: '1.0'\nforms: [10-K]\n"
                                      f"extends: {other}\n")
    assert "cycle" in error_of(a).message
    (b / "pack.yaml").write_text("id: b\ntitle: t\nversion: '1.0'\nforms: [10-K]\n"
                                 "lexicons: {x: {add_terms: [y]}}\n")
    (a / "pack.yaml").write_text("id: a\ntitle: t\nversion: '1.0'\nforms: [10-K]\n"
                                 "extends: ./nope\n")
    err = error_of(a)
    assert "no such pack" in err.message and err.line == 5
    assert "which no extended pack defines" in error_of(b).message


def test_cache_compiles_once_and_recompiles_on_change(pack: Path) -> None:
    cache = PackCache()
    first = cache.get(str(pack))
    assert cache.get(str(pack / "pack.yaml")) is first
    assert cache.compiled == 1
    rule = pack / "rules" / "section-length.yaml"
    rule.write_text(rule.read_text().replace("min: 8", "min: 9"))
    stamp = rule.stat().st_mtime + 5
    import os

    os.utime(rule, (stamp, stamp))
    second = cache.get(str(pack))
    assert second is not first and cache.compiled == 2


def test_cache_sees_a_change_in_the_extended_pack(tmp_path: Path, pack: Path) -> None:
    import os

    child = tmp_path / "child"
    child.mkdir()
    (child / "pack.yaml").write_text(f"id: child\ntitle: t\nversion: '1.0'\nforms: [10-K]\n"
                                     f"extends: {pack}\n")
    cache = PackCache()
    first = cache.get(str(child))
    assert cache.get(str(child)) is first
    base_rule = pack / "rules" / "section-length.yaml"
    stamp = base_rule.stat().st_mtime + 5
    os.utime(base_rule, (stamp, stamp))
    assert cache.get(str(child)) is not first and cache.compiled == 2


def test_unknown_pack_name() -> None:
    with pytest.raises(PackError, match="no such pack"):
        load_pack("no-such-pack-anywhere")
