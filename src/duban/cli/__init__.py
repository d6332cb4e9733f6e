"""The `duban` command line: a thin layer over the library.

Every user error (bad file, nothing found) is printed as one line `duban: error: FILE: problem`
with exit code 2, never a traceback.
"""

from __future__ import annotations

import sys

from ..errors import DubanError
from . import documents, ledger, scale  # noqa: F401  (they register their commands on the app)
from .app import app, err


def main() -> None:
    try:
        app()
    except DubanError as exc:
        err.print(f"duban: error: {exc}", markup=False)
        sys.exit(2)
    except KeyboardInterrupt:
        err.print("duban: interrupted", markup=False)
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()
