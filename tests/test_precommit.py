"""The pre-commit hooks run by the real `pre-commit try-repo` and `run` in repositories."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from docx_build import build_seed_draft, seed_main_block

PRE_COMMIT = Path(sys.executable).with_name("pre-commit")
HOOK = "disclosure-lint"
DOCX_HOOK = "disclosure-lint-docx"
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}

# A complete Item 1C draft written for these tests: each of the twelve requirements is met.
OVERSIGHT = ("We maintain processes to oversee and identify risks from cybersecurity threats "
             "associated with our use of third-party service providers. Before onboarding, "
             "vendors that will handle our data or connect to our systems complete a security "
             "questionnaire and are tiered by risk; we review SOC 2 reports of critical vendors "
             "each year, and our contracts require vendors to notify us of security incidents.")
COMPLETE = f"""# Item 1C. Cybersecurity

## Risk Management and Strategy

We have established processes for assessing, identifying and managing material risks from
cybersecurity threats. Our information security program is modeled on the NIST Cybersecurity
Framework and covers risk assessment, vulnerability management, security monitoring, incident
response and recovery.

Our cybersecurity risk management processes are integrated into our overall enterprise risk
management program. Cybersecurity is one of the principal risk categories in our annual
enterprise risk assessment, and the results are reviewed by the enterprise risk committee
alongside financial, operational and legal risks.

We engage third-party assessors, consultants and auditors in connection with these processes.
An independent firm performs annual penetration tests of our networks and applications, and an
external auditor assesses our program against the NIST framework every two years.

{OVERSIGHT}

As of the date of this report, we are not aware of any risks from cybersecurity threats,
including as a result of any previous cybersecurity incidents, that have materially affected or
are reasonably likely to materially affect us, including our business strategy, results of
operations or financial condition.

## Governance

Our Board of Directors oversees risks from cybersecurity threats through its Audit Committee.
The Audit Committee reviews our cybersecurity program, the results of third-party assessments
and significant incidents.

Our Chief Information Security Officer reports to the Audit Committee at each quarterly meeting
on the threat landscape, the status of security initiatives and key risk indicators, and the
Audit Committee chair reports to the full Board after each meeting.

Our Chief Information Security Officer is responsible for assessing and managing material risks
from cybersecurity threats. Our CISO has 20 years of experience in information security,
including eight years as head of security operations at a national bank, holds a master's
degree in computer science and is a Certified Information Systems Security Professional (CISSP).

The CISO is informed about and monitors the prevention, detection, mitigation and remediation
of cybersecurity incidents through daily reports from our security operations center, the
incident response plan, and weekly meetings with the information technology leadership team.
The CISO reports to our Chief Executive Officer and briefs the Audit Committee each quarter.
"""
WITHOUT_OVERSIGHT = COMPLETE.replace(OVERSIGHT + "\n\n", "")
NOT_A_DRAFT = "# Project notes\n\nNothing here is a disclosure.\n"


def _git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, env={**os.environ, **GIT_ENV},
                          capture_output=True, text=True, check=True)
    return done.stdout


def _commit_all(folder: Path) -> str:
    _git(folder, "add", "-A")
    _git(folder, "commit", "-q", "-m", "snapshot")
    return _git(folder, "rev-parse", "HEAD").strip()


@pytest.fixture(scope="module")
def hooks(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This project, working tree as it is, committed into a repository of its own. try-repo
    on the project itself would make a new shadow commit of the uncommitted changes on every
    call, and so a new hook environment; one fixed commit builds it once per module."""
    if not PRE_COMMIT.exists():
        pytest.fail(f"pre-commit is not installed beside {sys.executable} (the test extra)")
    snapshot = tmp_path_factory.mktemp("hook-repo")
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], cwd=repo, capture_output=True, check=True)
    for name in filter(None, listed.stdout.decode().split("\0")):
        source = repo / name
        if source.is_file():  # deleted in the working tree but still in the index: skip
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, snapshot / name)
    _git(snapshot, "init", "-q")
    return snapshot, _commit_all(snapshot)


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def _drafts_repo(folder: Path, files: dict[str, str | Path]) -> Path:
    """A git repository holding ``files`` (text, or a file to copy), all staged."""
    folder.mkdir(parents=True, exist_ok=True)
    _git(folder, "init", "-q")
    for name, content in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            shutil.copy2(content, target)
        else:
            target.write_text(content, encoding="utf-8")
    _git(folder, "add", "-A")
    return folder


def _pre_commit(cwd: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run([str(PRE_COMMIT), *args, "--color", "never"], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=900)


def _try_repo(cwd: Path, hooks: tuple[Path, str], home: Path,
              hook: str) -> subprocess.CompletedProcess[str]:
    return _pre_commit(cwd, home, "try-repo", str(hooks[0]), hook, "--all-files")


def test_manifest_hooks_are_declared(repo: Path) -> None:
    manifest = yaml.safe_load((repo / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    by_id = {hook["id"]: hook for hook in manifest}
    assert set(by_id) == {HOOK, DOCX_HOOK}
    assert by_id[HOOK]["types_or"] == ["markdown", "plain-text", "html"]
    assert by_id[DOCX_HOOK]["files"].endswith(r"\.docx$")
    for hook in manifest:
        assert hook["language"] == "python"
        assert hook["entry"] == "disclosure-lint check --quiet"


def test_missing_requirement_fails_and_is_named(tmp_path: Path, hooks: tuple[Path, str],
                                                pre_commit_home: Path) -> None:
    work = _drafts_repo(tmp_path / "work", {
        "disclosures/item1c.md": WITHOUT_OVERSIGHT,
        "README.md": NOT_A_DRAFT,
        "notes/todo.txt": "Ask counsel about the 8-K.\n",
    })
    done = _try_repo(work, hooks, pre_commit_home, HOOK)
    out = done.stdout + done.stderr
    assert done.returncode == 1, out
    assert "Failed" in out and "- exit code: 1" in out
    assert "disclosures/item1c.md:1:3: error [rm-third-party-oversight]" in out
    assert "1 requirement missing" in out
    # The default `files:` keeps ordinary Markdown and text out of the hook.
    assert "README.md" not in out and "todo.txt" not in out


def test_complete_draft_passes(tmp_path: Path, hooks: tuple[Path, str],
                               pre_commit_home: Path) -> None:
    work = _drafts_repo(tmp_path / "work", {"disclosures/item1c.md": COMPLETE,
                                            "README.md": NOT_A_DRAFT})
    done = _try_repo(work, hooks, pre_commit_home, HOOK)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout


def test_real_draft_names_every_missing_requirement(tmp_path: Path, corpus: Path,
                                                    hooks: tuple[Path, str],
                                                    pre_commit_home: Path) -> None:
    """Seed 001's own text (20-F Item 16K) as a Markdown draft: the hook's output names each
    requirement the linter itself reports missing, among them third-party oversight."""
    from linter.api import check

    lines = seed_main_block(corpus, "001")
    draft = "# Item 16K. Cybersecurity\n\n## " + lines[0] + "\n\n" + "\n\n".join(lines[1:]) + "\n"
    work = _drafts_repo(tmp_path / "work", {"drafts/item16k.md": draft})
    result = check([str(work / "drafts" / "item16k.md")])
    missing = [r.id for r in result.documents[0].requirements if r.status == "missing"]
    assert "rm-third-party-oversight" in missing
    done = _try_repo(work, hooks, pre_commit_home, HOOK)
    assert done.returncode == 1, done.stdout + done.stderr
    for rid in missing:
        assert f"error [{rid}]" in done.stdout


def test_docx_draft_goes_to_the_docx_hook(tmp_path: Path, corpus: Path, hooks: tuple[Path, str],
                                          pre_commit_home: Path) -> None:
    word = build_seed_draft(corpus, tmp_path, "001")
    work = _drafts_repo(tmp_path / "work", {"board/item16k.docx": word,
                                            "disclosures/item1c.md": COMPLETE})
    docx_run = _try_repo(work, hooks, pre_commit_home, DOCX_HOOK)
    out = docx_run.stdout
    assert docx_run.returncode == 1, out + docx_run.stderr
    assert "board/item16k.docx:" in out and "[rm-third-party-oversight]" in out
    assert "item1c.md" not in out
    # ...and the Markdown hook leaves the Word draft alone.
    md_run = _try_repo(work, hooks, pre_commit_home, HOOK)
    assert md_run.returncode == 0, md_run.stdout + md_run.stderr
    assert "item16k.docx" not in md_run.stdout


def _config(hooks: tuple[Path, str], args: list[str]) -> str:
    config = {"repos": [{"repo": str(hooks[0]), "rev": hooks[1],
                         "hooks": [{"id": HOOK, "args": args}]}]}
    return yaml.safe_dump(config)


def test_args_pass_through(tmp_path: Path, repo: Path, hooks: tuple[Path, str],
                           pre_commit_home: Path) -> None:
    """`args:` reach the linter: --pack picks the rules, --fail-on and --config decide the exit
    code, --baseline hides what it records. The pack is the tests' own fixture pack, so the
    outcome does not move with the tuning of the built-in one."""
    absolute = COMPLETE.replace("## Governance\n\n", "## Governance\n\nWe guarantee that "
                                "our systems are fully secure.\n\n")
    work = _drafts_repo(tmp_path / "work", {"disclosures/item1c.md": absolute})
    shutil.copytree(repo / "tests" / "fixtures" / "packs" / "mini", work / "packs" / "mini")
    (work / "strict.yaml").write_text("fail_on: warning\n", encoding="utf-8")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        (work / ".pre-commit-config.yaml").write_text(_config(hooks, list(args)),
                                                      encoding="utf-8")
        _git(work, "add", "-A")
        return _pre_commit(work, pre_commit_home, "run", "--all-files")

    lenient = run("--pack", "packs/mini")
    assert lenient.returncode == 0, lenient.stdout  # warnings only, fail-on error
    strict = run("--pack", "packs/mini", "--fail-on", "warning")
    assert strict.returncode == 1, strict.stdout
    assert "disclosures/item1c.md:" in strict.stdout
    assert "warning [absolute-claims]" in strict.stdout
    configured = run("--pack", "packs/mini", "--config", "strict.yaml")
    assert configured.returncode == 1, configured.stdout

    lint = Path(sys.executable).with_name("disclosure-lint")
    subprocess.run([str(lint), "check", "disclosures/item1c.md", "--pack", "packs/mini",
                    "--write-baseline", "baseline.json"], cwd=work, check=True,
                   capture_output=True)
    baselined = run("--pack", "packs/mini", "--fail-on", "warning", "--baseline", "baseline.json")
    assert baselined.returncode == 0, baselined.stdout


def _readme_yaml(repo: Path) -> list[str]:
    """The fenced ```yaml blocks of the README, in order."""
    blocks: list[str] = []
    current: list[str] | None = None
    for line in (repo / "README.md").read_text(encoding="utf-8").splitlines():
        if current is None and line.strip() == "```yaml":
            current = []
        elif current is not None and line.strip() == "```":
            blocks.append("\n".join(current) + "\n")
            current = None
        elif current is not None:
            current.append(line)
    return blocks


def _lint_commands(node: object) -> list[str]:
    """Every `disclosure-lint check …` line in the `run:` / `script:` strings of a CI file."""
    if isinstance(node, dict):
        return [c for value in node.values() for c in _lint_commands(value)]
    if isinstance(node, list):
        return [c for value in node for c in _lint_commands(value)]
    if isinstance(node, str):
        return [line.strip() for line in node.splitlines()
                if line.strip().startswith("disclosure-lint check")]
    return []


def test_readme_yaml_recipes_parse_and_fit(repo: Path) -> None:
    """Each YAML recipe parses; pre-commit snippets name this manifest's hooks; workflows have
    their triggers and jobs and upload or comment what the linter writes."""
    blocks = [yaml.safe_load(block) for block in _readme_yaml(repo)]
    manifest = {h["id"] for h in yaml.safe_load(
        (repo / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    precommit = [b for b in blocks if "repos" in b]
    # PyYAML reads the bare key `on` as True (YAML 1.1); GitHub reads it as "on".
    workflows = [b for b in blocks if "jobs" in b and (True in b or "on" in b)]
    gitlab = [b for b in blocks if "disclosure-lint" in b and "script" in b["disclosure-lint"]]
    assert len(precommit) >= 2 and len(workflows) == 2 and len(gitlab) == 1
    for config in precommit:
        for hook in config["repos"][0]["hooks"]:
            assert hook["id"] in manifest
            assert all(isinstance(a, str) for a in hook.get("args", []))
    steps = [s for w in workflows for job in w["jobs"].values() for s in job["steps"]]
    uploads = [s for s in steps if str(s.get("uses", "")).startswith(
        "github/codeql-action/upload-sarif@")]
    assert uploads and uploads[0]["with"]["sarif_file"] == "results.sarif"
    comments = [s for s in steps if str(s.get("uses", "")).startswith(
        "marocchino/sticky-pull-request-comment@")]
    assert comments and comments[0]["with"]["path"] == "report.md"
    job = gitlab[0]["disclosure-lint"]
    assert job["artifacts"]["reports"]["junit"] == "disclosure-lint.xml"


def test_readme_lint_commands_run(repo: Path, tmp_path: Path) -> None:
    """Every `disclosure-lint check` line of the CI recipes runs as written on a drafts folder
    and writes the files the next step uploads."""
    import shlex

    commands = [c for block in _readme_yaml(repo) for c in _lint_commands(yaml.safe_load(block))]
    assert len(commands) == 3
    (tmp_path / "disclosures").mkdir()
    (tmp_path / "disclosures" / "item1c.md").write_text(WITHOUT_OVERSIGHT, encoding="utf-8")
    lint = Path(sys.executable).with_name("disclosure-lint")
    for command in commands:
        argv = shlex.split(command)
        done = subprocess.run([str(lint), *argv[1:]], cwd=tmp_path, capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 1, (command, done.stderr)  # the missing requirement
        outputs = [argv[i + 1] for i, a in enumerate(argv) if a == "--output"]
        for name in outputs:
            assert (tmp_path / name).stat().st_size > 0, (command, name)
