"""A ledger for the supervision tests: the bundled district plan (镇海区 2024) with the test 分解方案 imported,
an admin, a supervisor and two unit reporters (区发改局, 区住建局)."""

from __future__ import annotations

from datetime import date
from importlib.resources import files
from pathlib import Path

from duban.ingest import ingest
from duban.store import Database
from duban.store.accounts import add_user

SAMPLES = Path(str(files("duban") / "samples"))
PLAN = SAMPLES / "004_895883010a6915ba.txt"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "supervise"
PASSWORD = "secret123"
USERS = {"chief": ("admin", []), "du": ("supervisor", []), "fgj": ("unit", ["区发改局"]),
         "zjj": ("unit", ["区住房和城乡建设局"])}


def build(url: str, imported: bool = True) -> tuple[Database, str]:
    """The plan ingested (and the 分解方案 imported); returns the database and the plan's id."""
    from duban.store import supervision as store
    from duban.web.supervise_admin import import_file

    db = Database(url)
    report = ingest([PLAN], db, jobs=1)
    assert not report.failed, report.failed
    with db.session() as s:
        plan = store.plans(s)[0].id
        for name in ("区发改局", "区住建局"):
            store.ensure_unit(s, name, "test")
        for name, (role, units) in USERS.items():
            add_user(s, name, PASSWORD, name, role=role, units=units)
        if imported:
            import_file(s, plan, "分解方案.xlsx", (FIXTURES / "分解方案.xlsx").read_bytes(), "test", date(2024, 6, 20))
    return db, plan
