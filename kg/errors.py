"""Errors that reach the user as one line, never as a traceback."""
from __future__ import annotations


class KgError(Exception):
    """A problem the user can fix; ``str(err)`` is the one-line message, ``exit_code`` the status."""

    exit_code = 1

    def __init__(self, message: str, exit_code: int | None = None):
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class InputError(KgError):
    """An input file cannot be read as a page: names the file and the reason."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self):  # picklable, so errors cross process boundaries (kg build --jobs)
        return type(self), (self.path, self.reason)


class QueryError(KgError):
    """A SPARQL query is malformed or refused."""

    exit_code = 2


def missing_default(folder: str = "exports") -> KgError:
    """The error for a default folder (exports/, seeds/) that is not there: say it is relative to where kg runs."""
    from pathlib import Path

    return KgError(f"{folder}/: no such folder in the working directory {Path.cwd()} (the default {folder}/ is "
                   f"relative to where kg runs): run `kg build` there first, or give --graph FILE|DIR"
                   if folder == "exports" else
                   f"{folder}/: no such folder in the working directory {Path.cwd()} (the default {folder}/ is "
                   f"relative to where kg runs): give the pages' folder, e.g. `kg build PAGES --out OUT`")
