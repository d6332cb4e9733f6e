#!/usr/bin/env bash
# Run the README's command 1 exactly as a newcomer pastes it: in a fresh clone, in a brand-new venv with
# that venv's bundled pip (older than the one scripts/test.sh upgrades to, and resolving differently).
# Then check that the demo serves its dashboard and that `duban extract` reads every input format there.
# CI runs this before the test suite (.ci/run). Needs port 8000 free (the demo's default).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
demo_pid=""
cleanup() {
  [ -n "$demo_pid" ] && kill -- "-$demo_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

git clone -q "$repo" "$work/duban"
cd "$work/duban"
cmd=$(awk '/^```bash$/ {inblock=1; next} inblock {print; exit}' README.md)
case "$cmd" in
  *"duban demo"*) ;;
  *) echo "first-run: README command 1 is not the demo command: $cmd" >&2; exit 1 ;;
esac
if (exec 3<>/dev/tcp/127.0.0.1/8000) 2>/dev/null; then
  echo "first-run: port 8000 is taken; the demo cannot be checked as pasted" >&2
  exit 1
fi

echo "first-run: $cmd"
set -m
bash -c "$cmd" >"$work/demo.log" 2>&1 &
demo_pid=$!
set +m
for _ in $(seq 600); do
  if ! kill -0 "$demo_pid" 2>/dev/null; then
    echo "first-run: command 1 ended before serving:" >&2; tail -20 "$work/demo.log" >&2; exit 1
  fi
  if .venv/bin/python -c "import urllib.request as u; u.urlopen('http://127.0.0.1:8000/', timeout=2)" 2>/dev/null; then
    break
  fi
  sleep 1
done
.venv/bin/python - <<'EOF'
import urllib.request
page = urllib.request.urlopen("http://127.0.0.1:8000/", timeout=10).read().decode()
assert "督办" in page, "the dashboard does not render"
api = urllib.request.urlopen("http://127.0.0.1:8000/api/documents", timeout=10).read().decode()
assert "镇海" in api, "the demo ledger holds no sample documents"
EOF
kill -- "-$demo_pid" 2>/dev/null || true
demo_pid=""
grep -q "reviewer account" "$work/demo.log" || { echo "first-run: no reviewer account printed" >&2; exit 1; }

# Every input format, with only the runtime dependencies command 1 installed.
.venv/bin/python - "$work/plan.docx" <<'EOF'
import sys
import docx
d = docx.Document()
d.add_paragraph("区人民政府2024年工作计划")
d.add_paragraph("全年地区生产总值增长6%左右，新增保障性租赁住房2400套。")
d.save(sys.argv[1])
EOF
for f in src/duban/samples/004_895883010a6915ba.txt tests/fixtures/read/gov_plan_page.html \
         "$work/plan.docx" tests/fixtures/read/plan_excerpt.pdf; do
  out=$(.venv/bin/duban extract "$f" --json) || { echo "first-run: duban extract failed on $f" >&2; exit 1; }
  n=$(printf '%s' "$out" | .venv/bin/python -c "import json, sys; print(len(json.load(sys.stdin)['targets']))")
  [ "$n" -gt 0 ] || { echo "first-run: no targets from $f" >&2; exit 1; }
  echo "first-run: duban extract $(basename "$f"): $n targets"
done
echo "first-run: ok"
