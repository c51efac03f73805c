"""The library entry points the CLI (and anyone else) calls: collect, parse, locate, lint."""

from __future__ import annotations

import dataclasses
import fnmatch
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from linter.errors import InputError
from linter.inputs import read_source
from linter.model import Document
from linter.parsers import parse
from linter.results import DocumentResult, RunResult, SectionInfo
from linter.scope import locate_section

if TYPE_CHECKING:
    from linter.diff import DiffResult

DRAFT_SUFFIXES = (".txt", ".md", ".markdown", ".htm", ".html", ".xhtml", ".docx")


@dataclass(frozen=True)
class CheckOptions:
    form: str | None = None
    packs: tuple[str, ...] = ()
    config: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    jobs: int = 1
    input_format: str | None = None
    fiscal_year: str | None = None
    filing_date: str | None = None  # ISO date: the filing's date for the Form 8-K clock


def collect(paths: Iterable[str], include: tuple[str, ...] = (),
            exclude: tuple[str, ...] = ()) -> Iterator[str]:
    """Expand folders (recursively, drafts only, sorted) and keep files and ``-`` as given."""
    for path in paths:
        if path != "-" and os.path.isdir(path):
            drafts = 0
            for found in sorted(Path(path).rglob("*")):
                rel = found.relative_to(path).as_posix()
                if any(part.startswith(".") for part in found.relative_to(path).parts):
                    continue
                if not found.is_file() or found.suffix.lower() not in DRAFT_SUFFIXES:
                    continue
                if include and not _matches(rel, include):
                    continue
                if exclude and _matches(rel, exclude):
                    continue
                drafts += 1
                yield str(found)
            if not drafts:
                yield path  # read_source reports the folder that held nothing to lint
        else:
            yield path


def _matches(rel: str, globs: tuple[str, ...]) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(name, g) for g in globs)


def load_document(path: str, form: str | None = None, input_format: str | None = None) -> Document:
    """Read, parse and scope one input. Raises InputError for anything unreadable."""
    source = read_source(path)
    try:
        document = parse(source, input_format)
    except InputError:
        raise
    except (ValueError, KeyError, IndexError, UnicodeError, OSError) as exc:
        raise InputError(source.path, f"cannot parse: {exc}") from None
    if form:
        document = dataclasses.replace(document, form=form)
    return locate_section(document)


def section_info(document: Document) -> SectionInfo | None:
    scope = document.scope
    if scope is None or not document.blocks:
        return None
    s = scope.section
    blocks = document.blocks[s.first : s.end] or document.blocks[:1]
    return SectionInfo(
        title=s.title,
        start_line=blocks[0].locate(0).line,
        end_line=blocks[-1].locate(max(len(blocks[-1].text) - 1, 0)).line,
        item=scope.item,
        found=scope.found,
        subsections=tuple(sub.title for sub in scope.subsections),
    )


def describe(document: Document) -> DocumentResult:
    """The document as understood, before any rule runs."""
    return DocumentResult(
        path=document.path,
        format=document.format,
        form=document.form,
        section=section_info(document),
        facts=tuple((f.name, f.value) for f in document.facts if f.is_flag),
    )


def check(paths: Iterable[str], options: CheckOptions = CheckOptions(),
          progress: Callable[[int, int], None] | None = None) -> RunResult:
    """Lint every input. A bad input is reported under ``errors`` and the batch goes on; a bad
    pack or configuration named on the command line raises (PackError / ConfigError)."""
    from linter.runner import run

    return run(list(collect(paths, options.include, options.exclude)), options, progress=progress)


def diff(old: str, new: str, options: CheckOptions = CheckOptions()) -> DiffResult:
    """Lint two inputs (last year's and this year's) and compare them. Raises InputError
    naming the first input that cannot be read."""
    from linter.diff import compare
    from linter.runner import run

    result = run([old, new], options)
    if result.errors:
        error = result.errors[0]
        raise InputError(error.path, error.message, error.line, error.column)
    before, after = result.documents
    return compare(before, after, dict(result.rules))
