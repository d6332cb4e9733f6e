"""Validate the hand-annotated gold files in tests/gold/extract/.

Usage:  python tests/gold/check_gold.py [FILE.json ...]

Checks, for every gold file (all of tests/gold/extract/*.json when no argument is given):
- the document exists, decodes as UTF-8, and ``document`` is the basename of ``path``;
- ``scope`` is a list of [start, end] pairs inside the document, non-overlapping;
- every target's ``text`` equals ``doc[start:end]``, lies inside the scope, has no leading or
  trailing whitespace and no final punctuation, has a non-empty ``section``; targets are in
  document order and do not overlap;
- every indicator's ``text`` equals its span, lies inside its target's span, does not overlap
  another indicator of the same target, and its fields are in the vocabularies of
  docs/annotation.md (op, basis, hedge; value_high only and always for ``range``); the figure
  written in the span agrees with ``value`` (sign aside: 下降/减少 give negative values);
- every measurement's ``text``/``span`` and ``value_text``/``value_span`` reproduce the document,
  the value span lies inside the text span, the flags are known, and fields are in vocabulary.

Exit status 0 when every file passes; otherwise the problems are printed and the status is 1.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = Path(__file__).resolve().parent / "extract"

OPS = {">=", "<=", "~", "=", "range"}
BASES = {"growth_rate", "level", "increment", "cumulative", "share", "count"}
HEDGES = {None, "力争", "争取", "努力", "力求", "确保"}
FLAGS = {"estimate", "cumulative", "applied", "partial_period"}
END_PUNCT = set("。；;，,！!？?、：:")
TARGET_KEYS = {"text", "span", "section", "indicators"}
IND_KEYS = {"text", "span", "metric", "op", "value", "value_high", "unit", "basis", "hedge"}
MEAS_KEYS = {"text", "span", "value_text", "value_span", "metric", "op", "value", "value_high",
             "unit", "basis", "flags"}
TOP_KEYS = {"document", "path", "scope", "scope_note", "held_out", "targets", "measurements"}

_FULLWIDTH = {ord(c): chr(ord(c) - 0xFEE0) for c in "０１２３４５６７８９．％"}
_NUM = re.compile(r"\d+(?:\.\d+)?(?:/\d+)?")


def _span_ok(doc: str, span, text: str) -> str | None:
    if not (isinstance(span, list) and len(span) == 2 and all(isinstance(x, int) for x in span)):
        return f"bad span {span!r}"
    s, e = span
    if not (0 <= s < e <= len(doc)):
        return f"span {span} outside document (len {len(doc)})"
    if doc[s:e] != text:
        return f"span {span} gives {doc[s:e]!r}, not {text!r}"
    return None


def _inside(span, ranges) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in ranges)


def _figure_agrees(text: str, value: float) -> bool:
    """The first number written in the span is |value| (fractions like 1/3 allowed)."""
    m = _NUM.search(text.translate(_FULLWIDTH))
    if not m:
        return False
    raw = m.group(0)
    if "/" in raw:
        a, b = raw.split("/")
        written = float(a) / float(b)
    else:
        written = float(raw)
    return abs(abs(value) - written) <= 1e-6 * max(1.0, written)


def _check_quantity(q: dict, where: str, errors: list[str]) -> None:
    if q.get("op") not in OPS:
        errors.append(f"{where}: op {q.get('op')!r} not in {sorted(OPS)}")
    if q.get("basis") not in BASES:
        errors.append(f"{where}: basis {q.get('basis')!r} not in {sorted(BASES)}")
    if not isinstance(q.get("value"), (int, float)) or isinstance(q.get("value"), bool):
        errors.append(f"{where}: value {q.get('value')!r} is not a number")
    vh = q.get("value_high")
    if q.get("op") == "range":
        if not isinstance(vh, (int, float)) or vh <= q.get("value", 0):
            errors.append(f"{where}: op range needs value_high > value, got {vh!r}")
    elif vh is not None:
        errors.append(f"{where}: value_high {vh!r} given but op is {q.get('op')!r}")
    if not isinstance(q.get("unit"), str):
        errors.append(f"{where}: unit must be a string")
    if not (isinstance(q.get("metric"), str) and q["metric"].strip()):
        errors.append(f"{where}: empty metric")


def check_file(path: Path) -> list[str]:
    errors: list[str] = []
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except Exception as exc:
        return [f"{path.name}: cannot read JSON: {exc}"]
    name = path.name
    missing = TOP_KEYS - set(gold)
    if missing:
        errors.append(f"{name}: missing keys {sorted(missing)}")
        return errors
    doc_path = ROOT / gold["path"]
    if Path(gold["path"]).name != gold["document"]:
        errors.append(f"{name}: document {gold['document']!r} is not the basename of {gold['path']!r}")
    try:
        doc = doc_path.read_bytes().decode("utf-8")
    except Exception as exc:
        return [*errors, f"{name}: cannot read document {doc_path}: {exc}"]
    if "\r" in doc:
        errors.append(f"{name}: document contains \\r; offsets assume \\n line ends")
    if not isinstance(gold["held_out"], bool):
        errors.append(f"{name}: held_out must be true or false")

    scope = gold["scope"]
    if not (isinstance(scope, list) and scope):
        errors.append(f"{name}: scope must be a non-empty list of [start, end]")
        return errors
    prev_end = -1
    for r in scope:
        if not (isinstance(r, list) and len(r) == 2 and 0 <= r[0] < r[1] <= len(doc)):
            errors.append(f"{name}: bad scope range {r!r}")
            return errors
        if r[0] < prev_end:
            errors.append(f"{name}: scope ranges overlap or are out of order")
        prev_end = r[1]

    prev = None
    for k, t in enumerate(gold["targets"]):
        where = f"{name}: target {k} {t.get('text', '')[:20]!r}"
        if set(t) != TARGET_KEYS:
            errors.append(f"{where}: keys {sorted(set(t))} != {sorted(TARGET_KEYS)}")
            continue
        err = _span_ok(doc, t["span"], t["text"])
        if err:
            errors.append(f"{where}: {err}")
            if _span_ok(doc, t["span"], doc[t["span"][0]:t["span"][1]] if isinstance(t["span"], list)
                        and len(t["span"]) == 2 else ""):
                continue  # the span itself is malformed: nothing else can be checked
        if not _inside(t["span"], scope):
            errors.append(f"{where}: outside the scope")
        if t["text"] != t["text"].strip() or t["text"][-1] in END_PUNCT:
            errors.append(f"{where}: leading/trailing space or final punctuation")
        if not (isinstance(t["section"], str) and t["section"].strip()):
            errors.append(f"{where}: empty section")
        if prev is not None and t["span"][0] < prev[1]:
            errors.append(f"{where}: overlaps or precedes the previous target {prev}")
        prev = t["span"]
        iprev = None
        for j, ind in enumerate(t["indicators"]):
            iw = f"{where} indicator {j} {ind.get('text')!r}"
            if set(ind) != IND_KEYS:
                errors.append(f"{iw}: keys {sorted(set(ind))} != {sorted(IND_KEYS)}")
                continue
            err = _span_ok(doc, ind["span"], ind["text"])
            if err:
                errors.append(f"{iw}: {err}")
                continue
            if not (t["span"][0] <= ind["span"][0] and ind["span"][1] <= t["span"][1]):
                errors.append(f"{iw}: not inside its target's span")
            if iprev is not None and ind["span"][0] < iprev[1]:
                errors.append(f"{iw}: overlaps or precedes the previous indicator")
            iprev = ind["span"]
            _check_quantity(ind, iw, errors)
            if ind["hedge"] not in HEDGES:
                errors.append(f"{iw}: hedge {ind['hedge']!r} not in {sorted(h for h in HEDGES if h)}")
            if isinstance(ind.get("value"), (int, float)) and not _figure_agrees(ind["text"], ind["value"]):
                errors.append(f"{iw}: value {ind['value']} is not the figure written in the span")

    mprev = None
    for k, m in enumerate(gold["measurements"]):
        where = f"{name}: measurement {k} {m.get('value_text')!r}"
        if set(m) != MEAS_KEYS:
            errors.append(f"{where}: keys {sorted(set(m))} != {sorted(MEAS_KEYS)}")
            continue
        for key_t, key_s in (("text", "span"), ("value_text", "value_span")):
            err = _span_ok(doc, m[key_s], m[key_t])
            if err:
                errors.append(f"{where}: {key_s}: {err}")
        if not (m["span"][0] <= m["value_span"][0] and m["value_span"][1] <= m["span"][1]):
            errors.append(f"{where}: value_span not inside span")
        if not _inside(m["span"], scope):
            errors.append(f"{where}: outside the scope")
        if mprev is not None and m["value_span"][0] < mprev[1]:
            errors.append(f"{where}: value spans overlap or are out of order")
        mprev = m["value_span"]
        _check_quantity(m, where, errors)
        if not isinstance(m["flags"], list) or not set(m["flags"]) <= FLAGS:
            errors.append(f"{where}: flags {m['flags']!r} not within {sorted(FLAGS)}")
        if isinstance(m.get("value"), (int, float)) and not _figure_agrees(m["value_text"], m["value"]):
            errors.append(f"{where}: value {m['value']} is not the figure written in value_text")
    return errors


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv] or sorted(GOLD_DIR.glob("*.json"))
    if not files:
        print(f"no gold files in {GOLD_DIR}")
        return 1
    total = 0
    for f in files:
        errs = check_file(f)
        g = json.loads(f.read_text(encoding="utf-8"))
        n_t = len(g.get("targets", []))
        n_i = sum(len(t.get("indicators", [])) for t in g.get("targets", []))
        n_m = len(g.get("measurements", []))
        status = "ok" if not errs else f"{len(errs)} problem(s)"
        print(f"{f.name}: {n_t} targets, {n_i} indicators, {n_m} measurements, "
              f"scope {g.get('scope')}, held_out={g.get('held_out')} — {status}")
        for e in errs:
            print("   ", e)
        total += len(errs)
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
