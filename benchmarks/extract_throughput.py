"""Extraction throughput next to a bare regex scan, peak memory by document size, assessment throughput.

    .venv/bin/python benchmarks/extract_throughput.py [--mb 5] [--repeat 3] [--sizes 0.5,1,2,4,8] [--quick]

* The 16 bundled .txt samples are read once (read_document) and repeated until the text reaches --mb MB
  (UTF-8). Over that text, in the same run: a bare regex scan that only finds figures (the floor any
  extractor stands on), segment() alone and extract(); chars/s of each and extract/scan. Each timing is the
  median of --repeat runs. extract() is timed three times: as is (its lru_caches warm from the repeats); with
  every cache of document content cleared before each document (as if every document were new: the lru_caches
  of functions of text, and the vocabulary's memo of metric phrases); and with every duban cache cleared,
  the loaders too, so that the metric vocabulary (lang/metrics.toml) is read, checked and compiled again for
  every document (what each document cost before it was kept across documents; a process pays it once).
* Memory: single documents of --sizes MB, made by concatenating the corpus text, are extracted in a fresh
  child process each: tracemalloc peak (Python allocations) and the growth of VmHWM (RSS high-water mark).
  Then a stream: the corpus document by document, tracemalloc peak after 1, 2 and --mb MB processed.
* Assessment: assess(004, 001) with and without the 目标任务 column, and the national 2013 → 2014 pair.
"""

from __future__ import annotations

import argparse
import gc
import inspect
import json
import os
import re
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable

from _common import SAMPLES, machine, median, rss_kib, table, write_results

from duban.assess import assess
from duban.evaluate.assessment import without_task_column
from duban.extract import extract
from duban.lang.metrics import vocabulary
from duban.read import read_bytes, read_document
from duban.records import Document
from duban.segment import segment

BARE_SCAN = re.compile(r"\d+(?:\.\d+)?\s*(?:%|万|亿|个|家)")
MB = 1_000_000


def corpus() -> list[Document]:
    paths = sorted(SAMPLES.glob("*.txt")) + sorted((SAMPLES / "national").glob("*.txt"))
    return [read_document(p) for p in paths]


def repeated(docs: list[Document], mb: float) -> list[Document]:
    out: list[Document] = []
    size = 0
    while size < mb * MB:
        for d in docs:
            out.append(d)
            size += len(d.text.encode("utf-8"))
    return out


def lru_caches() -> list[Callable]:
    """Every functools cache of a duban module (loaders of word lists and vocabularies included)."""
    return [obj for name, mod in list(sys.modules.items()) if name.startswith("duban")
            for obj in vars(mod).values() if callable(obj) and hasattr(obj, "cache_info")]


def content_caches() -> list[Callable[[], None]]:
    """The clear() of every cache of document content: lru_caches of functions with arguments (a function of
    no argument is a loader: the vocabulary, the gazetteer), and the vocabulary's memo of metric phrases."""
    caches = [c for c in lru_caches() if inspect.signature(c).parameters]
    return [*(c.cache_clear for c in caches), vocabulary().cache_clear]


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, list[float]]:
    runs = []
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return median(runs), runs


def throughput(docs: list[Document], repeat: int) -> dict:
    chars = sum(len(d.text) for d in docs)
    caches = lru_caches()
    content = content_caches()

    def scan() -> int:
        return sum(1 for d in docs for _ in BARE_SCAN.finditer(d.text))

    def seg() -> None:
        for d in docs:
            segment(d)

    def ext() -> None:
        for d in docs:
            extract(d)

    def ext_cold() -> None:
        for d in docs:
            for clear in content:
                clear()
            extract(d)

    def ext_reload() -> None:
        for d in docs:
            for c in caches:
                c.cache_clear()
            extract(d)

    figures = scan()
    out: dict = {"documents": len(docs), "chars": chars, "utf8_bytes": sum(len(d.text.encode()) for d in docs),
                 "bare_scan_figures": figures, "bare_scan_regex": BARE_SCAN.pattern, "repeat": repeat}
    stages = (("bare_scan", scan), ("segment", seg), ("extract", ext), ("extract_cold_caches", ext_cold),
              ("extract_reload_vocabulary", ext_reload))
    for name, fn in stages:
        med, runs = timed(fn, repeat)
        out[name] = {"seconds_median": med, "seconds_runs": runs, "chars_per_s": chars / med}
        print(f"  {name}: {chars / med:,.0f} chars/s (median of {repeat}: {med:.2f} s)", flush=True)
    for name, _fn in stages[1:]:
        out[name]["ratio_to_bare_scan"] = out[name]["chars_per_s"] / out["bare_scan"]["chars_per_s"]
    return out


def memory_child(size_mb: float) -> dict:
    """Runs in a fresh process: extract one document of ``size_mb`` MB (UTF-8) made from the corpus."""
    pieces, size = [], 0
    docs = corpus()
    while size < size_mb * MB:
        for d in docs:
            pieces.append(d.text)
            size += len(d.text.encode("utf-8")) + 2
            if size >= size_mb * MB:
                break
    text = "\n\n".join(pieces)
    doc = Document(text=text, kind="work_plan", year=2024)
    gc.collect()
    rss0, hwm0 = rss_kib(os.getpid())
    t0 = time.perf_counter()
    ex = extract(doc)
    took = time.perf_counter() - t0
    n_targets = len(ex.targets)
    del ex
    gc.collect()
    _rss1, hwm1 = rss_kib(os.getpid())
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    extract(doc)
    peak = tracemalloc.get_traced_memory()[1] - base
    tracemalloc.stop()
    return {"mb": size_mb, "chars": len(text), "utf8_bytes": len(text.encode()), "targets": n_targets,
            "seconds": took, "tracemalloc_peak_bytes": peak, "peak_bytes_per_char": peak / len(text),
            "rss_before_kib": rss0, "hwm_growth_kib": hwm1 - hwm0}


def memory_by_size(sizes: list[float]) -> list[dict]:
    out = []
    for s in sizes:
        proc = subprocess.run([sys.executable, __file__, "--_memory-child", str(s)], capture_output=True, text=True,
                              check=True)
        row = json.loads(proc.stdout.strip().splitlines()[-1])
        out.append(row)
        print(f"  {s} MB: peak {row['tracemalloc_peak_bytes'] / 2**20:.0f} MiB "
              f"({row['peak_bytes_per_char']:.0f} B/char), {row['seconds']:.1f} s", flush=True)
    return out


def memory_stream(docs: list[Document], marks: list[float]) -> list[dict]:
    """Extract document by document, keeping nothing: tracemalloc peak after each mark (MB processed)."""
    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    out, done, todo = [], 0, sorted(marks)
    for n, d in enumerate(docs, 1):
        extract(d)
        done += len(d.text.encode("utf-8"))
        while todo and done >= todo[0] * MB:
            cur, peak = tracemalloc.get_traced_memory()
            out.append({"mb_processed": todo.pop(0), "documents": n, "tracemalloc_peak_bytes": peak - base,
                        "retained_bytes": cur - base})
    tracemalloc.stop()
    return out


def assessment(repeat: int) -> list[dict]:
    plan = read_document(SAMPLES / "004_895883010a6915ba.txt")
    comp = read_document(SAMPLES / "001_4d200cc9c1cf9e8d.txt")
    no_task = read_bytes(without_task_column(comp.text).encode("utf-8"), name="001-no-task.txt")
    n13 = read_document(SAMPLES / "national" / "gwr-national-2013.txt")
    n14 = read_document(SAMPLES / "national" / "gwr-national-2014.txt")
    out = []
    cases = (("004 → 001 (目标任务 | 完成情况 table)", plan, comp), ("004 → 001 without 目标任务", plan, no_task),
             ("national 2013 → 2014 review", n13, n14))
    for name, p, c in cases:
        items = len(assess(p, c).items)  # warm-up, and the item count
        med, runs = timed(lambda p=p, c=c: assess(p, c), repeat)
        out.append({"pair": name, "items": items, "seconds_per_pair_median": med, "seconds_runs": runs,
                    "pairs_per_s": 1 / med, "items_per_s": items / med,
                    "chars": len(p.text) + len(c.text), "chars_per_s": (len(p.text) + len(c.text)) / med})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=5.0, help="corpus size in MB of UTF-8 text (default 5)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per timing; the median is reported (default 3)")
    ap.add_argument("--sizes", default="0.5,1,2,4,8", help="single-document sizes for the memory test (MB)")
    ap.add_argument("--quick", action="store_true", help="--mb 1 --repeat 1 --sizes 0.5,1 (a smoke run)")
    ap.add_argument("--_memory-child", dest="memory_child", type=float, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.memory_child is not None:
        print(json.dumps(memory_child(args.memory_child)))
        return
    if args.quick:
        args.mb, args.repeat, args.sizes = 1.0, 1, "0.5,1"
    info = machine()
    print(f"{info['cpu_model']} × {info['cpu_count']}, Python {info['python']}, {info['date']}")
    base = corpus()
    docs = repeated(base, args.mb)
    print(f"\ncorpus: {len(base)} samples × {len(docs) // len(base)} = {len(docs)} documents, "
          f"{sum(len(d.text) for d in docs):,} chars", flush=True)
    tp = throughput(docs, args.repeat)
    scan = tp["bare_scan"]["chars_per_s"]
    table(["stage", "chars/s", "MB/s (UTF-8)", "÷ bare scan", "s (median)"],
          [[name, tp[name]["chars_per_s"], tp["utf8_bytes"] / tp[name]["seconds_median"] / MB,
            f"1/{scan / tp[name]['chars_per_s']:.0f}" if name != "bare_scan" else "1",
            tp[name]["seconds_median"]]
           for name in ("bare_scan", "segment", "extract", "extract_cold_caches", "extract_reload_vocabulary")],
          title=f"throughput over {tp['chars']:,} chars (median of {args.repeat} runs; goal extract ≥ 1/20 of scan)")
    print("\nmemory by document size (each in a fresh process):", flush=True)
    sizes = memory_by_size([float(s) for s in args.sizes.split(",")])
    table(["size MB", "chars", "targets", "peak MiB", "B/char", "HWM growth MiB", "s", "chars/s"],
          [[f"{r['mb']:g}", r["chars"], r["targets"], r["tracemalloc_peak_bytes"] / 2**20, r["peak_bytes_per_char"],
            r["hwm_growth_kib"] / 1024, r["seconds"], r["chars"] / r["seconds"]] for r in sizes],
          title="extract() of one document: tracemalloc peak and RSS high-water growth")
    stream = memory_stream(docs, sorted({1.0, 2.0, args.mb}))
    table(["MB processed", "peak MiB", "retained MiB"],
          [[r["mb_processed"], r["tracemalloc_peak_bytes"] / 2**20, r["retained_bytes"] / 2**20] for r in stream],
          title="a stream of documents, one at a time: peak stays that of the largest document")
    pairs = assessment(args.repeat)
    table(["pair", "items", "s/pair (median)", "pairs/s", "items/s"],
          [[r["pair"], r["items"], r["seconds_per_pair_median"], r["pairs_per_s"], r["items_per_s"]] for r in pairs],
          title=f"assessment (read once; locate/link/judge, median of {args.repeat})")
    write_results("extract_throughput", {"machine": info, "args": vars(args), "throughput": tp,
                                         "memory_by_size": sizes, "memory_stream": stream, "assessment": pairs})


if __name__ == "__main__":
    main()
