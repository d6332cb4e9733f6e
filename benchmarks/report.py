"""Print the numbers of benchmarks/results/*.json as Markdown tables (the tables of docs/benchmarks.md).

    .venv/bin/python benchmarks/report.py > /tmp/tables.md
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from _common import RESULTS


def md(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    def cell(v: object) -> str:
        if isinstance(v, float):
            return f"{v:,.0f}" if abs(v) >= 100 else f"{v:.2f}" if abs(v) >= 1 else f"{v:.3f}"
        return f"{v:,}" if isinstance(v, int) else str(v).replace("|", "\\|")

    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" if i == 0 else "---:" for i in range(len(headers)))
             + "|"]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def load(name: str) -> dict | None:
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def machine_line(m: dict) -> str:
    return (f"{m['cpu_model']} × {m['cpu_count']}, {m.get('memory_gib')} GiB, Python {m['python']}, "
            f"{m['date']}, commit {m.get('git_commit') or '?'}")


def extraction(d: dict) -> None:
    tp = d["throughput"]
    print(f"### Extraction ({machine_line(d['machine'])})\n")
    print(f"{tp['documents']} documents, {tp['chars']:,} chars ({tp['utf8_bytes'] / 1e6:.1f} MB UTF-8), "
          f"median of {tp['repeat']} runs.\n")
    scan = tp["bare_scan"]["chars_per_s"]
    print(md(["stage", "chars/s", "÷ bare scan", "s (median)"],
             [[k, tp[k]["chars_per_s"], "1" if k == "bare_scan" else f"1/{scan / tp[k]['chars_per_s']:.0f}",
               tp[k]["seconds_median"]] for k in ("bare_scan", "segment", "extract", "extract_cold_caches")]))
    print("\n" + md(["document MB", "chars", "targets", "tracemalloc peak MiB", "bytes/char", "RSS HWM growth MiB",
                     "s", "chars/s"],
                    [[f"{r['mb']:g}", r["chars"], r["targets"], r["tracemalloc_peak_bytes"] / 2**20,
                      r["peak_bytes_per_char"], r["hwm_growth_kib"] / 1024, r["seconds"], r["chars"] / r["seconds"]]
                     for r in d["memory_by_size"]]))
    print("\n" + md(["MB processed (stream)", "documents", "tracemalloc peak MiB", "retained MiB"],
                    [[r["mb_processed"], r["documents"], r["tracemalloc_peak_bytes"] / 2**20,
                      r["retained_bytes"] / 2**20] for r in d["memory_stream"]]))
    print("\n" + md(["pair", "items", "s/pair (median)", "pairs/s", "items/s"],
                    [[r["pair"], r["items"], r["seconds_per_pair_median"], r["pairs_per_s"], r["items_per_s"]]
                     for r in d["assessment"]]) + "\n")


def ingest(d: dict) -> None:
    print("### Ingest\n")
    rows = []
    for key, r in d["runs"].items():
        if "summary" not in r:
            continue
        s, c = r["summary"], r["counts"]
        rows.append([key, r["machine"].get("git_commit", "?"), s["documents"], s["wall_s"], s["docs_per_s"],
                     s["extract_phase_s_approx"] or "?", s["parent_peak_rss_mib"],
                     " / ".join(f"{x:.0f}" for x in s["worker_peak_rss_mib"]), c["targets"], c["runs"], c["verdicts"]])
    print(md(["run", "commit", "documents", "wall s", "docs/s", "extract phase s", "parent peak MiB",
              "worker peak MiB", "targets", "runs", "verdicts"], rows))
    for key, r in d["runs"].items():
        if "summary" in r:
            print(f"\n{key}: RSS over the run (parent MiB / workers MiB): " + "; ".join(
                f"{x['fraction']:.0%} ({x['t']:.0f} s) {x['parent_mib']:.0f} / "
                + " ".join(f"{w:.0f}" for w in x["workers_mib"]) for x in r["summary"]["rss_over_time"]))
    print()


def pages(d: dict, title: str) -> None:
    led = d["ledger"]
    print(f"### {title} ({led['targets']:,} targets, {led['documents']} documents; {machine_line(d['machine'])})\n")
    levels = d["levels"]
    names = sorted({n for lvl in levels.values() for n in lvl["routes"]})
    headers = ["route"] + [f"c={c} {k}" for c in levels for k in ("p50", "p95", "p99")]
    rows = []
    for n in [*names, "ALL"]:
        row: list[object] = [n]
        for lvl in levels.values():
            s = lvl["overall"] if n == "ALL" else lvl["routes"].get(n)
            row += [s["p50_ms"], s["p95_ms"], s["p99_ms"]] if s else ["", "", ""]
        rows.append(row)
    print(md(headers, rows))
    print("\n" + md(["concurrency", "requests", "req/s", "median-of-runs p95 ms", "errors"],
                    [[c, v["overall"]["requests"], v["overall"]["rps"], v["median_of_runs"]["p95_ms"],
                      v["overall"]["errors"]] for c, v in levels.items()]) + "\n")
    for diag in d.get("diagnoses", []):
        slow = diag["slowest_sql"][0] if diag["slowest_sql"] else {"ms": 0, "sql": ""}
        plan = " · ".join(diag["explain_query_plan_of_slowest"])
        print(f"- `{diag['path']}`: {diag['ms_in_process']:.0f} ms in-process, {diag['statements']} SQL statements "
              f"{diag['sql_ms_total']:.0f} ms; slowest {slow['ms']:.0f} ms `{slow['sql'][:90]}…` — plan: {plan}")
    print()


def main() -> None:
    if (d := load("extract_throughput")) is not None:
        extraction(d)
    if (d := load("ingest_scale")) is not None:
        ingest(d)
    for path in sorted(Path(RESULTS).glob("page_times*.json")):
        pages(json.loads(path.read_text(encoding="utf-8")), path.stem)


if __name__ == "__main__":
    main()
