"""Rule packs: find, read, validate and compile them, once per run (see rules/README.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from linter.packs.model import Lexicon, Pack, Rule

__all__ = ["DEFAULT_PACKS", "Lexicon", "Pack", "PackCache", "Rule", "default_pack", "load_pack"]

# The built-in pack for each form; item1c when the form is unknown.
DEFAULT_PACKS = {"10-K": "item1c", "20-F": "item1c", "8-K": "item105", "6-K": "item105"}


def default_pack(form: str | None) -> str:
    return DEFAULT_PACKS.get((form or "").upper().removesuffix("/A"), "item1c")


def load_pack(name_or_path: str, use_cache: bool = True) -> Pack:
    """Read, validate and compile one pack (and the packs it extends). Raises PackError.
    ``use_cache=False`` reads even a built-in pack in full, never from the cache."""
    from linter.packs.loader import load, resolve

    return load(resolve(name_or_path), use_cache)


@dataclass
class PackCache:
    """Compiled packs for one run, keyed by the resolved pack.yaml and checked against the
    modification times of every file of the pack and of the packs it extends, so a batch of
    any size compiles each pack once (and an edited pack is compiled again)."""

    packs: dict[str, tuple[tuple[float, ...], Pack]] = field(default_factory=dict)
    compiled: int = 0

    def get(self, name_or_path: str) -> Pack:
        from linter.packs.loader import load, resolve

        key = str(resolve(name_or_path))
        cached = self.packs.get(key)
        if cached is not None and cached[0] == _stamp(cached[1].files):
            return cached[1]
        pack = load(Path(key))
        self.packs[key] = (_stamp(pack.files), pack)
        self.compiled += 1
        return pack


def _stamp(pack_files: tuple[str, ...]) -> tuple[float, ...]:
    """Modification times of each pack.yaml, its rules folder (a rule added or removed) and
    each rule file; a vanished file gives -1."""
    stamps: list[float] = []
    for pack_yaml in map(Path, pack_files):
        rules = pack_yaml.parent / "rules"
        for path in (pack_yaml, rules, *sorted(rules.glob("*.y*ml"))):
            try:
                stamps.append(path.stat().st_mtime)
            except OSError:
                stamps.append(-1.0)
    return tuple(stamps)
