"""Exit codes and the errors that reach a user as one line."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FINDINGS = 1
    ERROR = 2


class LintError(Exception):
    """An error a user sees as one line: ``where: message``."""

    def __init__(self, path: str, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.path = path
        self.message = message
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class InputError(LintError):
    """A draft that cannot be read: unreadable, binary, wrong encoding, malformed, too large."""


class PackError(LintError):
    """A rule pack that is invalid: YAML, schema, pattern or reference error."""


class ConfigError(LintError):
    """A configuration file that is invalid."""
