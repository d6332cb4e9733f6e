"""Validate the development gold files national_more.json and national_tasks2.json (national pairs).

Run from the repository root:  python tests/gold/assess/check_national_more.py [FILE.json]
Exits non-zero and lists the problems when the file breaks a rule; prints counts otherwise.

Reuses the span and vocabulary checks of check_assess_gold.py (check_span, check_common: statuses,
flags, indicator keys, `claimed` found in the completion, `actual_text` found in the evidence, the
all-exceeded / all-reached row rules) and adds:
- the top level is {"held_out": false, "note": str, "pairs": [...]};
- plan and completion are national sample reports of 2015 or earlier, completion = plan year + 1;
- every item has tier "headline" or "task"; items are in plan order and target spans do not overlap;
- task items: exactly 8 per pair, each with "sample_draws" (draw indices) and "sample_offsets" (the drawn
  offsets that yielded it, as in national_heldout_more.json); the offsets are the draws of
  random.Random(plan_year + SEEDS[file stem]).randrange(H, T) for the pair's "task_part" [H, T] (T = end of
  the last body paragraph, licence footer excluded), the draw lands inside its target or before it, and no
  draw index is used twice;
- no task item repeats a headline item of national.json (2010, 2013, 2014); national_tasks2.json (a second
  sample) also repeats no item of national_more.json;
- an indicator with a comparable figure (actual_value set, no basis_mismatch, not in_progress) has the
  status its ratio gives: actual/target (a reduction, value < 0, compares the cuts); for ceilings (`<=`,
  price targets even when written `左右`, and deficit levels) met at or below the figure (never exceeded,
  DESIGN.md) and target/actual above it; >= 1.10 exceeded, >= 1.00 met, >= 0.90 basically_met (a figure in %:
  also within 0.3 points, or 5 % of a larger rate of change), else
  not_met;
- no ceiling indicator is `exceeded`, with or without a figure;
- a no_evidence indicator that keeps a figure flags it basis_mismatch;
- `value_high` is given exactly for op `range`.
"""
from __future__ import annotations

import importlib.util
import json
import random
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]

_spec = importlib.util.spec_from_file_location("check_assess_gold", HERE / "check_assess_gold.py")
cag = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cag)  # defines the checks; its main() is not run

problems = cag.problems  # shared list: cag.bad() appends here too
TIERS = {"headline", "task"}
PRICE_METRICS = ("居民消费价格", "零售物价", "零售价格")
SEEDS = {"national_more": 0, "national_tasks2": 100000}  # added to the plan year to seed each file's draws


def bad(where: str, msg: str) -> None:
    problems.append(f"{where}: {msg}")


def is_ceiling(ind: dict) -> bool:
    if ind["op"] == "<=":
        return True
    if any(m in ind["metric"] for m in PRICE_METRICS):
        return True
    return "赤字" in ind["metric"] and ind["basis"] == "level" and (ind.get("value") or 0) > 0


def expected_status(ind: dict) -> str | None:
    v, a = ind.get("value"), ind.get("actual_value")
    if a is None or v in (None, 0) or "basis_mismatch" in ind.get("actual_flags", []):
        return None
    if ind.get("status") == "in_progress":
        return None  # multi-year goal not yet due: not judged on the ratio
    if is_ceiling(ind):  # at or below a ceiling is met, never exceeded (DESIGN.md)
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
    allowed = max(0.3, 0.05 * abs(v)) if ind.get("basis") == "growth_rate" or is_ceiling(ind) else 0.3
    if ratio >= 0.90 - 1e-9 and not (percent and abs(abs(v) - abs(a)) > allowed + 1e-9):
        return "basically_met"
    return "not_met"


def body_end(text: str) -> int:
    i = text.find("本作品")
    return len(text[: i if i >= 0 else len(text)].rstrip())


def national_headline_spans() -> dict[str, list]:
    d = json.loads((HERE / "national.json").read_text(encoding="utf-8"))
    return {p["plan"]: [it["target_span"] for it in p["items"]] for p in d["pairs"]}


def national_more_spans() -> dict[str, list]:
    d = json.loads((HERE / "national_more.json").read_text(encoding="utf-8"))
    return {p["plan"]: [it["target_span"] for it in p["items"]] for p in d["pairs"]}


def check(path: Path) -> tuple[Counter, Counter]:
    d = json.loads(path.read_text(encoding="utf-8"))
    if d.get("held_out") is not False:
        bad(path.name, "top-level held_out must be false")
    if not str(d.get("note", "")).strip():
        bad(path.name, "empty note")
    if path.stem not in SEEDS:
        bad(path.name, f"no sampling seed for {path.stem} in SEEDS")
    seed = SEEDS.get(path.stem, 0)
    old = national_headline_spans()
    earlier = national_more_spans() if path.stem != "national_more" else {}
    by_pair: Counter = Counter()
    by_status: Counter = Counter()
    for p in d.get("pairs", []):
        pw = f"{path.name} {Path(p['plan']).name}"
        for key in ("plan", "completion"):
            rel = p[key]
            if not rel.startswith("src/duban/samples/national/gwr-national-") or not (ROOT / rel).is_file():
                bad(pw, f"{key} {rel} is not a national sample report")
                return by_pair, by_status
        py, cy = (int(Path(p[k]).stem.rsplit("-", 1)[1]) for k in ("plan", "completion"))
        if cy != py + 1:
            bad(pw, f"completion year {cy} is not plan year {py} + 1")
        if cy > 2015:
            bad(pw, "reports after 2015 are held out")
        plan, comp = cag.read(p["plan"]), cag.read(p["completion"])
        # the sampling procedure
        h, t = p.get("task_part", [None, None])
        if not (isinstance(h, int) and isinstance(t, int) and 0 <= h < t <= len(plan)):
            bad(pw, f"task_part {p.get('task_part')!r} invalid")
            draws = []
        else:
            if t != body_end(plan):
                bad(pw, f"task_part end {t} is not the end of the body text {body_end(plan)}")
            rng = random.Random(py + seed)
            draws = [rng.randrange(h, t) for _ in range(20)]
        tasks = [it for it in p["items"] if it.get("tier") == "task"]
        if len(tasks) != 8:
            bad(pw, f"{len(tasks)} task items, expected 8")
        seen_draws = set()
        for it in tasks:
            ks, offs = it.get("sample_draws"), it.get("sample_offsets")
            w = f"{pw} task {it.get('target', '')[:12]}"
            if not (isinstance(ks, list) and isinstance(offs, list) and ks and len(ks) == len(offs)):
                bad(w, "sample_draws / sample_offsets missing or of different lengths")
                continue
            for k, off in zip(ks, offs, strict=False):
                if not isinstance(k, int) or k in seen_draws:
                    bad(w, f"sample draw {k!r} missing or reused")
                    continue
                seen_draws.add(k)
                if draws and (k >= len(draws) or draws[k] != off):
                    bad(w, f"sample offset {off} is not draw {k} of Random({py + seed})")
                if isinstance(off, int) and it.get("target_span") and off >= it["target_span"][1]:
                    bad(w, f"draw offset {off} lies after its target {it['target_span']}")
        prev_end = -1
        for k, it in enumerate(p["items"]):
            w = f"{pw} item {k}"
            if it.get("tier") not in TIERS:
                bad(w, f"tier {it.get('tier')!r}")
            tx = cag.check_span(w, plan, it.get("target_span"), "target_span")
            if tx is None:
                continue
            if it.get("target") != tx:
                bad(w, "target differs from target_span text")
            if it["target_span"][0] < prev_end:
                bad(w, "target spans overlap or are out of order")
            prev_end = it["target_span"][1]
            if it.get("tier") == "task" and it["target_span"] in old.get(p["plan"], []):
                bad(w, "task item repeats a headline item of national.json")
            s, e = it["target_span"]
            if any(s < oe and os_ < e for os_, oe in earlier.get(p["plan"], [])):
                bad(w, "item overlaps an item of national_more.json")
            ev = [cag.check_span(w, comp, sp, "evidence_span") for sp in it.get("evidence_spans", [])]
            ev = [x for x in ev if x]
            if it["status"] not in ("no_evidence", "unassessed") and not ev:
                bad(w, f"status {it['status']} without evidence_spans")
            cag.check_common(w, it, " ".join(ev) + (" " + comp if it.get("claimed") else ""), tx)
            for j, ind in enumerate(it.get("indicators", [])):
                iw = f"{w} indicator {j}"
                if (ind.get("op") == "range") != (ind.get("value_high") is not None):
                    bad(iw, "value_high must be given exactly for range")
                exp = expected_status(ind)
                if exp is not None and ind.get("status") != exp:
                    bad(iw, f"status {ind.get('status')} but the ratio gives {exp}")
                if ind.get("status") == "exceeded" and is_ceiling(ind):
                    bad(iw, "a ceiling is never exceeded (DESIGN.md)")
                if ind.get("status") == "no_evidence" and ind.get("actual_value") is not None \
                        and "basis_mismatch" not in ind.get("actual_flags", []):
                    bad(iw, "no_evidence with a comparable figure (flag basis_mismatch or judge it)")
            by_pair[(py, it.get("tier"))] += 1
            by_status[(it.get("tier"), it["status"])] += 1
    return by_pair, by_status


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else HERE / "national_more.json"
    by_pair, by_status = check(path)
    if problems:
        print("\n".join(problems))
        print(f"{len(problems)} problem(s)")
        return 1
    years = sorted({y for y, _ in by_pair})
    print(f"{path.name}: " + ", ".join(
        f"{y}: {by_pair[(y, 'headline')]}h+{by_pair[(y, 'task')]}t" for y in years))
    for tier in ("headline", "task"):
        c = {s: n for (t, s), n in by_status.items() if t == tier}
        print(f"  {tier}:", dict(sorted(c.items(), key=lambda kv: -kv[1])), "total", sum(c.values()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
