"""The built-in packs as read, checked and compiled, kept as JSON in the user cache folder.

Reading the item1c pack means parsing some fifty YAML files, checking each against the pack
schema and compiling each expression: most of a cold start. The result depends only on the
pack's files, the schema, the code that reads them and the package version, so it is kept
under a key made of the size and modification time of each of those files (as Python keeps
bytecode) and the version. An entry holds the data of each file of the pack and, once the
pack has compiled, what compiling made of each expression (its alternatives, whether it is
anchored, the gate that picks from a text's words the alternatives that may match) for the
chain of packs it was compiled with. An entry is plain JSON
(never pickle), written atomically; anything wrong with it (missing, unreadable, stale,
malformed) means a full read, silently. Only the built-in packs are cached: a user's pack is
always read and validated in full. ``DISCLOSURE_LINT_NO_CACHE=1`` turns the cache off.
"""

from __future__ import annotations

import contextlib
import json
import os
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from linter import __version__

if TYPE_CHECKING:
    from linter.packs.compile import Record

FORMAT = 2  # bump when the layout of an entry changes
# The code whose output is cached: how YAML is read and checked, how expressions are built,
# pre-checked and compiled, and the cache's own layout.
_SOURCES = ("yamlpos.py", "schema.py", "loader.py", "compile.py", "atoms.py", "lazy.py",
            "conditions.py", "cache.py")


def folder() -> Path | None:
    """``$XDG_CACHE_HOME/disclosure-lint/packs`` (default ``~/.cache``), or None when off."""
    if os.environ.get("DISCLOSURE_LINT_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):  # the XDG specification says to ignore a relative path
        return None
    return Path(base) / "disclosure-lint" / "packs"


def key(files: list[Path], schema: Path) -> str:
    """The size and modification time of every input of reading a pack (its files, the
    schema, the reading code) with the package version. Raises OSError."""
    here = Path(__file__).parent
    stamps = [f"{FORMAT}", __version__]
    for path in (*(here / name for name in _SOURCES), schema, *files):
        status = path.stat()
        stamps.append(f"{path.name}:{status.st_size}:{status.st_mtime_ns}")
    return "\n".join(stamps)


def _entry(pack_yaml: Path) -> Path | None:
    root = folder()
    if root is None:
        return None
    name = zlib.crc32(str(pack_yaml).encode("utf-8", "surrogatepass"))
    return root / f"{name:08x}.json"


class Entry(NamedTuple):
    """One pack's cache entry: each file's data, and the records of its expressions as
    compiled with the chain of packs ``chain`` (the keys of the pack and those it extends)."""

    files: dict[str, Any]
    chain: str | None
    records: dict[str, Record] | None


def load(pack_yaml: Path, wanted: str) -> Entry | None:
    """The entry of ``pack_yaml`` stored under key ``wanted``, or None."""
    entry = _entry(pack_yaml)
    if entry is None:
        return None
    try:
        stored = json.loads(entry.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if (not isinstance(stored, dict) or stored.get("key") != wanted
            or stored.get("pack") != str(pack_yaml) or not isinstance(stored.get("files"), dict)):
        return None
    compiled = stored.get("compiled")
    if isinstance(compiled, dict) and isinstance(compiled.get("chain"), str):
        records = _records(compiled.get("records"))
        if records is not None:
            return Entry(stored["files"], compiled["chain"], records)
    return Entry(stored["files"], None, None)


def _records(value: Any) -> dict[str, Record] | None:
    """The records of an entry, or None if any is malformed."""
    if not isinstance(value, dict):
        return None
    records: dict[str, Record] = {}
    for label, record in value.items():
        if not (isinstance(record, list) and len(record) == 3 and isinstance(record[0], list)
                and record[0] and all(isinstance(part, str) for part in record[0])
                and isinstance(record[1], bool) and isinstance(record[2], dict)):
            return None
        records[label] = (tuple(record[0]), record[1], record[2])  # a bad gate: the whole
    return records


def store(pack_yaml: Path, wanted: str, files: dict[str, Any],
          compiled: tuple[str, dict[str, Record]] | None = None) -> None:
    """Cache the data of each file of a validated pack and, for a pack that compiled, the
    records of its expressions with the chain they belong to. Silently skipped if it cannot
    be written, or if the data would not come back from JSON exactly as it is (a date, a set)."""
    entry = _entry(pack_yaml)
    if entry is None:
        return
    stored: dict[str, Any] = {"key": wanted, "pack": str(pack_yaml), "files": files}
    if compiled is not None:
        chain, records = compiled
        stored["compiled"] = {"chain": chain, "records": {
            label: [list(parts), is_anchored, gate] for label, (parts, is_anchored, gate)
            in records.items()}}
    try:
        blob = json.dumps(stored, ensure_ascii=False, allow_nan=False)
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
