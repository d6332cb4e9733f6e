"""Validate the hand-labelled assessment gold files in this directory.

Run from the repository root:  python tests/gold/assess/check_assess_gold.py
Exits non-zero and lists the problems when a file breaks a rule; prints counts otherwise.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]

STATUSES = {"exceeded", "met", "done", "basically_met", "partially_met", "in_progress", "not_met",
            "activity_only", "no_evidence", "unassessed"}
IND_STATUSES = {"exceeded", "met", "basically_met", "not_met", "in_progress", "no_evidence"}
FLAGS = {"basis_mismatch", "estimate", "partial_period", "unreported_part", "claim_without_figure"}
OPS = {">=", "<=", "~", "=", "range"}
BASES = {"growth_rate", "level", "increment", "cumulative", "share", "count"}
IND_KEYS = {"target_text", "metric", "op", "value", "unit", "basis", "actual_text", "actual_value",
            "actual_unit", "actual_flags", "status"}

problems: list[str] = []


def bad(where: str, msg: str) -> None:
    problems.append(f"{where}: {msg}")


def read(rel: str) -> str:
    return (ROOT / rel).read_text(encoding="utf-8")


def check_span(where: str, text: str, span, what: str) -> str | None:
    if not (isinstance(span, list) and len(span) == 2 and all(isinstance(x, int) for x in span)):
        bad(where, f"{what} {span!r} is not [s, e]")
        return None
    s, e = span
    if not 0 <= s < e <= len(text):
        bad(where, f"{what} {span!r} out of range")
        return None
    piece = text[s:e]
    if piece != piece.strip() or "\n" in piece:
        bad(where, f"{what} {span!r} has surrounding space or a line break: {piece[:30]!r}")
    if piece[-1] in "。；;，,":
        bad(where, f"{what} {span!r} ends with punctuation")
    return piece


def bigrams(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)}


def check_common(where: str, item: dict, evidence_text: str, target_text: str) -> None:
    if item.get("status") not in STATUSES:
        bad(where, f"status {item.get('status')!r} not in vocabulary")
    for f in item.get("flags", []):
        if f not in FLAGS:
            bad(where, f"flag {f!r} not in vocabulary")
    if len(set(item.get("flags", []))) != len(item.get("flags", [])):
        bad(where, "duplicate flags")
    claimed = item.get("claimed")
    if claimed is not None and claimed not in evidence_text:
        bad(where, f"claimed {claimed!r} not found in the evidence")
    if not item.get("reason", "").strip():
        bad(where, "empty reason")
    inds = item.get("indicators", [])
    for k, ind in enumerate(inds):
        w = f"{where} indicator {k}"
        missing = IND_KEYS - set(ind)
        if missing:
            bad(w, f"missing keys {sorted(missing)}")
            continue
        if ind["op"] not in OPS:
            bad(w, f"op {ind['op']!r}")
        if ind["basis"] not in BASES:
            bad(w, f"basis {ind['basis']!r}")
        if ind["status"] not in IND_STATUSES:
            bad(w, f"indicator status {ind['status']!r}")
        if ind["op"] == "range" and ind.get("value_high") is None:
            bad(w, "range without value_high")
        if ind["target_text"] not in target_text:
            bad(w, f"target_text {ind['target_text']!r} not in the target")
        if ind["actual_text"] is not None and ind["actual_text"] not in evidence_text:
            bad(w, f"actual_text {ind['actual_text'][:30]!r} not in the evidence")
        if ind["actual_value"] is not None and ind["actual_text"] is None:
            bad(w, "actual_value without actual_text")
        for f in ind["actual_flags"]:
            if f not in FLAGS:
                bad(w, f"actual flag {f!r}")
    # the status rules of README.md for quantified targets
    st = [i["status"] for i in inds]
    if st:
        if all(s == "exceeded" for s in st) and item["status"] != "exceeded":
            bad(where, "all indicators exceeded but status is not exceeded")
        elif all(s in ("met", "exceeded") for s in st) and not all(s == "exceeded" for s in st) \
                and item["status"] != "met":
            bad(where, "all indicators reached (not all exceeded) but status is not met")
        if item["status"] in ("met", "exceeded") and not all(s in ("met", "exceeded") for s in st):
            bad(where, f"status {item['status']} but indicators {st}")


def check_zhenhai(path: Path) -> Counter:
    d = json.loads(path.read_text(encoding="utf-8"))
    plan, comp = read(d["plan"]), read(d["completion"])
    rows = d["rows"]
    nums = [r.get("row") for r in rows]
    if nums != list(range(1, 91)):
        bad(path.name, f"rows are not 1..90 in order: {nums[:5]}… ({len(nums)})")
    for r in rows:
        w = f"{path.name} row {r.get('row')}"
        line = check_span(w, comp, r.get("row_span"), "row_span")
        if line is None:
            continue
        s, e = r["row_span"]
        if (s > 0 and comp[s - 1] != "\n") or (e < len(comp) and comp[e] != "\n"):
            bad(w, "row_span is not a whole line")
        if not line.startswith(f"{r['row']} | "):
            bad(w, f"row_span does not start with the row number: {line[:10]!r}")
        cells = line.split(" | ")
        target, evidence = cells[1], " | ".join(cells[2:])
        if r.get("target") is not None and r["target"] != target.rstrip("。"):
            bad(w, "target differs from the row's 目标任务 cell")
        spans = r.get("plan_spans")
        if not isinstance(spans, list):
            bad(w, "plan_spans missing")
            continue
        if not spans and not r.get("plan_note"):
            bad(w, "empty plan_spans without plan_note")
        pieces = [check_span(w, plan, sp, "plan_span") for sp in spans]
        pieces = [p for p in pieces if p]
        if pieces:
            # the spans must actually hold the row's text (masks XX, small edits tolerated)
            tb = bigrams(target.rstrip("。").replace("宁波", "XX").replace("镇海", "XX"))
            pb = set().union(*(bigrams(p) for p in pieces))
            cover = len(tb & pb) / max(1, len(tb))
            if cover < 0.7:
                bad(w, f"plan_spans cover only {cover:.0%} of the row's target text")
        check_common(w, r, evidence, target)
    return Counter(r["status"] for r in rows)


def check_national(path: Path) -> Counter:
    d = json.loads(path.read_text(encoding="utf-8"))
    c: Counter = Counter()
    for p in d["pairs"]:
        plan, comp = read(p["plan"]), read(p["completion"])
        for k, it in enumerate(p["items"]):
            w = f"{path.name} {Path(p['plan']).name} item {k}"
            t = check_span(w, plan, it.get("target_span"), "target_span")
            if t is None:
                continue
            if it.get("target") is not None and it["target"] != t:
                bad(w, "target differs from target_span text")
            ev = [check_span(w, comp, sp, "evidence_span") for sp in it.get("evidence_spans", [])]
            ev = [x for x in ev if x]
            if it["status"] not in ("no_evidence", "unassessed") and not ev:
                bad(w, f"status {it['status']} without evidence_spans")
            check_common(w, it, " ".join(ev) + (" " + comp if it.get("claimed") else ""), t)
            c[it["status"]] += 1
    return c


def main() -> int:
    zc = check_zhenhai(HERE / "zhenhai_2024.json")
    nc = check_national(HERE / "national.json")
    if problems:
        print("\n".join(problems))
        print(f"{len(problems)} problem(s)")
        return 1
    print("zhenhai_2024.json:", dict(sorted(zc.items(), key=lambda kv: -kv[1])), "total", sum(zc.values()))
    print("national.json:", dict(sorted(nc.items(), key=lambda kv: -kv[1])), "total", sum(nc.values()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
