"""Extraction of this checkout against an older ``src``, interleaved document by document in one process.

    git archive OLD src | tar -x -C /tmp/before
    .venv/bin/python benchmarks/extract_ab.py --before /tmp/before/src [--mb 0.5] [--passes 10] [--warm]

On a shared machine the speed of one core drifts by up to 2× within seconds (a pure Python loop runs in 0.18 or
0.36 s from one run to the next), so timings of separate runs, or of passes a second apart, compare badly. Here
the older code is copied as the package ``duban_before`` (its ``duban.`` imports renamed) and imported next to
this checkout's ``duban``; every document of the corpus (the 16 bundled samples, repeated to --mb MB a pass) is
extracted by both, in a random order, with each side's caches of document content cleared before it (as
extract_throughput.py's ``extract_cold_caches``; --warm keeps them), and the bare regex scan of
extract_throughput.py is timed on the same document between them. Both sides thus run through the same slow
and fast spells. Reported: chars/s of each side and of the scan over all passes, the speed-up of each pass.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import inspect
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _common import SAMPLES, machine, write_results

BARE_SCAN = re.compile(r"\d+(?:\.\d+)?\s*(?:%|万|亿|个|家)")
_IMPORT = re.compile(r"\b(from|import) duban\b")


def copy_before(src: Path, into: Path) -> None:
    """``src/duban`` as the package ``duban_before`` under ``into`` (absolute imports renamed)."""
    target = into / "duban_before"
    shutil.copytree(src / "duban", target)
    for path in target.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        path.write_text(_IMPORT.sub(r"\1 duban_before", text), encoding="utf-8")


def side(package: str) -> tuple:
    """(extract, read_document, the clear() of every cache of document content) of ``package``."""
    extract = importlib.import_module(f"{package}.extract").extract
    read_document = importlib.import_module(f"{package}.read").read_document
    vocabulary = importlib.import_module(f"{package}.lang.metrics").vocabulary
    caches = [obj.cache_clear for name, mod in list(sys.modules.items()) if name.split(".")[0] == package
              for obj in vars(mod).values() if callable(obj) and hasattr(obj, "cache_info")
              and inspect.signature(obj).parameters]
    return extract, read_document, [*caches, vocabulary().cache_clear]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--before", type=Path, required=True, help="the older src folder (holding duban/)")
    ap.add_argument("--mb", type=float, default=0.5, help="MB of UTF-8 text a pass (default 0.5)")
    ap.add_argument("--passes", type=int, default=10)
    ap.add_argument("--warm", action="store_true", help="keep the caches of document content")
    ap.add_argument("--label", default="", help="suffix of the results file")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="duban-ab-"))
    copy_before(args.before, tmp)
    sys.path.insert(0, str(tmp))
    sides = {"before": side("duban_before"), "after": side("duban")}
    paths = sorted(SAMPLES.glob("*.txt")) + sorted((SAMPLES / "national").glob("*.txt"))
    docs = {name: [read_document(p) for p in paths] for name, (_ext, read_document, _clear) in sides.items()}
    for name, (extract, _read, _clear) in sides.items():
        for d in docs[name]:
            extract(d)  # imports, vocabularies, the tokenizer's dictionary: once per process
    size = sum(len(d.text.encode()) for d in docs["after"])
    reps = max(1, round(args.mb * 1e6 / size))
    chars = sum(len(d.text) for d in docs["after"]) * reps
    rng = random.Random(7)
    total = {"before": 0.0, "after": 0.0, "bare_scan": 0.0}
    speedups = []
    gc.collect()
    for _ in range(args.passes):
        spent = {"before": 0.0, "after": 0.0}
        for _ in range(reps):
            for k in range(len(paths)):
                order = ["before", "after"]
                rng.shuffle(order)
                for name in order:
                    extract, _read, clear = sides[name]
                    if not args.warm:
                        for c in clear:
                            c()
                    t0 = time.perf_counter()
                    extract(docs[name][k])
                    spent[name] += time.perf_counter() - t0
                t0 = time.perf_counter()
                sum(1 for _ in BARE_SCAN.finditer(docs["after"][k].text))
                total["bare_scan"] += time.perf_counter() - t0
        total["before"] += spent["before"]
        total["after"] += spent["after"]
        speedups.append(spent["before"] / spent["after"])
    n = chars * args.passes
    out = {name: {"seconds": t, "chars_per_s": n / t} for name, t in total.items()}
    for name in ("before", "after"):
        out[name]["ratio_to_bare_scan"] = total["bare_scan"] / total[name]
    print(f"{'warm' if args.warm else 'cold'} caches, {args.passes} passes of {chars:,} chars:")
    for name, row in out.items():
        ratio = f"  (1/{1 / row['ratio_to_bare_scan']:.0f} of the bare scan)" if name != "bare_scan" else ""
        print(f"  {name}: {row['chars_per_s'] / 1e6:.3f} M chars/s{ratio}")
    print(f"  speed-up after/before: {total['before'] / total['after']:.3f} (passes: median "
          f"{statistics.median(speedups):.3f}, {min(speedups):.3f}–{max(speedups):.3f})")
    label = ("-warm" if args.warm else "-cold") + (f"-{args.label}" if args.label else "")
    write_results(f"extract_ab{label}", {
        "machine": machine(), "args": {**vars(args), "before": str(args.before)}, "chars_per_pass": chars,
        "totals": out, "speedup": total["before"] / total["after"], "speedup_per_pass": speedups})
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
