"""Registries of ``module:function`` entries (parsers, checks, reporters), imported late."""

from __future__ import annotations

import importlib
from typing import Any


def load(spec: str) -> Any:
    """The function a ``module:function`` registry entry names, imported only now."""
    module, _, func = spec.partition(":")
    return getattr(importlib.import_module(module), func)
