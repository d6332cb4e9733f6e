"""Rewrite docs/screenshot-supervise-*.png (docs/supervision.md): runs the supervision browser walk
(tests/web/test_supervise_browser.py) with DUBAN_SUPERVISE_SHOTS=docs, which saves a screenshot at each step —
the import, a unit's task page with its three axes and timeline, the warnings, a notice answered, the scorecards,
the year-end table and the office's overview — at 1366×900.

    .venv/bin/python scripts/screenshots_supervise.py
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    env = {**os.environ, "DUBAN_SUPERVISE_SHOTS": str(ROOT / "docs"), "DUBAN_REQUIRE_BROWSER": "1"}
    test = ROOT / "tests" / "web" / "test_supervise_browser.py"
    return subprocess.call([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test)], env=env,
                           cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main())
