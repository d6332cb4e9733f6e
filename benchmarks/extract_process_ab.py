"""``duban extract FILE --json`` as a whole process, this checkout against an older ``src``, runs alternating.

    git archive OLD src | tar -x -C /tmp/before
    .venv/bin/python benchmarks/extract_process_ab.py --before /tmp/before/src --file BIG.txt [--pairs 8]

Each pair runs the command once with each ``src`` on ``PYTHONPATH`` (the order alternating from pair to pair, so
that a slow spell of a shared machine falls on both sides), stdout to a file; the two outputs are compared byte for
byte after every pair. Reported: wall and user CPU seconds of each run, their medians and best, and the speed-up
of each pair (before's wall over after's). Without --file, the bundled .txt samples are concatenated to --mb MB
(UTF-8) as the file.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, SAMPLES, machine, write_results


def concatenated(mb: float, into: Path) -> Path:
    """The bundled .txt samples (as read) concatenated until the text reaches ``mb`` MB."""
    sys.path.insert(0, str(ROOT / "src"))
    from duban.read import read_document

    paths = sorted(SAMPLES.glob("*.txt")) + sorted((SAMPLES / "national").glob("*.txt"))
    texts = [read_document(p).text for p in paths]
    out: list[str] = []
    size = 0
    while size < mb * 1e6:
        for t in texts:
            out.append(t)
            size += len(t.encode()) + 2
            if size >= mb * 1e6:
                break
    path = into / "concatenated.txt"
    path.write_text("\n\n".join(out), encoding="utf-8")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--before", type=Path, required=True, help="the older src folder (holding duban/)")
    ap.add_argument("--file", type=Path, help="the report to extract (default: the samples concatenated to --mb)")
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--pairs", type=int, default=8)
    ap.add_argument("--label", default="", help="suffix of the results file")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="duban-process-ab-"))
    big = args.file or concatenated(args.mb, tmp)
    sides = {"before": str(args.before.resolve()), "after": str(ROOT / "src")}
    runs: dict[str, list[dict]] = {name: [] for name in sides}
    for i in range(args.pairs):
        for name in (("before", "after") if i % 2 == 0 else ("after", "before")):
            r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            with open(tmp / f"{name}.json", "wb") as out:
                subprocess.run([sys.executable, "-m", "duban", "extract", str(big), "--json"], stdout=out, check=True,
                               env={**os.environ, "PYTHONPATH": sides[name]})
            wall = time.perf_counter() - t0
            r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            runs[name].append({"wall_s": round(wall, 3), "user_s": round(r1.ru_utime - r0.ru_utime, 3),
                               "load": round(os.getloadavg()[0], 2)})
        if not filecmp.cmp(tmp / "before.json", tmp / "after.json", shallow=False):
            sys.exit("the outputs differ")
    summary = {name: {"wall_median_s": statistics.median(r["wall_s"] for r in rs),
                      "wall_best_s": min(r["wall_s"] for r in rs),
                      "user_median_s": statistics.median(r["user_s"] for r in rs),
                      "user_best_s": min(r["user_s"] for r in rs)} for name, rs in runs.items()}
    ratios = [b["wall_s"] / a["wall_s"] for b, a in zip(runs["before"], runs["after"], strict=True)]
    chars = len(big.read_text(encoding="utf-8"))
    print(f"duban extract FILE --json, {big.stat().st_size:,} bytes ({chars:,} chars), {args.pairs} pairs; "
          "outputs identical")
    for name, s in summary.items():
        print(f"  {name}: wall median {s['wall_median_s']:.2f} s (best {s['wall_best_s']:.2f}), "
              f"user median {s['user_median_s']:.2f} s (best {s['user_best_s']:.2f})")
    print(f"  speed-up before/after, wall, per pair: median {statistics.median(ratios):.3f}, "
          f"{min(ratios):.3f}–{max(ratios):.3f}")
    write_results("extract_process_ab" + (f"-{args.label}" if args.label else ""), {
        "machine": machine(), "args": {**vars(args), "before": str(args.before), "file": str(args.file)},
        "file_bytes": big.stat().st_size, "chars": chars, "runs": runs, "summary": summary,
        "speedup_per_pair": ratios, "outputs_identical": True})


if __name__ == "__main__":
    main()
