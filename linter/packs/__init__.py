"""Rule packs: find, read, validate and compile them, once per run (see rules/README.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from linter.packs.model import Lexicon, Pack, Rule

__all__ = ["DEFAULT_PACKS", "Lexicon", "Pack", "PackCache", "Rule", "default_pack", "load_pack"]

# The built-in pack for each form; item1c when the form is unknown.
DEFAULT_PACKS = {"10-K": "item1c", "20-F": "item1c", "8-K": "item105"}


def default_pack(form: str | None) -> str:
    return DEFAULT_PACKS.get((form or "").upper().removesuffix("/A"), "item1c")


def load_pack(name_or_path: str) -> Pack:
    """Read, validate and compile one pack (and the packs it extends). Raises PackError."""
    from linter.packs.loader import compile_pack, read_pack, resolve

    return compile_pack(read_pack(resolve(name_or_path)))


@dataclass
class PackCache:
    """Compiled packs for one run, keyed by the resolved pack.yaml and the modification times
    of every file of the pack, so a batch of any size compiles each pack once."""

    packs: dict[tuple[str, tuple[float, ...]], Pack] = field(default_factory=dict)
    compiled: int = 0

    def get(self, name_or_path: str) -> Pack:
        from linter.packs.loader import compile_pack, read_pack, resolve

        pack_yaml = resolve(name_or_path)
        key = (str(pack_yaml), _stamp(pack_yaml))
        if key not in self.packs:
            self.packs[key] = compile_pack(read_pack(pack_yaml))
            self.compiled += 1
        return self.packs[key]


def _stamp(pack_yaml: Path) -> tuple[float, ...]:
    files = [pack_yaml, *sorted((pack_yaml.parent / "rules").glob("*.y*ml"))]
    return tuple(f.stat().st_mtime for f in files)
