"""Time and server memory of large ledger exports (`/export/targets.xlsx|csv` of every target), one at a time and
six at once, against `duban serve` on loopback.

    .venv/bin/python benchmarks/export_times.py [--db sqlite:////tmp/duban-export.sqlite] [--targets 86000]
        [--formats xlsx,csv] [--parallel 6] [--src PATH] [--label after]

* The ledger (--db) is built like page_times.py's (synthetic plans and completion tables ingested until it holds
  --targets targets) and reused afterwards.
* `python -m duban serve` runs on a free port of 127.0.0.1 (one process); with --src the server imports duban from
  that source folder instead (e.g. `git archive HEAD` unpacked elsewhere: the code before a change).
* Measured in this process: each request's wall time and size; the server's RSS sampled from /proc every 0.1 s
  (peak growth over the RSS before the request) and the CPU time it used (user + system, all threads: less
  sensitive than wall time to other jobs on a shared machine). Per format: one export (cold), the same export
  again (warm: the cached file where there is a cache), then --parallel identical requests at once, then
  --parallel requests that differ (each its own sort order, none the default, so no two share a cached file).
  Bounded: every request has a 900 s timeout.
"""

from __future__ import annotations

import argparse
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from _common import machine, rss_kib, serve, table, write_results
from page_times import _count, ensure_ledger

SORTS = ("status", "year", "section", "kind", "status&desc=1", "year&desc=1")  # none is the default order


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (all its threads) so far, from /proc/PID/stat."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class RssSampler:
    """Peak VmRSS of a process while the block runs (sampled every 0.1 s), and the CPU time it used."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak = 0
        self.start = 0
        self._stop = threading.Event()

    def __enter__(self) -> RssSampler:
        self.start = self.peak = rss_kib(self.pid)[0]
        self.cpu = -cpu_seconds(self.pid)
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.wait(0.1):
            self.peak = max(self.peak, rss_kib(self.pid)[0])

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_kib(self.pid)[0])
        self.cpu += cpu_seconds(self.pid)


def fetch(base: str, path: str) -> dict:
    t0 = time.perf_counter()
    with httpx.Client(base_url=base, timeout=900) as http:
        r = http.get(path)
        body = r.content
    return {"path": path, "status": r.status_code, "s": time.perf_counter() - t0, "bytes": len(body)}


def batch(base: str, pid: int, paths: list[str]) -> dict:
    with RssSampler(pid) as rss:
        t0 = time.perf_counter()
        with ThreadPoolExecutor(len(paths)) as pool:
            results = list(pool.map(lambda p: fetch(base, p), paths))
        wall = time.perf_counter() - t0
    ok = [r for r in results if r["status"] == 200]
    return {"wall_s": wall, "requests": results, "ok": len(ok), "refused_429": sum(r["status"] == 429 for r in results),
            "max_s": max(r["s"] for r in results), "ok_max_s": max((r["s"] for r in ok), default=None),
            "refused_max_s": max((r["s"] for r in results if r["status"] == 429), default=None),
            "server_cpu_s": rss.cpu, "load_average": os.getloadavg()[0],
            "rss_start_mib": rss.start / 1024, "rss_peak_mib": rss.peak / 1024,
            "rss_growth_mib": (rss.peak - rss.start) / 1024, "bytes": max((r["bytes"] for r in ok), default=0)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", default="sqlite:////tmp/duban-export.sqlite")
    ap.add_argument("--targets", type=int, default=86_000)
    ap.add_argument("--corpus", type=Path, default=Path("/tmp/duban-export-corpus"))
    ap.add_argument("--formats", default="xlsx,csv")
    ap.add_argument("--parallel", type=int, default=6)
    ap.add_argument("--src", type=Path, default=None, help="import duban from this source folder in the server")
    ap.add_argument("--label", default="", help="results go to export_times-LABEL.json")
    args = ap.parse_args()
    from duban.store.db import database_url

    url = database_url(args.db)
    info = machine()
    n_targets = _count(url)  # a ledger big enough is used as it is (not even migrated: --src may be older code)
    if n_targets < args.targets:
        n_targets = ensure_ledger(url, args.targets, args.corpus, False)
    print(f"ledger: {n_targets:,} targets ({url}); server code: {args.src or 'this checkout'}", flush=True)
    proc, base = serve(url, src=args.src)
    results: dict[str, dict] = {}
    try:
        httpx.get(base + "/ledger", timeout=120)  # warm the per-version caches the page and exports share
        for fmt in args.formats.split(","):
            path = f"/export/targets.{fmt}"
            entry: dict[str, dict] = {}
            entry["single"] = batch(base, proc.pid, [path])
            entry["again"] = batch(base, proc.pid, [path])
            entry["parallel_same"] = batch(base, proc.pid, [path] * args.parallel)
            entry["parallel_distinct"] = batch(base, proc.pid, [f"{path}?sort={SORTS[i % len(SORTS)]}"
                                                                 for i in range(args.parallel)])
            results[fmt] = entry
            table(["export", "run", "wall s", "server CPU s", "ok", "429", "MiB", "RSS start MiB", "RSS peak MiB",
                   "load"],
                  [[path, k, v["wall_s"], v["server_cpu_s"], v["ok"], v["refused_429"], v["bytes"] / 2**20,
                    v["rss_start_mib"], v["rss_peak_mib"], v["load_average"]] for k, v in entry.items()],
                  title=f"{fmt}: {n_targets:,} targets")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    write_results("export_times" + (f"-{args.label}" if args.label else ""), {
        "machine": info, "args": {k: str(v) for k, v in vars(args).items()},
        "ledger": {"url": url, "targets": n_targets}, "results": results})


if __name__ == "__main__":
    main()
