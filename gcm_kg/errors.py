"""Narrow exceptions that name what is wrong and where.

The CLI turns them into an exit code and a message (see ``cli.py``); the server turns them
into an HTTP status and body. Exit codes: 1 the data or query is wrong, 2 a file cannot be
read or parsed.
"""

from __future__ import annotations

from pathlib import Path


class GcmKgError(Exception):
    """Base of every error this package raises on purpose."""

    exit_code = 1


class FileProblem(GcmKgError):
    """A file cannot be read or parsed; names the file and, where known, the line and column."""

    exit_code = 2

    def __init__(
        self, path: Path | str, message: str, line: int | None = None, column: int | None = None
    ) -> None:
        self.path = Path(path)
        self.line = line
        self.column = column
        self.message = message
        where = str(self.path)
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        super().__init__(f"{where}: {message}")


class SourceError(FileProblem):
    """The source document has something the importer does not understand."""


class ScheduleError(ValueError):
    """A schedule phrase ("Cronograma: …") that the schedule parser does not recognise."""

    def __init__(self, phrase: str, reason: str) -> None:
        self.phrase = phrase
        self.reason = reason
        super().__init__(f"unrecognised schedule {phrase!r}: {reason}")


class QueryError(GcmKgError):
    """A SPARQL query is malformed or cannot be evaluated."""


class StoreError(GcmKgError):
    """The store cannot be opened or written."""

    exit_code = 2
