"""One review: the form's choices as check options, the run, its downloads and its page."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from linter.api import CheckOptions
from linter.results import RunError, RunResult
from linter.scope import FORMS

if TYPE_CHECKING:
    from linter.serve.pool import Pool
    from linter.serve.uploads import Received, Upload

_YEAR = re.compile(r"^(19|20)\d\d$")
# Downloads of the same run: format -> (label, file name, media type), rendered from the one
# plain result that the page shows.
DOWNLOADS: dict[str, tuple[str, str, str]] = {
    "json": ("JSON", "disclosure-review.json", "application/json"),
    "sarif": ("SARIF", "disclosure-review.sarif", "application/sarif+json"),
    "markdown": ("Markdown", "disclosure-review.md", "text/markdown"),
}
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class ChoiceError(Exception):
    """A form choice that cannot be used (an unknown pack, a malformed year)."""


@dataclass(frozen=True, slots=True)
class Download:
    label: str
    filename: str
    href: str  # a data: URL, so nothing of the run stays on the server after the response


def options(received: Received, packs: tuple[str, ...], blank_config: str) -> CheckOptions:
    """Check options from the form. Only built-in packs can be named (never a server path);
    with no configuration uploaded, an empty one is used so that none is looked for on the
    server's disk above the upload folder."""
    form, pack, year = (received.field(k) for k in ("form", "pack", "fiscal_year"))
    if form and form.upper() not in FORMS:
        raise ChoiceError(f"form: choose one of {', '.join(FORMS)}")
    if pack and pack not in packs:
        raise ChoiceError(f"pack: choose one of {', '.join(packs)}")
    if year and not _YEAR.match(year):
        raise ChoiceError(f"fiscal year: {year!r} is not a year such as 2025")
    config = received.config
    return CheckOptions(form=form.upper() or None, packs=(pack,) if pack else (),
                        fiscal_year=year or None,
                        config=config.path if config and not config.error else blank_config)


async def run(received: Received, opts: CheckOptions, pool: Pool) -> RunResult:
    """Lint the uploads in the pool; files refused on arrival keep their refusal."""
    refused = [RunError(u.path, u.error) for u in received.drafts if u.error]
    if received.config and received.config.error:
        refused.append(RunError(received.config.path, received.config.error))
    result = await pool.lint([u.path for u in received.drafts if not u.error], opts)
    return RunResult(result.documents, (*result.errors, *refused), result.rules)


def names(received: Received) -> dict[str, str]:
    """Path on disk -> the name the sender gave, for every upload."""
    uploads: list[Upload] = [*received.drafts, *([received.config] if received.config else [])]
    return {u.path: u.name for u in uploads}


def rename(report: dict[str, Any], shown: dict[str, str], folder: Path) -> dict[str, Any]:
    """The plain report with the senders' names in place of the private folder's paths."""
    def fix(text: str) -> str:
        for path, name in shown.items():
            text = text.replace(path, name)
        return text.replace(str(folder), "")

    documents = [{**d, "path": fix(d["path"]),  # a message may name another upload
                  "findings": [{**f, "message": fix(f["message"])} for f in d["findings"]]}
                 for d in report["documents"]]
    errors = [{**e, "path": fix(e["path"]), "message": fix(e["message"])}
              for e in report["errors"]]
    return {**report, "documents": documents, "errors": errors}


def data_url(content: str | bytes, media: str) -> str:
    raw = content.encode("utf-8") if isinstance(content, str) else content
    return f"data:{media};base64,{base64.b64encode(raw).decode('ascii')}"


async def docx_downloads(report: dict[str, Any], shown: dict[str, str],
                         pool: Pool) -> list[Download]:
    """The annotated copy of each Word draft (made while its upload still exists)."""
    out = []
    for doc in report["documents"]:
        if doc["format"] == "docx":
            data = await pool.annotate(doc, report.get("rules") or {})
            stem = shown.get(doc["path"], "draft").rsplit(".", 1)[0]
            out.append(Download(f"Annotated Word copy of {stem}.docx",
                                f"{stem}.reviewed.docx", data_url(data, DOCX_TYPE)))
    return out


def page(report: dict[str, Any], downloads: list[Download]) -> str:
    """The report page: the --format html report with the run's downloads above it."""
    from linter.reporters import context, get_reporter, templating

    files = [Download(label, name, data_url(get_reporter(fmt)(report), media))
             for fmt, (label, name, media) in DOWNLOADS.items()]
    return templating.render("serve/review.html.j2", downloads=[*downloads, *files],
                             **context.run(report))
