"""One-off, documented relabelling (tests/gold/assess/README.md, "Ceilings are never exceeded"):
DESIGN.md settles that a ceiling target (CPI 涨幅, 失业率, 赤字率, anything 控制在…以内) at or below its
figure is met, never exceeded. Indicators labelled `exceeded` on a ceiling become `met`, and their
item's status is recomputed by the row rules (all exceeded → exceeded; all reached → met).

Run from the repository root:  python tests/gold/assess/relabel_ceilings.py FILE.json …
"""
from __future__ import annotations

import json
import re
import sys

CEILING_WORDS = ("居民消费价格", "消费价格", "物价", "零售价格", "失业率", "赤字")


def is_ceiling(ind: dict) -> bool:
    return ind["op"] == "<=" or any(w in ind["metric"] for w in CEILING_WORDS)


def relabel(item: dict) -> bool:
    changed = False
    for ind in item.get("indicators", []):
        if is_ceiling(ind) and ind["status"] == "exceeded":
            ind["status"] = "met"
            changed = True
    statuses = [ind["status"] for ind in item.get("indicators", [])]
    if changed and item["status"] == "exceeded" and not all(s == "exceeded" for s in statuses):
        item["status"] = "met"
    return changed


def dump(data: dict, compact: bool) -> str:
    """JSON as the gold files write it: one-space indent; ``compact`` puts lists of scalars (spans, flags)
    and lists of spans on one line."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    if compact:
        scalar = r'(?:-?[\d.]+(?:e-?\d+)?|"(?:[^"\\]|\\.)*"|true|false|null)'
        text = re.sub(rf"\[\s+({scalar}(?:,\s+{scalar})*)\s+\]",
                      lambda m: "[" + re.sub(r",\n\s+", ", ", m.group(1)) + "]", text)
        text = re.sub(r"\[\s+(\[[^\[\]\n]*\](?:,\s+\[[^\[\]\n]*\])*)\s+\]",
                      lambda m: "[" + re.sub(r"\],\s+\[", "], [", m.group(1)) + "]", text)
    return text + "\n"


def main(paths: list[str]) -> None:
    for path in paths:
        with open(path, encoding="utf-8") as f:
            original = f.read()
        data = json.loads(original)
        compact = original.rstrip("\n") != json.dumps(data, ensure_ascii=False, indent=1)
        items = data.get("rows") or [i for p in data.get("pairs", []) for i in p["items"]]
        n = sum(relabel(item) for item in items)
        with open(path, "w", encoding="utf-8") as f:
            f.write(dump(data, compact))
        print(f"{path}: {n} items relabelled")


if __name__ == "__main__":
    main(sys.argv[1:])
