"""The `rules` commands' logic: list, explain (generated from the YAML), test and validate."""

from __future__ import annotations

import json
from typing import Any

from linter.errors import PackError
from linter.packs import Pack, Rule, load_pack
from linter.packs.examples import ExampleResult, run_examples


def packs_named(names: tuple[str, ...]) -> list[Pack]:
    """The named packs, or every built-in pack when none is named."""
    from linter.packs.loader import builtin_packs

    chosen = names or tuple(builtin_packs())
    if not chosen:
        raise PackError("rules", "no built-in packs are installed; name one with --pack")
    return [load_pack(name) for name in chosen]


def list_rules(packs: list[Pack], fmt: str) -> str:
    rows = [{"id": r.id, "pack": p.id, "kind": r.kind, "severity": str(r.severity),
             "citation": r.citation, "title": r.title} for p in packs for r in p.rules]
    if fmt == "json":
        return json.dumps(rows, indent=2) + "\n"
    if fmt == "markdown":
        return _markdown_table(rows)
    headers = ("id", "kind", "severity", "citation", "title")
    widths = [max([len(h)] + [len(str(row[h])) for row in rows]) for h in headers[:-1]]
    heads = zip(headers, [*widths, 0], strict=True)
    lines = ["  ".join(h.upper().ljust(w) for h, w in heads).rstrip()]
    for row in rows:
        cells = [str(row[h]).ljust(w) for h, w in zip(headers[:-1], widths, strict=True)]
        lines.append("  ".join([*cells, str(row["title"])]))
    return "\n".join(lines) + "\n"


def _markdown_table(rows: list[dict[str, str]]) -> str:
    """The README's rule table (STYLE.md point 1: generated from the rules, never hand-kept)."""
    headers = ("id", "pack", "kind", "severity", "citation", "title")
    lines = ["| " + " | ".join(headers) + " |", "|" + " --- |" * len(headers)]
    for row in rows:
        cells = [f"`{row['id']}`", *(_cell(str(row[h])) for h in headers[1:])]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def find_rule(packs: list[Pack], rule_id: str) -> Rule:
    """The rule of the packs, else of the linter itself (suppressions, amendments)."""
    from linter import amendments, suppress

    for pack in packs:
        rule = pack.rule(rule_id)
        if rule is not None:
            return rule
    own = {**suppress.RULES, **amendments.RULES}
    if rule_id in own:
        return own[rule_id]
    known = sorted([*(r.id for p in packs for r in p.rules), *own])
    near = [k for k in known if rule_id in k or k in rule_id][:5]
    hint = f"; did you mean {', '.join(near)}?" if near else ""
    raise PackError(rule_id, f"no rule with this id in {', '.join(p.id for p in packs)}{hint}")


def explain(rule: Rule) -> str:
    """Ruff-style sections, all taken from the rule's YAML."""
    out = [f"{rule.id} ({rule.kind}, {rule.severity}): {rule.title}", ""]
    if rule.citation or rule.cyd:
        out += [f"Citation: {rule.citation}" if rule.citation else "",
                f"XBRL element: {rule.cyd}" if rule.cyd else ""]
        out = [line for line in out if line != ""] + [""]
    out += _section("What it checks", rule.raw.get("description") or rule.message)
    out += _section("Why it matters", rule.why)
    for title, key in (("Example that fails", "fail"), ("Example that passes", "pass")):
        if rule.examples.get(key):
            out += _section(title, *_examples(rule.examples[key]))
    out += _section("How to fix", rule.fix)
    refs = [f"- {t}" + (f" <{u}>" if u else "") for t, u in rule.references]
    if refs:
        out += _section("References", *refs)
    out.append(f"Defined in: {rule.source}")
    return "\n".join(out) + "\n"


def _section(title: str, *body: str) -> list[str]:
    return [f"## {title}", *body, ""]


def _examples(examples: list[dict[str, Any]]) -> list[str]:
    out = []
    for example in examples:
        notes = [f"{k}: {json.dumps(example[k])}" for k in ("status", "answer", "form", "facts")
                 if k in example]
        out.append("    " + example["text"].strip().replace("\n", "\n    "))
        if notes:
            out.append("    → " + ", ".join(notes))
    return out


def test_packs(packs: list[Pack], verbose: bool) -> tuple[str, bool]:
    """The report of every example of every pack, and whether all passed."""
    lines: list[str] = []
    results: list[ExampleResult] = []
    for pack in packs:
        got = run_examples(pack)
        results += got
        lines += [f"{pack.id}: {r}" for r in got if verbose or not r.ok]
    failed = sum(1 for r in results if not r.ok)
    rules = len({(r.source, r.rule) for r in results})
    lines.append(f"{len(results) - failed} of {len(results)} examples passed "
                 f"({rules} rules, {len(packs)} pack{'s' if len(packs) != 1 else ''})")
    return "\n".join(lines) + "\n", failed == 0


def validate(names: tuple[str, ...]) -> str:
    packs = [load_pack(name, use_cache=False) for name in names]  # always the full check
    return "".join(f"{p.path}: ok ({p.id} {p.version}, {len(p.rules)} rules, "
                   f"{len(p.lexicons)} lexicons)\n" for p in packs)
