"""Validate the held-out assessment gold file national_heldout.json.

Run from the repository root:  python tests/gold/assess/check_heldout.py [FILE.json]
Exits non-zero and lists the problems when the file breaks a rule; prints counts otherwise.

Reuses the span and vocabulary checks of check_assess_gold.py (check_span, check_common: statuses,
flags, indicator keys, `claimed` found in the completion, `actual_text` found in the evidence, the
all-exceeded / all-reached row rules) and adds:
- the top level is {"held_out": true, "pairs": [...]};
- plan and completion are existing sample files, and the completion is the next year's report;
- items are in plan order and their target spans do not overlap;
- where an extract gold file of the plan year exists (tests/gold/extract/<plan>.json), every
  target_span is one of its target spans (the two gold sets agree on what a target is);
- an indicator with a comparable figure (actual_value set, no basis_mismatch) has the status its
  ratio gives: actual/target, or for ceilings (`<=`, and CPI targets, which are control targets even
  when written `左右`) met at or below the figure and target/actual above it; >= 1.10 exceeded,
  >= 1.00 met, >= 0.90 basically_met (a figure in %:
  also within 0.3 points, or 5 % of a larger rate of change), else not_met (tests/gold/assess/README.md);
- no_evidence indicators carry no comparable figure (a figure kept there must be flagged
  basis_mismatch).
"""
from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]

_spec = importlib.util.spec_from_file_location("check_assess_gold", HERE / "check_assess_gold.py")
cag = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cag)  # defines the checks; its main() is not run

problems = cag.problems  # shared list: cag.bad() appends here too


def bad(where: str, msg: str) -> None:
    problems.append(f"{where}: {msg}")


def expected_status(ind: dict) -> str | None:
    v, a = ind.get("value"), ind.get("actual_value")
    if a is None or v in (None, 0) or "basis_mismatch" in ind.get("actual_flags", []):
        return None
    ceiling = ind["op"] == "<=" or "居民消费价格" in ind["metric"]
    if ceiling:  # at or below a ceiling is met, never exceeded (DESIGN.md)
        if a <= v:
            return "met"
        ratio = v / a
    else:
        ratio = a / v
    if ratio >= 1.10 - 1e-9:
        return "exceeded"
    if ratio >= 1.00 - 1e-9:
        return "met"
    # a percentage (growth, CPI, unemployment, a share or level in %): basically met only within 0.3 points
    # too, or 5 % of a larger rate of change
    percent = ind.get("unit") in ("%", "‰", "个百分点")
    allowed = max(0.3, 0.05 * abs(v)) if ind.get("basis") == "growth_rate" or ceiling else 0.3
    if ratio >= 0.90 - 1e-9 and not (percent and abs(abs(v) - abs(a)) > allowed + 1e-9):
        return "basically_met"
    return "not_met"


def check(path: Path) -> Counter:
    d = json.loads(path.read_text(encoding="utf-8"))
    if d.get("held_out") is not True:
        bad(path.name, "top-level held_out must be true")
    c: Counter = Counter()
    for p in d.get("pairs", []):
        pw = f"{path.name} {Path(p['plan']).name}"
        for key in ("plan", "completion"):
            if not (ROOT / p[key]).is_file():
                bad(pw, f"{key} {p[key]} does not exist")
                return c
        py, cy = (int(Path(p[k]).stem.rsplit("-", 1)[1]) for k in ("plan", "completion"))
        if cy != py + 1:
            bad(pw, f"completion year {cy} is not plan year {py} + 1")
        plan, comp = cag.read(p["plan"]), cag.read(p["completion"])
        gold_file = ROOT / "tests/gold/extract" / (Path(p["plan"]).stem + ".json")
        gold_spans = None
        if gold_file.is_file():
            gold_spans = [t["span"] for t in json.loads(gold_file.read_text(encoding="utf-8"))["targets"]]
        prev_end = -1
        for k, it in enumerate(p["items"]):
            w = f"{pw} item {k}"
            t = cag.check_span(w, plan, it.get("target_span"), "target_span")
            if t is None:
                continue
            if it.get("target") != t:
                bad(w, "target differs from target_span text")
            if it["target_span"][0] < prev_end:
                bad(w, "target spans overlap or are out of order")
            prev_end = it["target_span"][1]
            if gold_spans is not None and it["target_span"] not in gold_spans:
                bad(w, f"target_span {it['target_span']} is not a target of {gold_file.name}")
            ev = [cag.check_span(w, comp, sp, "evidence_span") for sp in it.get("evidence_spans", [])]
            ev = [x for x in ev if x]
            if it["status"] not in ("no_evidence", "unassessed") and not ev:
                bad(w, f"status {it['status']} without evidence_spans")
            cag.check_common(w, it, " ".join(ev) + (" " + comp if it.get("claimed") else ""), t)
            for j, ind in enumerate(it.get("indicators", [])):
                iw = f"{w} indicator {j}"
                exp = expected_status(ind)
                if exp is not None and ind.get("status") != exp:
                    bad(iw, f"status {ind.get('status')} but the ratio gives {exp}")
                if ind.get("status") == "no_evidence" and ind.get("actual_value") is not None \
                        and "basis_mismatch" not in ind.get("actual_flags", []):
                    bad(iw, "no_evidence with a comparable figure (flag basis_mismatch or judge it)")
            c[it["status"]] += 1
    return c


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else HERE / "national_heldout.json"
    c = check(path)
    if problems:
        print("\n".join(problems))
        print(f"{len(problems)} problem(s)")
        return 1
    print(f"{path.name}:", dict(sorted(c.items(), key=lambda kv: -kv[1])), "total", sum(c.values()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
