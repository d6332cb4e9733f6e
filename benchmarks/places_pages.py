"""Page and API latency of the places pages (jurisdictions, series, goals, carry-over, metrics, comparisons,
panels) of `duban serve` with a 100,000-target ledger, measured from a client on loopback.

    .venv/bin/python benchmarks/places_pages.py [--db sqlite:////tmp/duban-places-bench.sqlite]
        [--targets 100000] [--samples 40] [--rebuild]

* The ledger (--db) is reused when it holds --targets targets; otherwise a synthetic corpus (every template of
  synthetic_corpus.py: district plans, completion tables and five-year goals, county plans and work reports,
  2019–2026, invented place names) is made and ingested (--jobs 2) until it does. Many places, eight years
  each: the series, goals and carry-over pages have real work to do.
* `python -m duban serve` runs on 127.0.0.1; this process sends requests one at a time (httpx, keep-alive).
  For each route, --samples different URLs (random place, metric, year …) are each requested twice: the
  first request is *cold* (nothing of it remembered yet: the server computes the page), the second *warm*
  (remembered per data version). p50/p95/max are reported for both, and the goal is p95 < 150 ms cold. The
  server's own CPU time per cold request (/proc/<pid>/task/*/schedstat) is reported beside the wall time: on
  a shared machine the difference is time spent waiting for a core.
* Before measuring, the server gets requests of every route on other URLs (its first request of a kind
  compiles templates and SQL statements and loads the word lists, once per process).
* Bounded in count and time, loopback only.
"""

from __future__ import annotations

import argparse
import contextlib
import random
import time
from pathlib import Path

import httpx
from _common import machine, percentile, serve, table, write_results
from sqlalchemy import create_engine, text
from synthetic_corpus import generate

GOAL_MS = 150.0


def ensure_ledger(url: str, want: int, corpus: Path, rebuild: bool) -> int:
    from duban.ingest import ingest
    from duban.store import Database

    db = Database(url)
    have = _scalar(url, "SELECT count(*) FROM targets")
    n = max(40, want // 200)
    while rebuild or have < want:
        rebuild = False
        print(f"ledger has {have:,} targets; ingesting {n} synthetic documents …", flush=True)
        generate(corpus, n)
        t0 = time.perf_counter()
        ingest([corpus], db, jobs=2)
        have = _scalar(url, "SELECT count(*) FROM targets")
        print(f"  {have:,} targets after {time.perf_counter() - t0:.0f} s", flush=True)
        n = int(n * want / max(have, 1) * 1.05) + 1
    db.dispose()
    return have


def _scalar(url: str, sql: str) -> int:
    eng = create_engine(url)
    try:
        with eng.connect() as conn:
            return int(conn.execute(text(sql)).scalar() or 0)
    except Exception:
        return 0
    finally:
        eng.dispose()


def fixtures(url: str) -> dict:
    eng = create_engine(url)
    with eng.connect() as conn:
        places = [r[0] for r in conn.execute(text(
            "SELECT DISTINCT jurisdiction_id FROM document_places WHERE jurisdiction_id IS NOT NULL"))]
        metrics = [r[0] for r in conn.execute(text(
            "SELECT i.metric_id FROM indicators i JOIN targets t ON t.id = i.target_id WHERE t.tier = 'headline' "
            "AND i.metric_id IS NOT NULL GROUP BY i.metric_id ORDER BY count(*) DESC LIMIT 12"))]
        years = [r[0] for r in conn.execute(text(
            "SELECT DISTINCT year FROM document_places WHERE year IS NOT NULL ORDER BY year"))]
        docs = [r[0] for r in conn.execute(text("SELECT document_id FROM document_places LIMIT 2000"))]
        targets = _scalar(url, "SELECT count(*) FROM targets")
    eng.dispose()
    return {"places": places, "metrics": metrics, "years": years, "documents": docs, "targets": targets}


def urls(fx: dict, rng: random.Random) -> dict[str, str]:
    place, metric = rng.choice(fx["places"]), rng.choice(fx["metrics"])
    year = rng.choice(fx["years"][:-1] or fx["years"])
    return {
        "places": "/places", "api/places": "/api/places",
        "place": f"/places/{place}", "api/place": f"/api/places/{place}",
        "series": f"/places/{place}/metrics/{metric}", "api/series": f"/api/places/{place}/metrics/{metric}",
        "carryover": f"/places/{place}/carryover/{year}", "api/carryover": f"/api/places/{place}/carryover/{year}",
        "metrics": "/metrics", "metric": f"/metrics/{metric}", "api/metric": f"/api/metrics/{metric}",
        "compare": f"/compare?metric={metric}&year={year}", "api/compare": f"/api/compare?metric={metric}&year={year}",
        "panel.csv": f"/export/panel.csv?metric={metric}",
        "document place": f"/documents/{rng.choice(fx['documents'])}/place",
    }


def cpu_ms(pid: int) -> float:
    """CPU time the server process has used (all its threads), from /proc/<pid>/task/*/schedstat (ns)."""
    total = 0
    for stat in Path(f"/proc/{pid}/task").glob("*/schedstat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            total += int(stat.read_text().split()[0])
    return total / 1e6


def measure(base: str, fx: dict, samples: int, pid: int, seed: int = 1) -> dict[str, dict]:
    rng = random.Random(seed)
    plan: dict[str, list[str]] = {}
    for _ in range(samples * 4):
        for name, u in urls(fx, rng).items():
            bucket = plan.setdefault(name, [])
            if len(bucket) < samples and u not in bucket:
                bucket.append(u)
    out: dict[str, dict] = {}
    deadline = time.perf_counter() + 1800
    with httpx.Client(base_url=base, timeout=120) as http:
        # one request per route on URLs outside the sample: the server's first request of a kind compiles its
        # templates and SQL statements and loads word lists, once per process — not what a page costs
        warm_rng = random.Random(seed + 1000)
        for _ in range(20):
            for name, u in urls(fx, warm_rng).items():
                if u not in plan.get(name, []):
                    http.get(u)
        for name, paths in plan.items():
            cold, warm, cold_cpu, errors = [], [], [], 0
            for path in paths:
                if time.perf_counter() > deadline:
                    break
                for bucket in (cold, warm):
                    c0, t0 = cpu_ms(pid), time.perf_counter()
                    r = http.get(path)
                    _ = r.content
                    bucket.append((time.perf_counter() - t0) * 1000)
                    if bucket is cold:
                        cold_cpu.append(cpu_ms(pid) - c0)
                    errors += r.status_code >= 400
            out[name] = {"urls": len(cold), "errors": errors,
                         "cold_p50_ms": percentile(cold, 50), "cold_p95_ms": percentile(cold, 95),
                         "cold_max_ms": max(cold, default=float("nan")),
                         "cold_cpu_p50_ms": percentile(cold_cpu, 50), "cold_cpu_p95_ms": percentile(cold_cpu, 95),
                         "slowest_cold": sorted(zip(cold, cold_cpu, paths, strict=False), reverse=True)[:3],
                         "warm_p50_ms": percentile(warm, 50), "warm_p95_ms": percentile(warm, 95)}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", default="sqlite:////tmp/duban-places-bench.sqlite")
    ap.add_argument("--targets", type=int, default=100_000)
    ap.add_argument("--corpus", type=Path, default=Path("/tmp/duban-places-corpus"))
    ap.add_argument("--samples", type=int, default=40, help="distinct URLs per route")
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--label", default="")
    args = ap.parse_args()
    from duban.store.db import database_url

    url = database_url(args.db)
    info = machine()
    print(f"{info['cpu_model']} × {info['cpu_count']}, Python {info['python']}, {info['date']}")
    n_targets = ensure_ledger(url, args.targets, args.corpus, args.rebuild)
    fx = fixtures(url)
    print(f"ledger: {fx['targets']:,} targets, {len(fx['places'])} places, years {fx['years']}", flush=True)
    proc, base = serve(url)
    try:
        routes = measure(base, fx, args.samples, proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    table(["route", "URLs", "cold p50", "cold p95", "cold max", "cold CPU p50", "cold CPU p95", "warm p50", "warm p95",
           "errors", "goal"],
          [[n, s["urls"], s["cold_p50_ms"], s["cold_p95_ms"], s["cold_max_ms"], s["cold_cpu_p50_ms"],
            s["cold_cpu_p95_ms"], s["warm_p50_ms"], s["warm_p95_ms"], s["errors"],
            "ok" if s["cold_p95_ms"] < GOAL_MS else "MISS"] for n, s in routes.items()],
          title="places pages, one request at a time (ms; goal p95 < 150 ms cold; CPU: the server's own time)")
    write_results("places_pages" + (f"-{args.label}" if args.label else ""), {
        "machine": info, "args": {k: str(v) for k, v in vars(args).items()},
        "ledger": {"url": url, "targets": n_targets, "places": len(fx["places"]), "years": fx["years"]},
        "goal_p95_ms": GOAL_MS, "routes": routes})


if __name__ == "__main__":
    main()
