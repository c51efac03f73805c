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
        return one_line(f"{where}: {self.message}")


_BREAKS = {ord(ch): repr(ch)[1:-1] for ch in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"}


def one_line(text: str) -> str:
    """``text`` with every character Python splits lines at escaped, so that an error naming
    a file called ``a\\nb.md`` or quoting a key with a line break stays one line."""
    return text.translate(_BREAKS)


class InputError(LintError):
    """A draft that cannot be read: unreadable, binary, wrong encoding, malformed, too large."""


class PackError(LintError):
    """A rule pack that is invalid: YAML, schema, pattern or reference error."""


class ConfigError(LintError):
    """A configuration file that is invalid."""
