"""Page and API latency of `duban serve` with a 100,000-target ledger under concurrent load on loopback.

    .venv/bin/python benchmarks/page_times.py [--db sqlite:////tmp/duban-pages.sqlite] [--targets 100000]
        [--concurrency 1,8] [--duration 20] [--repeat 3] [--workers 1] [--rebuild]

* The ledger (--db) is reused when it holds --targets targets; otherwise synthetic plans (from samples 004 and
  000) and completion tables (001) are made by synthetic_corpus.py and ingested (--jobs 2) until it does.
* `python -m duban serve` runs on 127.0.0.1 on a free port; a second process (this script with --_client)
  sends requests from --concurrency threads (httpx, keep-alive) for --duration seconds, --repeat times,
  picking a route at random: the dashboard, the ledger (plain, by status, by flag, a text search, a random
  page, sorted by status), target pages, document pages and their /api twins. Per-request latency is
  measured with time.perf_counter() in the client; bounded in time and count, loopback only.
* Routes whose p95 is above the goal (150 ms) are profiled in-process afterwards: one request under
  cProfile and the SQL it runs (with EXPLAIN QUERY PLAN of its slowest statement on SQLite).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import random
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from _common import machine, median, percentile, serve, table, write_results
from sqlalchemy import create_engine, event, text
from synthetic_corpus import generate

GOAL_MS = 150.0
KINDS = ("004", "001", "000")
WORDS = ("建设", "推进", "产业", "服务", "改造")


def ensure_ledger(url: str, want: int, corpus: Path, rebuild: bool) -> int:
    from duban.ingest import ingest
    from duban.store import Database

    db = Database(url)
    have = _count(url)
    n = max(24, want // 250)  # ≈ 250 targets per document of this mix
    while rebuild or have < want:
        rebuild = False
        print(f"ledger has {have:,} targets; ingesting {n} synthetic documents …", flush=True)
        generate(corpus, n, kinds=KINDS)
        t0 = time.perf_counter()
        ingest([corpus], db, jobs=2)
        have = _count(url)
        print(f"  {have:,} targets after {time.perf_counter() - t0:.0f} s", flush=True)
        n = int(n * want / max(have, 1) * 1.05) + 1  # the corpus is a deterministic prefix: only new ones load
    db.dispose()
    return have


def _count(url: str) -> int:
    eng = create_engine(url)
    try:
        with eng.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM targets")).scalar() or 0)
    except Exception:
        return 0
    finally:
        eng.dispose()


def fixtures(url: str) -> dict:
    eng = create_engine(url)
    with eng.connect() as conn:
        ids = [r[0] for r in conn.execute(text("SELECT id FROM targets ORDER BY random() LIMIT 5000"))]
        docs = [r[0] for r in conn.execute(text("SELECT id FROM documents"))]
        statuses = [r[0] for r in conn.execute(text("SELECT DISTINCT status FROM targets"))]
        total = int(conn.execute(text("SELECT count(*) FROM targets")).scalar() or 0)
        flags = sorted({f for (mf,) in conn.execute(text("SELECT DISTINCT machine_flags FROM targets"))
                        for f in (mf or "").split(",") if f})
    eng.dispose()
    return {"target_ids": ids, "documents": docs, "statuses": statuses, "flags": flags, "pages": total // 50,
            "total": total}


def routes(fx: dict, rng: random.Random) -> dict[str, str]:
    """One URL per route name (random parameters)."""
    ledger = {
        "ledger": "", "ledger?status": f"status={rng.choice(fx['statuses'])}",
        "ledger?flag": f"flag={rng.choice(fx['flags'] or ['estimate'])}", "ledger?q": f"q={rng.choice(WORDS)}",
        "ledger?page": f"page={rng.randint(1, max(1, fx['pages']))}",
        "ledger?sort=status": f"sort=status&page={rng.randint(1, max(1, fx['pages']))}",
    }
    out = {"dashboard": "/", "api/dashboard": "/api/dashboard"}
    for name, qs in ledger.items():
        out[name] = "/ledger" + ("?" + qs if qs else "")
        out["api/targets" + name[len("ledger"):]] = "/api/targets" + ("?" + qs if qs else "")
    tid, doc = rng.choice(fx["target_ids"]), rng.choice(fx["documents"])
    out.update({"target": f"/targets/{tid}", "api/target": f"/api/targets/{tid}", "document": f"/documents/{doc}",
                "api/document": f"/api/documents/{doc}"})
    return out


WEIGHTS = {"target": 3, "api/target": 2, "document": 1.5, "api/document": 1}


def client(cfg: dict) -> dict:
    """Runs in the load process: --concurrency threads, each with its own keep-alive connection."""
    deadline = time.perf_counter() + cfg["duration"]
    fx = cfg["fixtures"]

    def worker(n: int) -> list[tuple[str, float, int, int]]:
        rng = random.Random(cfg["seed"] * 100 + n)
        out = []
        with httpx.Client(base_url=cfg["base"], timeout=60) as http:
            while time.perf_counter() < deadline and len(out) < cfg["max_requests"]:
                urls = routes(fx, rng)
                names = [k for k in urls if k not in cfg.get("exclude", [])]
                name = rng.choices(names, [WEIGHTS.get(k, 1) for k in names])[0]
                t0 = time.perf_counter()
                r = http.get(urls[name])
                body = r.content
                out.append((name, (time.perf_counter() - t0) * 1000, r.status_code, len(body)))
        return out

    t0 = time.perf_counter()
    with ThreadPoolExecutor(cfg["concurrency"]) as pool:
        results = [x for part in pool.map(worker, range(cfg["concurrency"])) for x in part]
    return {"elapsed_s": time.perf_counter() - t0, "requests": results}


def stats(reqs: list, elapsed: float) -> dict:
    ms = [r[1] for r in reqs]
    return {"requests": len(reqs), "errors": sum(1 for r in reqs if r[2] >= 400), "rps": len(reqs) / elapsed,
            "p50_ms": percentile(ms, 50), "p95_ms": percentile(ms, 95), "p99_ms": percentile(ms, 99),
            "max_ms": max(ms, default=float("nan")), "mean_kib": sum(r[3] for r in reqs) / max(1, len(reqs)) / 1024}


def diagnose(url: str, path: str) -> dict:
    """One request in-process: cProfile top 15 and the SQL statements with their times."""
    import fastapi.routing as fastapi_routing
    from fastapi.testclient import TestClient

    from duban.settings import Settings
    from duban.store import Database
    from duban.web.app import create_app

    db = Database(url)
    statements: list[tuple[float, str, object]] = []

    @event.listens_for(db.engine, "before_cursor_execute")
    def _before(conn, cursor, statement, params, context, many):
        conn.info["t0"] = time.perf_counter()

    @event.listens_for(db.engine, "after_cursor_execute")
    def _after(conn, cursor, statement, params, context, many):
        statements.append(((time.perf_counter() - conn.info["t0"]) * 1000, statement, params))

    with TestClient(create_app(db, Settings(database_url=db.url, public=True))) as tc:
        tc.get(path)
        times = []
        for _ in range(3):
            statements.clear()
            t0 = time.perf_counter()
            tc.get(path)
            times.append((time.perf_counter() - t0) * 1000)
        took = median(times)
        last = list(statements)  # the SQL of the last timed request
        prof = cProfile.Profile()
        original = fastapi_routing.run_in_threadpool

        async def in_loop_thread(func, *a, **kw):  # profile the endpoint where it runs (not in a pool thread)
            return prof.runcall(func, *a, **kw)

        fastapi_routing.run_in_threadpool = in_loop_thread
        try:
            tc.get(path)
        finally:
            fastapi_routing.run_in_threadpool = original
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(15)
    statements[:] = last
    slow = sorted(statements, key=lambda s: -s[0])
    plan: list[str] = []
    if slow and db.url.startswith("sqlite"):
        with db.engine.connect() as conn:
            stmt, params = slow[0][1], slow[0][2]
            plan = [str(r[-1]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + stmt, params)]
    db.dispose()
    return {"path": path, "ms_in_process": took, "sql_ms_total": sum(s[0] for s in statements),
            "statements": len(statements), "slowest_sql": [{"ms": round(s[0], 1), "sql": " ".join(s[1].split())[:400]}
                                                           for s in slow[:5]],
            "explain_query_plan_of_slowest": plan,
            "profile_top15": [ln.rstrip() for ln in buf.getvalue().splitlines() if ln.strip()][:32]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", default="sqlite:////tmp/duban-pages.sqlite")
    ap.add_argument("--targets", type=int, default=100_000)
    ap.add_argument("--corpus", type=Path, default=Path("/tmp/duban-pages-corpus"))
    ap.add_argument("--rebuild", action="store_true", help="ingest the corpus even if the ledger is big enough")
    ap.add_argument("--concurrency", default="1,8")
    ap.add_argument("--duration", type=float, default=20.0, help="seconds per run")
    ap.add_argument("--repeat", type=int, default=3, help="runs per concurrency level")
    ap.add_argument("--max-requests", type=int, default=20_000, help="per thread and run (a bound)")
    ap.add_argument("--workers", type=int, default=1, help="server processes (duban serve --workers)")
    ap.add_argument("--no-diagnose", action="store_true")
    ap.add_argument("--exclude", default="", help="route names to leave out of the mix, e.g. dashboard,api/dashboard")
    ap.add_argument("--label", default="", help="results go to page_times-LABEL.json")
    ap.add_argument("--_client", dest="client_cfg", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.client_cfg:
        cfg = json.loads(Path(args.client_cfg).read_text())
        Path(cfg["out"]).write_text(json.dumps(client(cfg)))
        return
    from duban.store.db import database_url

    url = database_url(args.db)
    info = machine()
    print(f"{info['cpu_model']} × {info['cpu_count']}, Python {info['python']}, {info['date']}")
    n_targets = ensure_ledger(url, args.targets, args.corpus, args.rebuild)
    fx = fixtures(url)
    print(f"ledger: {fx['total']:,} targets in {len(fx['documents'])} documents ({url})", flush=True)
    proc, base = serve(url, workers=args.workers)
    levels: dict[str, dict] = {}
    try:
        for conc in (int(c) for c in args.concurrency.split(",")):
            runs, pooled = [], []
            for rep in range(args.repeat):
                with tempfile.TemporaryDirectory() as tmp:
                    cfg = {"base": base, "fixtures": fx, "concurrency": conc, "duration": args.duration,
                           "exclude": [x for x in args.exclude.split(",") if x],
                           "seed": rep + 10 * conc, "max_requests": args.max_requests, "out": f"{tmp}/out.json"}
                    Path(f"{tmp}/cfg.json").write_text(json.dumps(cfg))
                    subprocess.run([sys.executable, __file__, "--_client", f"{tmp}/cfg.json"], check=True)
                    res = json.loads(Path(cfg["out"]).read_text())
                runs.append({**stats(res["requests"], res["elapsed_s"]),  # each run's routes too: run 1 starts cold
                             "routes": {name: stats([r for r in res["requests"] if r[0] == name], res["elapsed_s"])
                                        for name in sorted({r[0] for r in res["requests"]})}})
                pooled += res["requests"]
                print(f"  concurrency {conc}, run {rep + 1}: {runs[-1]['requests']} requests, "
                      f"{runs[-1]['rps']:.1f}/s, p95 {runs[-1]['p95_ms']:.0f} ms", flush=True)
            total_s = args.duration * args.repeat
            per_route = {name: stats([r for r in pooled if r[0] == name], total_s)
                         for name in sorted({r[0] for r in pooled})}
            levels[str(conc)] = {"runs": runs, "overall": stats(pooled, total_s), "routes": per_route,
                                 "median_of_runs": {k: median([r[k] for r in runs]) for k in ("rps", "p50_ms",
                                                                                              "p95_ms", "p99_ms")}}
            table(["route", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "KiB", "errors", "goal"],
                  [[name, s["requests"], s["rps"], s["p50_ms"], s["p95_ms"], s["p99_ms"], s["max_ms"], s["mean_kib"],
                    s["errors"], "ok" if s["p95_ms"] < GOAL_MS else "MISS"]
                   for name, s in [*per_route.items(), ("ALL", levels[str(conc)]["overall"])]],
                  title=f"concurrency {conc}: {args.repeat} runs × {args.duration:.0f} s pooled (goal p95 < 150 ms)")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    diagnoses = []
    top = levels[max(levels, key=int)]["routes"] if levels else {}
    slow_routes = [name for name, s in top.items() if s["p95_ms"] >= GOAL_MS]
    if slow_routes and not args.no_diagnose:
        rng = random.Random(1)
        for name in slow_routes:
            d = diagnose(url, routes(fx, rng)[name])
            diagnoses.append({"route": name, **d})
            print(f"\n{name} ({d['path']}): {d['ms_in_process']:.0f} ms in-process, {d['statements']} SQL statements "
                  f"taking {d['sql_ms_total']:.0f} ms; slowest: {d['slowest_sql'][0] if d['slowest_sql'] else '-'}")
            if d["explain_query_plan_of_slowest"]:
                print("  plan: " + " | ".join(d["explain_query_plan_of_slowest"]))
    ledger_info = {"url": url, "targets": n_targets, "documents": len(fx["documents"])}
    write_results("page_times" + (f"-{args.label}" if args.label else ""), {
        "machine": info, "args": {k: str(v) for k, v in vars(args).items()}, "ledger": ledger_info,
        "goal_p95_ms": GOAL_MS, "levels": levels, "slow_routes": slow_routes, "diagnoses": diagnoses})


if __name__ == "__main__":
    main()
