"""Validate the second held-out assessment gold file national_heldout_more.json.

Run from the repository root:
    python tests/gold/assess/check_heldout_more.py [FILE.json]
Exits non-zero and lists the problems when the file breaks a rule; prints counts by tier and status otherwise.

Reuses the checks of check_heldout.py (and through it check_assess_gold.py): spans, vocabularies, `claimed`
and `actual_text` found in the completion, the row rules, plan order, completion = plan year + 1, the ratio
rule for comparable figures and the no_evidence/basis_mismatch rule. Two of its rules cannot apply as they
stand to task targets, so they are narrowed here (check_heldout.py itself is unchanged):
- agreement with tests/gold/extract/<plan>.json is required only for target spans inside that file's
  `scope` (the extract gold of 2006 and 2012 covers the 主要预期目标 paragraph, not the task sections);
- the ratio rule is skipped for an indicator judged `in_progress` whose figure is flagged `partial_period`:
  a multi-year goal (e.g. 十一五 年均增长7.5%) answered by its first year's figure, which is kept but is not
  the result.
Added rules:
- every item has `tier` in {headline, task}; within a pair, headline items come before task items;
- task items carry `sample_offsets` (the drawn character offsets, ints inside the plan text, none after the
  end of the target they led to);
- no target span repeats an item of national_heldout.json for the same plan.
"""
from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]

_spec = importlib.util.spec_from_file_location("check_heldout", HERE / "check_heldout.py")
ch = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ch)  # defines the checks; its main() is not run
cag = ch.cag
problems = ch.problems  # shared list
bad = ch.bad

TIERS = {"headline", "task"}


def first_batch_spans() -> dict[str, list]:
    d = json.loads((HERE / "national_heldout.json").read_text(encoding="utf-8"))
    return {p["plan"]: [it["target_span"] for it in p["items"]] for p in d["pairs"]}


def check(path: Path) -> Counter:
    d = json.loads(path.read_text(encoding="utf-8"))
    if d.get("held_out") is not True:
        bad(path.name, "top-level held_out must be true")
    earlier = first_batch_spans()
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
        gold_spans, gold_scope = None, []
        if gold_file.is_file():
            g = json.loads(gold_file.read_text(encoding="utf-8"))
            gold_spans, gold_scope = [t["span"] for t in g["targets"]], g.get("scope", [])
        prev_end, seen_task = -1, False
        for k, it in enumerate(p["items"]):
            w = f"{pw} item {k}"
            tier = it.get("tier")
            if tier not in TIERS:
                bad(w, f"tier {tier!r} not in {sorted(TIERS)}")
            if tier == "task":
                seen_task = True
                offs = it.get("sample_offsets")
                if not (isinstance(offs, list) and offs and all(isinstance(o, int) for o in offs)):
                    bad(w, "task item without sample_offsets")
                elif any(not 0 <= o < len(plan) or o >= it["target_span"][1] for o in offs):
                    bad(w, f"sample_offsets {offs} outside the plan or after the target")
            elif tier == "headline" and seen_task:
                bad(w, "headline item after a task item")
            t = cag.check_span(w, plan, it.get("target_span"), "target_span")
            if t is None:
                continue
            if it.get("target") != t:
                bad(w, "target differs from target_span text")
            if it["target_span"][0] < prev_end:
                bad(w, "target spans overlap or are out of order")
            prev_end = it["target_span"][1]
            if it["target_span"] in earlier.get(p["plan"], []):
                bad(w, "target already labelled in national_heldout.json")
            s, e = it["target_span"]
            in_scope = any(a <= s and e <= b for a, b in gold_scope)
            if gold_spans is not None and in_scope and it["target_span"] not in gold_spans:
                bad(w, f"target_span {it['target_span']} is not a target of {gold_file.name}")
            ev = [cag.check_span(w, comp, sp, "evidence_span") for sp in it.get("evidence_spans", [])]
            ev = [x for x in ev if x]
            if it["status"] not in ("no_evidence", "unassessed") and not ev:
                bad(w, f"status {it['status']} without evidence_spans")
            cag.check_common(w, it, " ".join(ev) + (" " + comp if it.get("claimed") else ""), t)
            for j, ind in enumerate(it.get("indicators", [])):
                iw = f"{w} indicator {j}"
                multi_year = ind.get("status") == "in_progress" and "partial_period" in ind.get("actual_flags", [])
                exp = None if multi_year else ch.expected_status(ind)
                if exp is not None and ind.get("status") != exp:
                    bad(iw, f"status {ind.get('status')} but the ratio gives {exp}")
                if ind.get("status") == "no_evidence" and ind.get("actual_value") is not None \
                        and "basis_mismatch" not in ind.get("actual_flags", []):
                    bad(iw, "no_evidence with a comparable figure (flag basis_mismatch or judge it)")
            c[(tier, it["status"])] += 1
    return c


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else HERE / "national_heldout_more.json"
    c = check(path)
    if problems:
        print("\n".join(problems))
        print(f"{len(problems)} problem(s)")
        return 1
    for tier in sorted({t for t, _ in c}):
        row = {s: n for (t, s), n in sorted(c.items(), key=lambda kv: -kv[1]) if t == tier}
        print(f"{path.name} {tier}:", row, "total", sum(row.values()))
    print(f"{path.name}: total", sum(c.values()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
