"""One error type for everything a user can get wrong: it names the file and the problem."""

from __future__ import annotations


class DubanError(Exception):
    """A user-facing error: printed as one line, never with a traceback."""

    def __init__(self, problem: str, path: str | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}" if self.path else self.problem


class InputError(DubanError):
    """The input file cannot be read as a report (empty, binary, wrong type, undecodable…)."""


class NothingFoundError(DubanError):
    """The document was read but holds nothing of the kind asked for (no targets, no rows)."""
