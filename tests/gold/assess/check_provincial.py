"""Validate the gold files provincial.json, provincial_more.json, provincial_dev3.json, provincial_dev4.json,
provincial_dev5.json, provincial_dev6.json, provincial_dev7.json, provincial_long.json,
provincial_long2.json (development), provincial_heldout2.json and provincial_long_heldout.json (held out) of
provincial / city / county plan -> review pairs.

Run from the repository root:  python tests/gold/assess/check_provincial.py [FILE.json]  (default provincial.json)
Exits non-zero and lists the problems when the file breaks a rule; prints counts otherwise.

Reuses the span and vocabulary checks of check_assess_gold.py (check_span, check_common: statuses, flags,
indicator keys, `claimed` found in the completion, `actual_text` found in the evidence spans, the
all-exceeded / all-reached row rules) and adds:
- the top level is {"held_out": <the profile's value: false for the development files, true for
  provincial_heldout2.json and provincial_long_heldout.json>, "note": str, "pairs": [...]};
- plan and completion are files under tests/fixtures/<gold file stem>/, named XN_plan_YYYY.txt and
  XN_review_YYYY.txt (X = the file's prefix in PROFILES: p for provincial.json, q for provincial_more.json, d for
  provincial_dev3.json, e for provincial_dev4.json, f for provincial_dev5.json, g for provincial_dev6.json, n for
  provincial_dev7.json, l for provincial_long.json, m for provincial_long2.json, k for provincial_heldout2.json, h for
  provincial_long_heldout.json), plan year within
  PLAN_YEARS (2019-2023; provincial_long.json, provincial_long2.json and provincial_long_heldout.json 2015-2023) and
  completion year = plan year + 1 (2025/2026 reports are held out);
- each plan and review has a length within LENGTHS (1500-4000 characters; provincial_long.json, which holds
  full-length reports: plans 6000-12000, reviews 12000-22000; provincial_long2.json and provincial_long_heldout.json:
  plans 6000-12000, reviews 14000-20000);
- every item has tier "headline" or "task"; items are in plan order and target spans do not overlap;
- task items: the picks of PROFILES (provincial.json: the 1st, 4th, 7th, 10th, 13th and 16th; provincial_more.json,
  provincial_dev4.json, provincial_dev5.json, provincial_dev6.json, provincial_dev7.json and provincial_heldout2.json:
  the odd ones 1st, 3rd, ..., 23rd; provincial_dev3.json: 1st, 3rd, ..., 15th; the provincial_long sets: none,
  headline-only sets whose task_count is still checked) among the task targets of the plan, where
  the task targets are the sentences (split at 。) of the 重点工作 paragraphs after each paragraph's
  （一）… heading sentence; each carries its 1-based "task_index";
- every indicator with a comparable figure (actual_value set, no basis_mismatch, not in_progress) has the
  status its ratio gives: actual/target (a reduction, value < 0, compares the cuts); ceilings (op `<=`, and
  居民消费价格 / 失业率 / PM2.5 / 浓度 metrics even when written `左右`) are met at or below the figure and never
  exceeded, target/actual above it; >= 1.10 exceeded, >= 1.00 met, >= 0.90 basically_met, else not_met —
  except that for rates and shares (unit %, ‰, 个百分点) a shortfall is basically_met only when it is at
  most 0.3 percentage points (and the ratio >= 0.90);
- the item status follows from its indicators: all exceeded -> exceeded; all met/exceeded -> met; all
  reached incl. basically_met -> basically_met; some reached, others not -> partially_met; none reached ->
  not_met if one is not_met, else no_evidence; an in_progress indicator makes the item in_progress;
- a no_evidence indicator that keeps a figure flags it basis_mismatch; an `estimate` actual flag is
  mirrored in the item flags; `value_high` is given exactly for op `range`;
- a status other than no_evidence has evidence_spans.
"""
from __future__ import annotations

import importlib.util
import json
import re
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
RATE_UNITS = ("%", "‰", "个百分点")
CEILING_METRICS = ("居民消费价格", "失业率", "PM2.5", "浓度")
# per gold file (by stem): the fixture file prefix, the 1-based task targets labelled in each pair, and held_out
PROFILES = {
    "provincial": ("p", (1, 4, 7, 10, 13, 16), False),
    "provincial_more": ("q", tuple(range(1, 24, 2)), False),
    "provincial_heldout2": ("k", tuple(range(1, 24, 2)), True),
    "provincial_dev3": ("d", tuple(range(1, 16, 2)), False),
    "provincial_dev4": ("e", tuple(range(1, 24, 2)), False),
    "provincial_dev5": ("f", tuple(range(1, 24, 2)), False),
    "provincial_dev6": ("g", tuple(range(1, 24, 2)), False),
    "provincial_dev7": ("n", tuple(range(1, 24, 2)), False),
    "provincial_long": ("l", (), False),
    "provincial_long2": ("m", (), False),
    "provincial_long_heldout": ("h", (), True),
}
# per gold file (by stem): the character bounds of (plan, review); files not listed hold short reconstructions
SHORT_LENGTHS = ((1500, 4000), (1500, 4000))
LENGTHS = {"provincial_long": ((6000, 12000), (12000, 22000)), "provincial_long2": ((6000, 12000), (14000, 20000)),
           "provincial_long_heldout": ((6000, 12000), (14000, 20000))}
# per gold file (by stem): the plan years allowed
PLAN_YEARS = {"provincial_long": (2015, 2023), "provincial_long2": (2015, 2023),
              "provincial_long_heldout": (2015, 2023)}
DEFAULT_PLAN_YEARS = (2019, 2023)
REACHED = {"exceeded", "met", "basically_met"}
EPS = 1e-9


def bad(where: str, msg: str) -> None:
    problems.append(f"{where}: {msg}")


def is_ceiling(ind: dict) -> bool:
    return ind["op"] == "<=" or any(m in ind["metric"] for m in CEILING_METRICS)


def expected_status(ind: dict) -> str | None:
    v, a = ind.get("value"), ind.get("actual_value")
    if a is None or v in (None, 0) or "basis_mismatch" in ind.get("actual_flags", []):
        return None
    if ind.get("status") == "in_progress":
        return None
    rate = ind.get("unit") in RATE_UNITS
    if is_ceiling(ind):
        if a <= v + EPS:
            return "met"
        ratio, short = v / a, a - v
    elif v < 0:  # a reduction: compare the cuts
        ratio, short = a / v, a - v
    else:
        ratio, short = a / v, v - a
    if ratio >= 1.10 - EPS and not is_ceiling(ind):
        return "exceeded"
    if ratio >= 1.00 - EPS:
        return "met"
    if ratio >= 0.90 - EPS and (not rate or short <= 0.3 + EPS):
        return "basically_met"
    return "not_met"


def expected_item_status(statuses: list[str]) -> str:
    if "in_progress" in statuses:
        return "in_progress"
    if all(s == "exceeded" for s in statuses):
        return "exceeded"
    if all(s in ("met", "exceeded") for s in statuses):
        return "met"
    if all(s in REACHED for s in statuses):
        return "basically_met"
    if any(s in REACHED for s in statuses):
        return "partially_met"
    if "not_met" in statuses:
        return "not_met"
    return "no_evidence"


def task_targets(plan: str) -> list[str]:
    """The plan's task targets: sentences of the 重点工作 paragraphs after each （一）… heading sentence."""
    i = plan.find("重点工作\n")
    if i < 0:
        return []
    j = plan.find("\n各位代表", i)
    out = []
    for line in plan[i:j if j > 0 else len(plan)].split("\n")[1:]:
        line = line.strip()
        if re.match(r"（[一二三四五六七八九十]+）", line):
            out += [s for s in line.split("。") if s][1:]
    return out


def check(path: Path) -> tuple[Counter, Counter, list]:
    d = json.loads(path.read_text(encoding="utf-8"))
    if path.stem not in PROFILES:
        bad(path.name, f"no profile for {path.stem!r} (known: {sorted(PROFILES)})")
        return Counter(), Counter(), []
    prefix, task_picks, held_out = PROFILES[path.stem]
    if d.get("held_out") is not held_out:
        bad(path.name, f"top-level held_out must be {str(held_out).lower()}")
    if not str(d.get("note", "")).strip():
        bad(path.name, "empty note")
    by_status: Counter = Counter()
    by_pair: list = []
    for p in d.get("pairs", []):
        pw = f"{path.name} {Path(p.get('plan', '?')).name}"
        years = {}
        for key, kind in (("plan", "plan"), ("completion", "review")):
            rel = p.get(key, "")
            m = re.fullmatch(rf"tests/fixtures/{path.stem}/{prefix}\d+_{kind}_(\d{{4}})\.txt", rel)
            if not m or not (ROOT / rel).is_file():
                bad(pw, f"{key} {rel!r} is not a {path.stem} fixture")
                break
            years[key] = int(m.group(1))
        else:
            lo, hi = PLAN_YEARS.get(path.stem, DEFAULT_PLAN_YEARS)
            if not lo <= years["plan"] <= hi:
                bad(pw, f"plan year {years['plan']} outside {lo}-{hi}")
            if years["completion"] != years["plan"] + 1:
                bad(pw, "completion year is not plan year + 1")
            if years["completion"] >= 2025:
                bad(pw, "2025/2026 reports are held out")
        if len(years) < 2:
            continue
        plan, comp = cag.read(p["plan"]), cag.read(p["completion"])
        for name, text, (lo, hi) in zip(("plan", "completion"), (plan, comp),
                                         LENGTHS.get(path.stem, SHORT_LENGTHS), strict=True):
            if not lo <= len(text) <= hi:
                bad(pw, f"{name} has {len(text)} characters ({lo}-{hi} wanted)")
        tasks = task_targets(plan)
        if p.get("task_count") != len(tasks):
            bad(pw, f"task_count {p.get('task_count')} but the plan has {len(tasks)} task targets")
        picks = {k: tasks[k - 1] for k in task_picks if k <= len(tasks)}
        got_picks = {}
        counts = Counter()
        prev_end = -1
        for k, it in enumerate(p.get("items", [])):
            w = f"{pw} item {k} {it.get('target', '')[:14]}"
            tier = it.get("tier")
            if tier not in TIERS:
                bad(w, f"tier {tier!r}")
            tx = cag.check_span(w, plan, it.get("target_span"), "target_span")
            if tx is None:
                continue
            if it.get("target") != tx:
                bad(w, "target differs from target_span text")
            if it["target_span"][0] < prev_end:
                bad(w, "target spans overlap or are out of order")
            prev_end = it["target_span"][1]
            if tier == "task":
                got_picks[it.get("task_index")] = tx
            ev = [cag.check_span(w, comp, sp, "evidence_span") for sp in it.get("evidence_spans", [])]
            ev = [x for x in ev if x]
            if it.get("status") not in ("no_evidence", "unassessed") and not ev:
                bad(w, f"status {it.get('status')} without evidence_spans")
            cag.check_common(w, it, " ".join(ev) + (" " + comp if it.get("claimed") else ""), tx)
            inds = it.get("indicators", [])
            for j, ind in enumerate(inds):
                iw = f"{w} indicator {j}"
                if not set(ind) >= cag.IND_KEYS:
                    continue  # reported by check_common
                if (ind.get("op") == "range") != (ind.get("value_high") is not None):
                    bad(iw, "value_high must be given exactly for range")
                exp = expected_status(ind)
                if exp is not None and ind.get("status") != exp:
                    bad(iw, f"status {ind.get('status')} but the ratio rules give {exp}")
                if ind.get("status") == "exceeded" and is_ceiling(ind):
                    bad(iw, "a ceiling is never exceeded")
                if ind.get("status") == "no_evidence" and ind.get("actual_value") is not None \
                        and "basis_mismatch" not in ind.get("actual_flags", []):
                    bad(iw, "no_evidence with a comparable figure (flag basis_mismatch or judge it)")
                if "estimate" in ind.get("actual_flags", []) and "estimate" not in it.get("flags", []):
                    bad(iw, "estimate actual flag without the item flag estimate")
            if inds:
                exp_item = expected_item_status([i.get("status") for i in inds])
                if it.get("status") != exp_item:
                    bad(w, f"item status {it.get('status')} but its indicators give {exp_item}")
            counts[tier] += 1
            by_status[(tier, it.get("status"))] += 1
        if got_picks != picks:
            bad(pw, f"task items {sorted(got_picks)} are not the task targets {sorted(picks)} of the rule "
                    f"(or their text differs)")
        if counts["headline"] < 8:
            bad(pw, f"only {counts['headline']} headline items")
        by_pair.append((Path(p["plan"]).name, p.get("place", ""), counts["headline"], counts["task"]))
    return by_status, Counter(), by_pair


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else HERE / "provincial.json"
    by_status, _, by_pair = check(path)
    if problems:
        print("\n".join(problems))
        print(f"{len(problems)} problem(s)")
        return 1
    print(f"{path.name}: " + ", ".join(f"{n} {pl} {h}h+{t}t" for n, pl, h, t in by_pair))
    for tier in ("headline", "task"):
        c = {s: n for (t, s), n in by_status.items() if t == tier}
        print(f"  {tier}:", dict(sorted(c.items(), key=lambda kv: -kv[1])), "total", sum(c.values()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
