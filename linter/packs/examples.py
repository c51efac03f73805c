"""Run a pack's rule examples as tests: each `fail` example must fire, each `pass` must not."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from linter.packs.model import Pack, Rule


@dataclass(frozen=True)
class ExampleResult:
    rule: str
    kind: str  # "fail" or "pass"
    index: int
    ok: bool
    problem: str = ""
    source: str = ""

    def __str__(self) -> str:
        mark = "ok  " if self.ok else "FAIL"
        tail = f": {self.problem}" if self.problem else ""
        return f"{mark} {self.rule} {self.kind}[{self.index}]{tail}"


def run_examples(pack: Pack) -> list[ExampleResult]:
    """Every example of every rule; a rule lacking either kind of example is a failure."""
    out: list[ExampleResult] = []
    for rule in pack.rules:
        for kind in ("fail", "pass"):
            examples = rule.examples.get(kind) or []
            if not examples:
                out.append(ExampleResult(rule.id, kind, 0, False, f"no `{kind}` example",
                                         rule.source))
            for i, example in enumerate(examples):
                problem = check_example(pack, rule, kind, example)
                out.append(ExampleResult(rule.id, kind, i, not problem, problem, rule.source))
    return out


def check_example(pack: Pack, rule: Rule, kind: str, example: dict[str, Any]) -> str:
    """The reason the example does not behave as declared, or "" when it does."""
    from linter.engine import LintConfig, lint

    document = example_document(example, pack)
    needed = tuple(x for x in (rule.id, rule.requirement, rule.then_requirement) if x)
    result = lint(document, [pack], LintConfig(select=needed))
    fired = [f for f in result.findings if f.rule == rule.id]
    problems = []
    if kind == "fail" and not fired:
        problems.append("expected a finding, got none")
    if kind == "pass" and fired:
        problems.append(f"expected no finding, got: {fired[0].message}")
    req = next((r for r in result.requirements if r.id == rule.id), None)
    if "status" in example and (req is None or str(req.status) != example["status"]):
        problems.append(f"expected status {example['status']}, got {req.status if req else 'none'}")
    if "answer" in example and (req is None or req.answer != example["answer"]):
        problems.append(f"expected answer {example['answer']}, got {req.answer if req else 'none'}")
    return "; ".join(problems)


def example_document(example: dict[str, Any], pack: Pack) -> Any:
    """Parse an example's text like a draft (Markdown when it has headings), with its facts."""
    from linter.inputs import Source
    from linter.model import Fact
    from linter.parsers import parse
    from linter.scope import locate_section

    text: str = example["text"]
    document = parse(Source("<example>", text.encode("utf-8")))
    facts = tuple(Fact(name, str(value)) for name, value in (example.get("facts") or {}).items())
    form = example.get("form") or (pack.forms[0] if pack.forms else None)
    fiscal_year = example.get("fiscal_year")
    year = str(fiscal_year) if fiscal_year else document.fiscal_year
    document = dataclasses.replace(document, facts=document.facts + facts, form=form,
                                   fiscal_year=year,
                                   format=example.get("format", document.format))
    return locate_section(document)
