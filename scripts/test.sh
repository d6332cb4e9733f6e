#!/usr/bin/env bash
# Install everything the test suite needs, then run it (lint + tests).
#   bash scripts/test.sh            # what the README tells you to run
#   bash scripts/test.sh -k store   # extra arguments go to pytest
# Browser tests need Debian's Chromium and a CJK font, .doc tests Debian's antiword: installed here when we
# may (root or sudo), otherwise those tests are skipped with the reason. PostgreSQL tests run when
# DUBAN_TEST_DATABASE_URL is set (e.g. postgresql://postgres@127.0.0.1:5432/test).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}

apt_install() {
  if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO="sudo";
  else echo "note: cannot install $* (not root, no sudo): browser and .doc tests will be skipped" >&2; return 0; fi
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}
if ! command -v chromium >/dev/null 2>&1 || ! command -v antiword >/dev/null 2>&1 \
   || ! fc-list 2>/dev/null | grep -qi "noto.*cjk"; then
  apt_install chromium fonts-noto-cjk antiword || echo "note: apt-get failed: browser and .doc tests will be skipped" >&2
fi

[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e '.[test]'
lint=(src tests)
[ -d benchmarks ] && lint+=(benchmarks)
.venv/bin/ruff check "${lint[@]}"
# one test process per core (pytest-xdist; each gets its own PostgreSQL database): ≈ 5 min on 2 cores
.venv/bin/python -m pytest -q -n "${DUBAN_TEST_PROCESSES:-auto}" "$@"
