"""Validate pack and rule YAML against rules/pack.schema.json; errors at file:line:column."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from linter.errors import PackError
from linter.packs.yamlpos import Positioned, format_path
from linter.resources import data_dir


@cache
def _schema() -> dict[str, Any]:
    with (data_dir("rules") / "pack.schema.json").open(encoding="utf-8") as fh:
        schema: dict[str, Any] = json.load(fh)
    return schema


@cache
def _validator(definition: str) -> Any:
    import jsonschema

    schema = dict(_schema())
    schema["$ref"] = f"#/$defs/{definition}"
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


def validate(doc: Positioned, definition: str, path: str,
             error: type[Exception] = PackError, schema: dict[str, Any] | None = None) -> None:
    """Raise ``error(path, message, line, column)`` for the first (best) schema error.

    ``definition`` is ``pack`` or ``rule`` (a ``$defs`` entry); ``schema`` replaces the pack
    schema entirely (the configuration file has its own)."""
    import jsonschema

    validator = _validator(definition) if schema is None else _plain_validator(json.dumps(schema))
    errors = list(validator.iter_errors(doc.data))
    if not errors:
        return
    # When a branch of the rule schema fails, `unevaluatedProperties` also reports every key
    # that branch would have accepted; the real error is the other one.
    specific = [e for e in errors if e.validator != "unevaluatedProperties"]
    best = jsonschema.exceptions.best_match(specific or errors)
    raise _to_error(best, doc, path, error)


@cache
def _plain_validator(schema_json: str) -> Any:
    import jsonschema

    schema = json.loads(schema_json)
    return jsonschema.validators.validator_for(schema)(schema)


def _to_error(err: Any, doc: Positioned, path: str, error: type[Exception]) -> Exception:
    at = tuple(err.absolute_path)
    message = err.message
    unknown = err.validator in ("additionalProperties", "unevaluatedProperties")
    if unknown and isinstance(err.instance, dict):
        extras = [k for k in err.instance if repr(k) in err.message]
        if extras:
            at = (*at, extras[0])
            line, col = doc.where(at, key=True)
            return error(path, f"unknown key {extras[0]!r} (at {format_path(at)})", line, col)
    if err.validator == "required" and isinstance(err.instance, dict):
        message = err.message
    line, col = doc.where(at)
    return error(path, f"{_shorten(message)} (at {format_path(at)})", line, col)


def _shorten(message: str, limit: int = 200) -> str:
    return message if len(message) <= limit else message[: limit - 1] + "…"
