"""Batches that lose nothing: a killed worker, Ctrl-C, and the same bytes whatever --jobs."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from linter.cli import main

DEV_FILES = 120  # enough work that a worker is still busy when the first line is out


@pytest.fixture(scope="module")
def drafts(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Real Item 1C texts of the dev corpus, one draft file each."""
    folder = tmp_path_factory.mktemp("dev")
    paths = []
    for source in sorted((corpus / "item1c-dev").glob("*.json"))[:DEV_FILES]:
        path = folder / f"{source.stem}.txt"
        path.write_text(json.loads(source.read_text())["text"], encoding="utf-8")
        paths.append(str(path))
    return paths


def _start(args: list[str], stderr: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    with stderr.open("w") as err:
        return subprocess.Popen([sys.executable, "-m", "linter", "check", *args],
                                stdout=subprocess.PIPE, stderr=err, text=True, env=env)


def _workers(parent: int) -> list[int]:
    """The processes forked by ``parent`` (its children running the same command)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == parent and cmdline == Path(f"/proc/{parent}/cmdline").read_bytes():
            found.append(int(entry.name))
    return found


def _first_line_then(proc: subprocess.Popen[str], action: Callable[[], None],
                     stderr: Path) -> tuple[str, str]:
    """Wait for the first report line, do ``action``, then read the run to its end."""
    assert proc.stdout is not None
    first = proc.stdout.readline()
    assert first.startswith("{"), first
    action()
    out = proc.stdout.read()
    proc.wait(timeout=300)
    return first + out, stderr.read_text()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds workers through /proc")
def test_a_killed_worker_costs_its_file_only(drafts: list[str], tmp_path: Path) -> None:
    stderr = tmp_path / "stderr"
    proc = _start([*drafts, "--jobs", "2", "--format", "jsonl", "--fail-on", "never"], stderr)

    def kill_one() -> None:
        deadline = time.monotonic() + 30
        while not (workers := _workers(proc.pid)) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert workers, "no worker process found"
        os.kill(workers[0], signal.SIGKILL)

    out, err = _first_line_then(proc, kill_one, stderr)
    lines = [json.loads(line) for line in out.splitlines()]
    documents, tail = lines[:-1], lines[-1]
    assert proc.returncode == 2
    assert len(err.splitlines()) == 1, err
    assert "worker process killed by SIGKILL" in err
    [error] = tail["errors"]
    assert error["path"] in drafts and error["path"] in err
    assert len(documents) == len(drafts) - 1  # every other file has its result, in order
    assert [d["path"] for d in documents] == [p for p in drafts if p != error["path"]]
    assert tail["summary"]["documents"] == len(drafts) - 1


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_ends_the_batch_with_what_it_has(drafts: list[str], jobs: str,
                                                tmp_path: Path) -> None:
    stderr = tmp_path / "stderr"
    proc = _start([*drafts, "--jobs", jobs, "--format", "jsonl", "--fail-on", "never"], stderr)
    out, err = _first_line_then(proc, lambda: proc.send_signal(signal.SIGINT), stderr)
    lines = [json.loads(line) for line in out.splitlines()]  # every line whole, the tail last
    documents, tail = lines[:-1], lines[-1]
    assert proc.returncode == 2
    assert "Traceback" not in err
    [line] = err.splitlines()
    assert "interrupted" in line and "not linted" in line
    assert 1 <= len(documents) < len(drafts)
    assert [d["path"] for d in documents] == drafts[: len(documents)]
    assert tail["summary"]["documents"] == len(documents)
    assert tail["errors"][0]["path"] == drafts[len(documents)]
    assert _workers(proc.pid) == []


def test_same_bytes_whatever_jobs_and_however_often(corpus: Path, drafts: list[str],
                                                    tmp_path: Path) -> None:
    """JSON, JSONL, SARIF and HTML of a mixed batch (seeds, 8-Ks, a full filing, drafts)."""
    batch = [str(corpus / "seeds"), str(corpus / "8k"),
             str(corpus / "filings" / "ibm-10-k-2025-02-25.html"), *drafts[:12]]
    formats = ("json", "jsonl", "sarif", "html")
    runs = []
    for run, jobs in enumerate(("1", "2", "2")):
        args = [*batch, "--jobs", jobs, "--fail-on", "never"]
        for fmt in formats:
            args += ["--format", fmt, "--output", str(tmp_path / f"{run}.{fmt}")]
        assert main(["check", *args]) == 0
        runs.append({fmt: (tmp_path / f"{run}.{fmt}").read_bytes() for fmt in formats})
    assert runs[0] == runs[1] == runs[2]
    assert json.loads(runs[0]["json"])["summary"]["documents"] == 2 + 8 + 1 + 12


def test_streamed_jsonl_is_the_rendered_jsonl(corpus: Path, drafts: list[str],
                                              tmp_path: Path) -> None:
    """Alone, jsonl streams; beside another format it is rendered at the end: same bytes."""
    batch = [str(corpus / "seeds"), *drafts[:6], str(tmp_path / "missing.txt")]
    streamed, rendered = tmp_path / "streamed.jsonl", tmp_path / "rendered.jsonl"
    assert main(["check", *batch, "--format", "jsonl", "--output", str(streamed)]) == 2
    assert main(["check", *batch, "--format", "jsonl", "--output", str(rendered),
                 "--format", "json", "--output", str(tmp_path / "r.json")]) == 2
    assert streamed.read_bytes() == rendered.read_bytes()
    tail = json.loads(streamed.read_text().splitlines()[-1])
    assert tail["summary"]["documents"] == 8 and tail["summary"]["input_errors"] == 1
    assert tail["summary"]["errors"] + tail["summary"]["warnings"] > 0


def test_jsonl_streams_in_flat_memory(drafts: list[str], tmp_path: Path) -> None:
    """Alone, --format jsonl keeps no document: four times the files, the same peak; the
    whole-run JSON of the same files grows with them."""
    import gc
    import tracemalloc

    def peak(count: int, fmt: str) -> int:
        # one process: with workers, how many finished results wait for a slow file (at most
        # pool.AHEAD per worker) depends on the machine's load, not on the format. The test
        # session's own objects are set aside from the garbage collector, as a fresh command
        # has none: they would delay the full collections a long run relies on.
        gc.collect()
        gc.freeze()
        tracemalloc.start()
        try:
            main(["check", *drafts[:count], "--format", fmt, "--output",
                  str(tmp_path / f"{count}.{fmt}"), "--fail-on", "never", "--jobs", "1"])
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
            gc.unfreeze()

    few, many = peak(10, "jsonl"), peak(40, "jsonl")
    assert many < few * 1.2, (few, many)
    assert peak(40, "json") > many * 1.5
