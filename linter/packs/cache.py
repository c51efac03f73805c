"""The built-in packs as read and checked, kept as JSON in the user cache folder.

Reading the item1c pack means parsing some fifty YAML files, checking each against the pack
schema and compiling each lexicon pattern alone: most of a cold start. The result depends
only on the files' text, the schema and the code that reads them, so it is cached under a
key hashing all of those and the package version. An entry is plain JSON (never pickle),
written atomically; anything wrong with it (missing, unreadable, stale, malformed) means a
full read, silently. Only the built-in packs are cached: a user's pack is always read and
validated in full. ``DISCLOSURE_LINT_NO_CACHE=1`` turns the cache off.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from linter import __version__

FORMAT = 1  # bump when the layout of an entry changes
# The code whose output is cached: how YAML is read and checked (compile.py compiles each
# lexicon pattern alone at that stage), and the cache's own layout.
_SOURCES = ("yamlpos.py", "schema.py", "loader.py", "compile.py", "cache.py")


def folder() -> Path | None:
    """``$XDG_CACHE_HOME/disclosure-lint/packs`` (default ``~/.cache``), or None when off."""
    if os.environ.get("DISCLOSURE_LINT_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):  # the XDG specification says to ignore a relative path
        return None
    return Path(base) / "disclosure-lint" / "packs"


def key(texts: dict[str, str], schema: Path) -> str:
    """A hash of every input of reading a pack: its files (names and text), the schema,
    the reading code and the package version."""
    digest = hashlib.sha256(f"{FORMAT}\0{__version__}\0".encode())
    here = Path(__file__).parent
    for source in (*(here / name for name in _SOURCES), schema):
        digest.update(source.read_bytes())
        digest.update(b"\0")
    for name, text in texts.items():
        digest.update(f"{name}\0{len(text)}\0".encode())
        digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _entry(pack_yaml: Path) -> Path | None:
    root = folder()
    if root is None:
        return None
    name = hashlib.sha256(str(pack_yaml).encode("utf-8", "surrogatepass")).hexdigest()[:24]
    return root / f"{name}.json"


def load(pack_yaml: Path, wanted: str) -> dict[str, Any] | None:
    """The data of each file of the pack (by name) cached under ``wanted``, or None."""
    entry = _entry(pack_yaml)
    if entry is None:
        return None
    try:
        stored = json.loads(entry.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(stored, dict) or stored.get("key") != wanted:
        return None
    files = stored.get("files")
    return files if isinstance(files, dict) else None


def store(pack_yaml: Path, wanted: str, files: dict[str, Any]) -> None:
    """Cache the data of each file of a validated pack; silently skipped if it cannot be
    written, or if the data would not come back from JSON exactly as it is (a date, a set)."""
    entry = _entry(pack_yaml)
    if entry is None:
        return
    try:
        blob = json.dumps({"key": wanted, "files": files}, ensure_ascii=False,
                          allow_nan=False)
    except (TypeError, ValueError):
        return
    if json.loads(blob)["files"] != files:
        return
    import tempfile  # only when writing: it costs a few milliseconds to import

    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=entry.parent)
    except OSError:
        return
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as fh:
            fh.write(blob)
        os.replace(temporary, entry)  # atomic: a concurrent reader sees old or new, whole
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
