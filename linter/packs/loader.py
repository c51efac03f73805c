"""Read a pack folder (pack.yaml + rules/*.yaml), validate it, resolve `extends`, compile it."""

from __future__ import annotations

import contextlib
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from linter.errors import PackError
from linter.packs.compile import (
    ConditionCompiler,
    Expressions,
    Where,
    check_lexicon_patterns,
    lexicon_parts,
)
from linter.packs.conditions import Condition, Match
from linter.packs.model import Lexicon, Pack, Rule
from linter.packs.schema import validate
from linter.packs.yamlpos import Positioned, load_yaml
from linter.resources import data_dir
from linter.results import Severity

if TYPE_CHECKING:
    from linter.packs.compile import Record

MAX_FILE = 1024 * 1024  # a rule file is a few KB; refuse anything absurd before parsing it


@dataclass
class RawPack:
    """A pack as read and schema-checked, before merging and compiling."""

    file: str
    doc: Positioned
    rules: list[tuple[str, Positioned]]
    base: RawPack | None = None
    cached: bool = False  # read from the cache: plain data, no positions
    key: str | None = None  # its cache key (built-in packs only)
    # from its cache entry: the records of its expressions, and the chain they were made with
    compiled: tuple[str, dict[str, Record]] | None = None

    @property
    def data(self) -> dict[str, Any]:
        data: dict[str, Any] = self.doc.data
        return data


def builtin_packs() -> list[str]:
    """Names of the packs shipped in rules/."""
    try:
        root = data_dir("rules")
    except FileNotFoundError:
        return []
    return sorted(p.parent.name for p in root.glob("*/pack.yaml"))


def resolve(name_or_path: str, relative_to: Path | None = None) -> Path:
    """The pack.yaml of a built-in pack name, a folder, or a pack.yaml path."""
    candidates: list[Path] = []
    path = Path(name_or_path)
    if relative_to is not None and not path.is_absolute():
        candidates.append(relative_to / path)
    candidates.append(path)
    if "/" not in name_or_path and "\\" not in name_or_path and not name_or_path.endswith(".yaml"):
        with contextlib.suppress(FileNotFoundError):  # no built-in packs installed
            candidates.append(data_dir("rules") / name_or_path)
    for candidate in candidates:
        if candidate.is_dir() and (candidate / "pack.yaml").is_file():
            return (candidate / "pack.yaml").resolve()
        if candidate.is_file() and candidate.name.endswith((".yaml", ".yml")):
            return candidate.resolve()
    known = ", ".join(builtin_packs()) or "none"
    raise PackError(name_or_path, f"no such pack (a folder with pack.yaml, or a built-in: {known})")


def read_text(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_FILE:
            raise PackError(str(path), f"file is over {MAX_FILE:,} bytes")
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise PackError(str(path), "not UTF-8 text") from None
    except OSError as exc:
        raise PackError(str(path), f"cannot read: {exc.strerror or exc}") from None


def load(pack_yaml: Path, use_cache: bool = True) -> Pack:
    """Read, check and compile a pack. A built-in pack whose whole chain comes from the cache
    with the records of its expressions compiles each expression only when a text needs it;
    otherwise every expression is compiled now and, for a built-in pack, the pack is cached
    once it has compiled. A pack read from the cache has no positions, so if it fails to
    compile (the compiler changed since) it is read again in full for the error."""
    raw = read_pack(pack_yaml, use_cache=use_cache)
    chain = _chain(raw)
    recorded = raw.compiled[1] if raw.compiled and raw.compiled[0] == chain else None
    expressions = Expressions(recorded, record=chain is not None and recorded is None)
    try:
        pack = compile_pack(raw, expressions)
    except PackError:
        if not _any_cached(raw):
            raise
        return compile_pack(read_pack(pack_yaml, use_cache=False))
    if chain is not None and recorded is None:
        _store(raw, (chain, expressions.records))
    return pack


def _any_cached(raw: RawPack | None) -> bool:
    return raw is not None and (raw.cached or _any_cached(raw.base))


def _chain(raw: RawPack | None) -> str | None:
    """The cache keys of a pack and the packs it extends, or None if one has none."""
    keys = []
    while raw is not None:
        if raw.key is None:
            return None
        keys.append(raw.key)
        raw = raw.base
    return "\n\n".join(keys)


def _store(raw: RawPack, compiled: tuple[str, dict[str, Record]]) -> None:
    """Cache a pack that compiled, with its expressions, and each pack it extends that did
    not come from the cache."""
    from linter.packs import cache

    top: RawPack | None = raw
    while top is not None:
        if top.key is not None and (top is raw or not top.cached):
            pack_yaml = Path(top.file)
            files = {_name(pack_yaml, pack_yaml): top.data,
                     **{_name(pack_yaml, Path(f)): d.data for f, d in top.rules}}
            cache.store(pack_yaml, top.key, files, compiled if top is raw else None)
        top = top.base


def read_pack(pack_yaml: Path, seen: tuple[Path, ...] = (), use_cache: bool = True) -> RawPack:
    """Read and schema-check a pack and, recursively, the packs it extends. A built-in pack
    whose files, schema and reading code are unchanged since a previous run comes from the
    cache (see linter.packs.cache) instead."""
    if pack_yaml in seen:
        chain = " -> ".join(str(p) for p in (*seen, pack_yaml))
        raise PackError(str(pack_yaml), f"packs extend each other in a cycle: {chain}")
    files = [pack_yaml, *sorted((pack_yaml.parent / "rules").glob("*.y*ml"))]
    key = _cache_key(pack_yaml, files) if use_cache else None
    raw = _from_cache(pack_yaml, files, key) if key else None
    if raw is None:
        raw = _check(pack_yaml, files, {_name(pack_yaml, f): read_text(f) for f in files})
    raw.key = key
    extends = raw.data.get("extends")
    if extends:
        try:
            base_yaml = resolve(extends, pack_yaml.parent)
        except PackError as exc:
            line, col = raw.doc.where(("extends",))
            raise PackError(str(pack_yaml), exc.message, line, col) from None
        raw.base = read_pack(base_yaml, (*seen, pack_yaml), use_cache)
    return raw


def _name(pack_yaml: Path, file: Path) -> str:
    return file.relative_to(pack_yaml.parent).as_posix()


def _check(pack_yaml: Path, files: list[Path], texts: dict[str, str]) -> RawPack:
    """Parse and schema-check every file of one pack (not the packs it extends), and compile
    each of its lexicon patterns alone."""
    doc = load_yaml(texts[_name(pack_yaml, pack_yaml)], str(pack_yaml))
    if not isinstance(doc.data, dict):
        raise PackError(str(pack_yaml), "a pack file must be a mapping", 1, 1)
    validate(doc, "pack", str(pack_yaml))
    check_lexicon_patterns(str(pack_yaml), doc)
    rules = []
    for rule_file in files[1:]:
        rule_doc = load_yaml(texts[_name(pack_yaml, rule_file)], str(rule_file))
        if not isinstance(rule_doc.data, dict):
            raise PackError(str(rule_file), "a rule file must be a mapping", 1, 1)
        validate(rule_doc, "rule", str(rule_file))
        if rule_doc.data["id"] != rule_file.stem:
            line, col = rule_doc.where(("id",))
            raise PackError(str(rule_file), f"rule id {rule_doc.data['id']!r} differs from the "
                            f"file name {rule_file.stem!r}", line, col)
        rules.append((str(rule_file), rule_doc))
    return RawPack(str(pack_yaml), doc, rules)


def _cache_key(pack_yaml: Path, files: list[Path]) -> str | None:
    """The cache key of a built-in pack; None for any other pack (always read in full)."""
    from linter.packs import cache

    try:
        rules = data_dir("rules").resolve()
    except FileNotFoundError:
        return None
    if pack_yaml.parent.parent != rules or cache.folder() is None:
        return None
    try:
        return cache.key(files, rules / "pack.schema.json")
    except OSError:
        return None


def _from_cache(pack_yaml: Path, files: list[Path], key: str) -> RawPack | None:
    from linter.packs import cache

    stored = cache.load(pack_yaml, key)
    if stored is None:
        return None
    data = [stored.files.get(_name(pack_yaml, f)) for f in files]
    if not all(isinstance(d, dict) for d in data):
        return None
    rules = [(str(f), Positioned(d, {}, {})) for f, d in zip(files[1:], data[1:], strict=True)]
    compiled = (stored.chain, stored.records) if stored.chain and stored.records else None
    return RawPack(str(pack_yaml), Positioned(data[0], {}, {}), rules, cached=True,
                   compiled=compiled)


@dataclass
class _Merged:
    """Lexicon sources and rule sources after applying every `extends` layer."""

    terms: dict[str, list[tuple[str, Where]]] = field(default_factory=dict)
    patterns: dict[str, list[tuple[str, Where]]] = field(default_factory=dict)
    lexicon_at: dict[str, Where] = field(default_factory=dict)
    includes: dict[str, list[tuple[str, Where]]] = field(default_factory=dict)
    # rule id -> (file, positions, id of the pack defining it)
    rules: dict[str, tuple[str, Positioned, str]] = field(default_factory=dict)
    overrides: dict[str, dict[str, Any]] = field(default_factory=dict)
    chain: list[str] = field(default_factory=list)


def _merge(raw: RawPack) -> _Merged:
    merged = _merge(raw.base) if raw.base else _Merged()
    here = Where(raw.file, raw.doc, ())
    for name, lex in raw.data.get("lexicons", {}).items():
        at = here.child("lexicons", name)
        if ("add_terms" in lex or "add_patterns" in lex) and name not in merged.lexicon_at:
            raise at.error(f"add_terms/add_patterns on lexicon {name!r}, "
                           "which no extended pack defines")
        if "terms" in lex or "patterns" in lex or "include" in lex:
            merged.terms[name], merged.patterns[name] = [], []
            merged.includes[name] = [(v, at.child("include", i))
                                     for i, v in enumerate(lex.get("include", []))]
        merged.lexicon_at.setdefault(name, at)
        for key, target in (("terms", merged.terms), ("add_terms", merged.terms),
                            ("patterns", merged.patterns), ("add_patterns", merged.patterns)):
            items = lex.get(key, [])
            target.setdefault(name, []).extend((v, at.child(key, i)) for i, v in enumerate(items))
    for file, doc in raw.rules:
        merged.rules[doc.data["id"]] = (file, doc, raw.data["id"])
    for rule_id, change in raw.data.get("overrides", {}).items():
        if rule_id not in merged.rules:
            raise here.child("overrides", rule_id).error(f"override of unknown rule {rule_id!r}")
        merged.overrides[rule_id] = {**merged.overrides.get(rule_id, {}), **change}
    for i, rule_id in enumerate(raw.data.get("disable", [])):
        if rule_id not in merged.rules:
            raise here.child("disable", i).error(f"disable of unknown rule {rule_id!r}")
        del merged.rules[rule_id]
    merged.chain.insert(0, raw.data["id"])
    return merged


def _lexicon_sources(merged: _Merged, name: str, seen: tuple[str, ...]
                     ) -> tuple[list[tuple[str, Where]], list[tuple[str, Where]]]:
    """A lexicon's terms and patterns with those of the lexicons it includes."""
    terms, patterns = list(merged.terms.get(name, [])), list(merged.patterns.get(name, []))
    for included, at in merged.includes.get(name, []):
        if included not in merged.lexicon_at:
            raise at.error(f"unknown lexicon {included!r}")
        if included in (*seen, name):
            raise at.error(f"lexicon {name!r} includes itself through {included!r}")
        more_terms, more_patterns = _lexicon_sources(merged, included, (*seen, name))
        terms += more_terms
        patterns += more_patterns
    return terms, patterns


def compile_pack(raw: RawPack, expressions: Expressions | None = None) -> Pack:
    """Merge the extends chain and compile every lexicon, pattern and condition once (see
    Expressions for when each expression is compiled)."""
    expressions = expressions or Expressions()
    merged = _merge(raw)
    lexicons, matches = {}, {}
    for name, at in merged.lexicon_at.items():
        terms, patterns = _lexicon_sources(merged, name, ())
        match: Match = expressions.match(
            f"lexicon:{name}", functools.partial(lexicon_parts, terms, patterns, at), at)
        matches[name] = match
        lexicons[name] = Lexicon(name, tuple(t for t, _ in terms), tuple(p for p, _ in patterns),
                                 match.regex)
    compiler = ConditionCompiler(matches, expressions)
    rules = tuple(_compile_rule(file, doc, pack_id, merged.overrides.get(rid, {}), compiler)
                  for rid, (file, doc, pack_id) in merged.rules.items())
    _check_references(rules, merged)
    data = raw.data
    return Pack(
        id=data["id"], title=data["title"], version=str(data["version"]),
        forms=tuple(data["forms"]), path=raw.file, rules=rules, lexicons=lexicons,
        references=tuple((r["title"], r.get("url", "")) for r in data.get("references", [])),
        chain=tuple(merged.chain), files=tuple(_files(raw)),
    )


def _files(raw: RawPack | None) -> list[str]:
    return [raw.file, *_files(raw.base)] if raw else []


def _check_references(rules: tuple[Rule, ...], merged: _Merged) -> None:
    requirements = {r.id for r in rules if r.kind == "requirement"}
    for rule in rules:
        target = rule.then_requirement or rule.requirement
        if target and target not in requirements:
            file, doc, _ = merged.rules[rule.id]
            key = "then_requirement" if rule.then_requirement else "requirement"
            raise Where(file, doc, (key,)).error(f"no requirement rule {target!r} in this pack")


def _tiers(cite: Any, here: Where, compiler: ConditionCompiler) -> tuple[Condition, ...]:
    """`cite`: one condition, or a list of them in order of preference."""
    if cite is None:
        return ()
    if isinstance(cite, list):
        return tuple(compiler.compile(c, here.child("cite", i)) for i, c in enumerate(cite))
    return (compiler.compile(cite, here.child("cite")),)


def _compile_rule(file: str, doc: Positioned, pack_id: str, override: dict[str, Any],
                  compiler: ConditionCompiler) -> Rule:
    data: dict[str, Any] = doc.data
    here = Where(file, doc, ())

    def cond(key: str, source: dict[str, Any] | None = None, *prefix: str) -> Any:
        source = data if source is None else source
        if key not in source:
            return None
        return compiler.compile(source[key], here.child(*prefix, key))

    if data.get("measure") == "count" and "of" not in data:
        raise here.child("measure").error("`measure: count` needs `of: condition`")
    answer = data.get("answer", {})
    partial_answer = answer.get("partial")
    partial_map = partial_answer if isinstance(partial_answer, dict) else {}
    incorporated = data.get("section_incorporated")
    then_req = data.get("then_requirement", {})
    partial_sev = data.get("partial_severity")
    modality = data.get("modality", {})
    specific = data.get("specific", {})
    return Rule(
        id=data["id"], kind=data["kind"],
        severity=Severity(override.get("severity", data["severity"])),
        title=data["title"], message=override.get("message", data["message"]),
        why=data["why"], fix=data["fix"], source=file, pack=pack_id,
        citation=data.get("citation", ""), cyd=data.get("cyd"),
        references=tuple((r["title"], r.get("url", "")) for r in data.get("references", [])),
        forms=tuple(data.get("forms", ())), items=tuple(data.get("items", ())),
        except_items=tuple(data.get("except_items", ())), examples=data["examples"], raw=data,
        evidence=cond("evidence"), partial=cond("partial"),
        partial_message=data.get("partial_message", ""),
        partial_reasons=tuple(
            (compiler.compile(reason["when"], here.child("partial_reasons", i, "when")),
             reason["message"]) for i, reason in enumerate(data.get("partial_reasons", []))),
        partial_severity=Severity(partial_sev) if partial_sev else None,
        modality_partial=tuple(modality.get("partial", ())),
        modality_message=modality.get("message", ""),
        specific=cond("condition", specific, "specific"),
        specific_message=specific.get("message", ""),
        window=int(data.get("window", 0)),
        answer_no=cond("no", answer, "answer"), answer_yes=cond("yes", answer, "answer"),
        answer_default=answer.get("default"), has_answer="answer" in data,
        no_gives_way=bool(answer.get("no_gives_way", False)),
        cite=_tiers(data.get("cite"), here, compiler), max_evidence=data.get("max_evidence", 3),
        partial_no=cond("no", partial_map, "answer", "partial"),
        partial_yes=cond("yes", partial_map, "answer", "partial"),
        partial_answer=partial_map.get("default") if partial_map else partial_answer,
        match=cond("match"), unless=cond("unless"), requires=cond("requires"),
        incorporates_within=incorporated["max_other_words"] if incorporated else None,
        when=cond("if"), then=cond("then"),
        then_requirement=then_req.get("id"), then_status=tuple(then_req.get("status", ["met"])),
        element=data.get("element"), requirement=data.get("requirement"), check=data.get("check"),
        business_days=data.get("business_days"), determined=cond("determined"),
        discovered=cond("discovered"), promptly=cond("promptly"),
        missing_message=data.get("missing_message", ""),
        missing_severity=Severity(data["missing_severity"]) if "missing_severity" in data else None,
        measure=data.get("measure"), of=cond("of"), minimum=data.get("min"),
        maximum=data.get("max"), per=data.get("per"), metric_scope=data.get("scope", "section"),
    )
