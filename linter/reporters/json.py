"""JSON: one object for the whole run, per the contract in DESIGN.md."""

from __future__ import annotations

import json
from typing import Any


def render(report: dict[str, Any], *, quiet: bool = False) -> str:
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"
