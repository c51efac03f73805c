"""Load on `disclosure-lint serve`: many uploads from concurrent clients, against `check`.

    .venv/bin/python benchmarks/serve_load.py [--uploads 50] [--clients 10] [--jobs 0]
                                              [--check-runs 5] [FILE ...]

Starts the server as a user would (`disclosure-lint serve --port 0`), then for each file (by
default seed 001 and a full 10-K from ../shared/corpus) sends ``--uploads`` reviews from
``--clients`` threads at once, each a real multipart upload whose page must hold the
requirement checklist and no input error. Prints p50 and p95 latency of a review beside the
wall time of `disclosure-lint check FILE --format html` (a fresh process, as a user runs it).
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
DEFAULT_FILES = (CORPUS / "seeds" / "001_659ef0b4b750ad89.txt",
                 CORPUS / "filings" / "ibm-10-k-2025-02-25.html")


def multipart(path: Path) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; "
            f"filename=\"{path.name}\"\r\nContent-Type: application/octet-stream\r\n\r\n")
    body = head.encode() + path.read_bytes() + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def one_review(url: str, body: bytes, content_type: str) -> float:
    """Seconds for one review; raises unless the page is a report with no input error."""
    request = urllib.request.Request(url + "review", data=body, method="POST",
                                     headers={"Content-Type": content_type})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=300) as response:
        page = response.read().decode("utf-8")
        status = response.status
    elapsed = time.perf_counter() - start
    if status != 200 or "data-requirement" not in page or 'id="input-errors"' in page:
        raise RuntimeError(f"review failed: HTTP {status}")
    return elapsed


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def start_server(jobs: int, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    with log.open("w") as err:
        proc = subprocess.Popen([sys.executable, "-m", "linter", "serve", "--port", "0",
                                 "--jobs", str(jobs)], stderr=err, cwd=REPO)
    deadline = time.monotonic() + 120
    while not (found := re.search(r"http://127\.0\.0\.1:\d+/", log.read_text())):
        if proc.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"the server did not start:\n{log.read_text()}")
        time.sleep(0.2)
    return proc, found.group(0)


def check_times(path: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "linter", "check", str(path), "--format", "html",
                        "--fail-on", "never"], stdout=subprocess.DEVNULL, check=True, cwd=REPO)
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, default=list(DEFAULT_FILES))
    parser.add_argument("--uploads", type=int, default=50)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--jobs", type=int, default=0, help="server workers (0: its default)")
    parser.add_argument("--check-runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        proc, url = start_server(args.jobs, Path(folder) / "server.log")
        try:
            print(f"{args.uploads} reviews per file from {args.clients} concurrent clients "
                  f"({url})")
            print(f"{'file':40} {'bytes':>10} {'p50 s':>7} {'p95 s':>7} {'max s':>7} "
                  f"{'reviews/s':>9} {'check p50 s':>11}")
            for path in args.files:
                body, kind = multipart(path)
                start = time.perf_counter()
                with ThreadPoolExecutor(args.clients) as pool:
                    jobs = [pool.submit(one_review, url, body, kind)
                            for _ in range(args.uploads)]
                    times = [job.result() for job in jobs]
                wall = time.perf_counter() - start
                check = statistics.median(check_times(path, args.check_runs))
                print(f"{path.name[:40]:40} {path.stat().st_size:>10,} "
                      f"{percentile(times, 0.5):>7.2f} {percentile(times, 0.95):>7.2f} "
                      f"{max(times):>7.2f} {len(times) / wall:>9.1f} {check:>11.2f}")
            print("errors: 0 (every review returned its report)")
        finally:
            proc.terminate()
            proc.wait(timeout=60)
    return 0


if __name__ == "__main__":
    sys.exit(main())
