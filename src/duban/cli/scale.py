"""Commands and options for corpus scale: `--cluster` of `duban ingest` (a Dask cluster; the option is
declared here and used by cli/ledger.py) and `duban reassess` (every stored pair again, after an engine
upgrade, on this machine or on the cluster)."""

from __future__ import annotations

from typing import Annotated

import typer

from .app import DB_OPTION, app, err, out, print_json

CLUSTER_OPTION = typer.Option(
    "--cluster", metavar="集群",
    help="在 Dask 集群上读取、抽取和评估：tcp://主机:8786（dask scheduler），或 local:N（本机 N 个工作进程）；"
         "需要 pip install -e '.\\[cluster]'；多台机器时台账用 PostgreSQL")


def check_cluster(spec: str | None) -> str | None:
    """``spec`` when Dask distributed can be imported; otherwise the one-line error that says how to install
    it (before any work starts)."""
    if spec:
        from ..cluster import _distributed

        _distributed()
    return spec


@app.command()
def reassess(
    db: Annotated[str | None, DB_OPTION] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", metavar="数量", help="工作进程数（默认：全部 CPU 核）")] = 0,
    cluster: Annotated[str | None, CLUSTER_OPTION] = None,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出汇总。")] = False,
) -> None:
    """引擎版本更新后，用当前引擎重新评估台账里每一对已评估过的文件（旧的评估保留）。"""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ..assess import ENGINE
    from ..ingest import reassess as run_reassess
    from ..records import STATUS_LABELS
    from .ledger import _Bars, _open_db

    check_cluster(cluster)
    database = _open_db(db)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, disable=as_json) as progress:
        report = run_reassess(database, jobs=jobs or None, cluster=cluster, progress=_Bars(progress))
    database.dispose()
    if as_json:
        payload = report.to_json()
        print_json({"engine": ENGINE, **{k: payload[k] for k in (
            "runs_added", "runs_existing", "statuses", "warnings", "workers")}})
    else:
        out.print(f"{ENGINE}：新增评估 {report.runs_added} 次（已是当前引擎 {report.runs_existing} 次）", markup=False)
        if report.statuses:
            out.print("  " + "，".join(f"{STATUS_LABELS[k]} {v}" for k, v in report.statuses.items()), markup=False)
    for w in report.warnings:
        err.print(f"duban: warning: {w}", markup=False)
