"""Time `duban ingest FOLDER --jobs 2` on a synthetic corpus into a fresh database, watching memory.

    .venv/bin/python benchmarks/ingest_scale.py [--docs 10000] [--corpus /tmp/duban-synth] [--jobs 2]
        [--db sqlite:////tmp/duban-ingest-bench.sqlite | --db postgresql://postgres@127.0.0.1:5432/duban_bench]
        [--cluster local:2] [--src /tmp/duban-before/src --label before] [--profile 60]

The corpus is made by synthetic_corpus.py (reused when its MANIFEST matches --docs and --seed). The ingest
runs as a subprocess (`python -m duban ingest … --json`); every --interval seconds this script reads VmRSS
of the process and of its worker processes from /proc, and every few seconds counts the documents and
runs stored so far (which shows the two phases: read+extract, then pair+assess). A PostgreSQL database
named in --db is dropped and created first, and dropped again afterwards (unless --keep).
--profile N: also run ingest() in-process with jobs=1 on the first N documents under cProfile (top 25 by
cumulative time). --cluster local:2 runs `duban ingest --cluster local:2` (Dask) instead of --jobs.
--src DIR runs the ingest from another checkout's src/ (PYTHONPATH), e.g. a copy of the code before a change.
CPU seconds are counted too (user + system of the ingest and every process it waited for, and of the
PostgreSQL server: its processes and the backends it reaped), since wall time on a shared machine depends on
what else runs. Results are merged into benchmarks/results/ingest_scale.json under
"<backend>-<docs>[-cluster][-<label>]".
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import json
import os
import pstats
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import RESULTS, children, cmdline, machine, rss_kib, table, write_results
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from synthetic_corpus import generate

from duban.store.db import database_url

TABLES = ("documents", "sections", "targets", "indicators", "measurements", "runs", "items", "verdicts")


def ensure_corpus(folder: Path, docs: int, seed: int) -> dict:
    manifest = folder / "MANIFEST.json"
    if manifest.exists():
        m = json.loads(manifest.read_text(encoding="utf-8"))
        if m.get("documents") == docs and m.get("seed") == seed and len(m.get("kinds", [])) == 5:
            print(f"reusing the corpus in {folder}")
            return m
    print(f"generating {docs} documents into {folder} …", flush=True)
    return generate(folder, docs, seed)


def fresh_database(url: str) -> str:
    url = database_url(url)
    if url.startswith("sqlite"):
        path = Path(make_url(url).database or "")
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        return url
    u = make_url(url)
    admin = create_engine(u.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{u.database}"'))
        conn.execute(text(f'CREATE DATABASE "{u.database}"'))
    admin.dispose()
    return url


def drop_database(url: str) -> None:
    u = make_url(url)
    if u.get_backend_name() != "postgresql":
        return
    admin = create_engine(u.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{u.database}" WITH (FORCE)'))
    admin.dispose()


def count(engine, tables: tuple[str, ...]) -> dict[str, int]:
    out = {}
    with engine.connect() as conn:
        for t in tables:
            try:
                out[t] = int(conn.execute(text(f"SELECT count(*) FROM {t}")).scalar() or 0)
            except Exception:  # the schema is not there yet
                conn.rollback()
                out[t] = 0
    return out


def _ticks(pid: int, children_too: bool = False) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0
    return int(fields[11]) + int(fields[12]) + (int(fields[13]) + int(fields[14]) if children_too else 0)


def postgres_cpu_s() -> float:
    """CPU seconds used so far by the PostgreSQL server on this machine: its live processes, and the
    exited backends its postmaster reaped (other clients of the same server count too: approximate)."""
    total = 0
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                comm = Path(f"/proc/{d}/comm").read_text().strip()
            except OSError:
                continue
            if comm == "postgres":
                total += _ticks(int(d), children_too=True)
    return total / os.sysconf("SC_CLK_TCK")


def run_ingest(corpus: Path, url: str, jobs: int, interval: float, log: Path, cluster: str | None = None,
               src: Path | None = None) -> dict:
    cmd = [sys.executable, "-m", "duban", "ingest", str(corpus), "--db", url, "--json"]
    cmd += ["--cluster", cluster] if cluster else ["--jobs", str(jobs)]
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    engine = create_engine(url)
    peaks: dict[int, dict] = {}
    samples: list[dict] = []
    progress: list[dict] = []
    with open(log, "w") as err, tempfile.TemporaryFile("w+") as out:
        usage0, pg0 = resource.getrusage(resource.RUSAGE_CHILDREN), postgres_cpu_s()
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env)
        last_count = 0.0
        while proc.poll() is None:
            time.sleep(interval)
            t = time.perf_counter() - t0
            kids = [k for k in children(proc.pid) if "duban" in cmdline(k) or "python" in cmdline(k)]
            row = {"t": round(t, 1), "parent_kib": rss_kib(proc.pid)[0], "workers_kib": {}}
            for pid in [proc.pid, *kids]:
                rss, hwm = rss_kib(pid)
                if rss:
                    p = peaks.setdefault(pid, {"role": "parent" if pid == proc.pid else "worker", "rss_kib": 0,
                                               "hwm_kib": 0})
                    p["rss_kib"], p["hwm_kib"] = max(p["rss_kib"], rss), max(p["hwm_kib"], hwm)
                    if pid != proc.pid:
                        row["workers_kib"][str(pid)] = rss
            samples.append(row)
            if t - last_count >= 5:
                last_count = t
                with contextlib.suppress(Exception):
                    progress.append({"t": round(t, 1), **count(engine, ("documents", "runs"))})
        wall = time.perf_counter() - t0
        usage1, pg1 = resource.getrusage(resource.RUSAGE_CHILDREN), postgres_cpu_s()
        cpu = {"ingest_cpu_s": usage1.ru_utime + usage1.ru_stime - usage0.ru_utime - usage0.ru_stime,
               "postgres_cpu_s": pg1 - pg0 if make_url(url).get_backend_name() == "postgresql" else 0.0}
        out.seek(0)
        stdout = out.read()
    final = count(engine, TABLES)
    engine.dispose()
    try:
        report = json.loads(stdout[stdout.index("{"):])
    except ValueError:
        report = {"raw": stdout[-2000:]}
    return {"command": " ".join(cmd), "returncode": proc.returncode, "wall_s": wall, "counts": final, **cpu,
            "report": {k: (len(v) if isinstance(v, list) else v) for k, v in report.items()},
            "peaks": list(peaks.values()), "samples": samples, "progress": progress}


def summarise(res: dict, docs: int) -> dict:
    samples, progress = res["samples"], res["progress"]
    extracted_at = next((p["t"] for p in progress if p["documents"] >= res["counts"]["documents"]), None)
    by_fraction = []
    for frac in (0.1, 0.25, 0.5, 0.75, 0.95):
        if samples:
            s = samples[min(len(samples) - 1, int(frac * len(samples)))]
            by_fraction.append({"fraction": frac, "t": s["t"], "parent_mib": s["parent_kib"] / 1024,
                                "workers_mib": [v / 1024 for v in s["workers_kib"].values()]})
    workers = [p for p in res["peaks"] if p["role"] == "worker"]
    parent = next((p for p in res["peaks"] if p["role"] == "parent"), {"rss_kib": 0, "hwm_kib": 0})
    return {"documents": docs, "wall_s": res["wall_s"], "docs_per_s": docs / res["wall_s"],
            "ingest_cpu_s": res["ingest_cpu_s"], "postgres_cpu_s": res["postgres_cpu_s"],
            "workers": res["report"].get("workers"),
            "extract_phase_s_approx": extracted_at, "parent_peak_rss_mib": parent["hwm_kib"] / 1024,
            "worker_peak_rss_mib": sorted(p["hwm_kib"] / 1024 for p in workers), "rss_over_time": by_fraction}


def profile(corpus: Path, n: int) -> list[str]:
    from duban.ingest import ingest
    from duban.store import Database

    with tempfile.TemporaryDirectory() as tmp:
        sub = Path(tmp) / "docs"
        sub.mkdir()
        for f in sorted(corpus.glob("*.txt"))[:n]:
            shutil.copy(f, sub / f.name)
        db = Database(f"sqlite:///{tmp}/profile.sqlite")
        prof = cProfile.Profile()
        t0 = time.perf_counter()
        prof.runcall(ingest, [sub], db, jobs=1)
        took = time.perf_counter() - t0
        db.dispose()
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(25)
    lines = [ln.rstrip() for ln in buf.getvalue().splitlines() if ln.strip()]
    return [f"ingest() of {n} documents, jobs=1, under cProfile: {took:.1f} s", *lines]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--corpus", type=Path, default=Path("/tmp/duban-synth"))
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--cluster", default=None, help="ingest with --cluster (e.g. local:2) instead of --jobs")
    ap.add_argument("--src", type=Path, default=None, help="run the ingest from this src/ folder (PYTHONPATH)")
    ap.add_argument("--label", default="", help="suffix of the result key (e.g. before)")
    ap.add_argument("--db", default="sqlite:////tmp/duban-ingest-bench.sqlite", help="a database to (re)create")
    ap.add_argument("--interval", type=float, default=0.5, help="RSS sampling interval (s)")
    ap.add_argument("--keep", action="store_true", help="keep a PostgreSQL database afterwards")
    ap.add_argument("--profile", type=int, default=0, help="also cProfile ingest() of N documents (jobs=1)")
    ap.add_argument("--profile-only", action="store_true", help="only the --profile run (not the subprocess)")
    args = ap.parse_args()
    info = machine()
    print(f"{info['cpu_model']} × {info['cpu_count']}, Python {info['python']}, {info['date']}")
    manifest = ensure_corpus(args.corpus, args.docs, args.seed)
    if args.profile_only:
        lines = profile(args.corpus, args.profile)
        print("\n".join(lines))
        _merge(f"profile-{args.profile}", {"machine": info, "corpus": manifest, "profile": lines})
        return
    url = fresh_database(args.db)
    backend = make_url(url).get_backend_name()
    how = f"--cluster {args.cluster}" if args.cluster else f"--jobs {args.jobs}"
    print(f"ingesting {args.docs} documents ({manifest['chars'] / 1e6:.0f} M chars) into {backend}, {how}"
          f"{f' from {args.src}' if args.src else ''} …", flush=True)
    log = Path(tempfile.gettempdir()) / f"duban-ingest-bench-{backend}{'-cluster' if args.cluster else ''}.log"
    res = run_ingest(args.corpus, url, args.jobs, args.interval, log, args.cluster, args.src)
    if not args.keep:
        drop_database(url)
    summary = summarise(res, args.docs)
    table(["measure", "value"], [
        ["wall time (s)", res["wall_s"]], ["documents/s", summary["docs_per_s"]],
        ["CPU s (ingest and its workers)", res["ingest_cpu_s"]],
        ["CPU s (PostgreSQL server, approx.)", res["postgres_cpu_s"]],
        ["read+extract phase ends at (s, ±5)", summary["extract_phase_s_approx"] or "?"],
        ["parent peak RSS (MiB)", summary["parent_peak_rss_mib"]],
        ["worker peak RSS (MiB)", ", ".join(f"{x:.0f}" for x in summary["worker_peak_rss_mib"])],
        *[[f"{t} stored", n] for t, n in res["counts"].items()],
        ["exit code", res["returncode"]], ["failed files", res["report"].get("failed", "?")],
        ["warnings", res["report"].get("warnings", "?")],
    ], title=f"duban ingest of {args.docs} documents ({backend}, {how}); goal < 600 s, flat memory")
    if summary["workers"]:
        table(["worker", "documents", "pairs", "busy s", "documents/busy s", "pairs/busy s"],
              [[w, v["documents"], v["pairs"], v["busy_s"], v["documents"] / max(v["extract_s"], 1e-9),
                v["pairs"] / max(v["assess_s"], 1e-9)] for w, v in sorted(summary["workers"].items())],
              title="per worker (busy s: time inside tasks; throughput per second of its own work)")
    table(["at", "t (s)", "parent MiB", "workers MiB"],
          [[f"{r['fraction']:.0%}", r["t"], r["parent_mib"], " ".join(f"{w:.0f}" for w in r["workers_mib"])]
           for r in summary["rss_over_time"]], title="RSS over the run")
    entry = {"machine": info, "args": {k: str(v) for k, v in vars(args).items()}, "corpus": manifest,
             "summary": summary, "counts": res["counts"], "report": res["report"], "command": res["command"],
             "returncode": res["returncode"], "progress": res["progress"],
             "rss_samples_every_5s": res["samples"][:: max(1, int(5 / args.interval))], "stderr_log": str(log)}
    if args.profile:
        entry["profile"] = profile(args.corpus, args.profile)
        print("\n" + "\n".join(entry["profile"][:45]))
    key = f"{backend}-{args.docs}" + ("-cluster" if args.cluster else "") + (f"-{args.label}" if args.label else "")
    _merge(key, entry)


def _merge(key: str, entry: dict) -> None:
    path = RESULTS / "ingest_scale.json"
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    data.setdefault("runs", {})[key] = entry
    write_results("ingest_scale", data)


if __name__ == "__main__":
    main()
