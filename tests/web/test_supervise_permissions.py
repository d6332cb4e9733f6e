"""Who may see and change what (docs/supervision.md §Roles): a unit reporter walks every route of the app — every
path of the OpenAPI description and every page route — with the ids of another unit's task, notice, attachment,
target and year-end table, and gets 403 or 404 each time (200 only on its own lists, which never show the other
unit's task); the general ledger answers 403 to it; anonymous visitors, in public mode too, never see supervision
data; the office's actions are staff-only. On SQLite and PostgreSQL."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import select

from supervise_helpers import PASSWORD, build
from web_helpers import make_app, sign_in

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def world(request, tmp_path_factory):
    """The ledger after a June: 区发改局 reported on task 2 (with an attachment), 区住建局's task 5 got a notice."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('perm') / 'ledger.sqlite'}"
    else:
        url = request.getfixturevalue("pg_factory")()
    db, plan = build(url)
    app = make_app(db, public=True)
    app.state.settings.supervision.fixed_today = date(2024, 7, 8)
    ids = _ids(db)
    with TestClient(app) as fgj:
        _login(fgj, "fgj")
        r = fgj.post(f"/api/supervise/tasks/{ids['fgj_task']}/reports", headers={"X-CSRF-Token": fgj.csrf},
                     data={"period_end": "2024-06-30", "text": "进展顺利", "claim": "on_track",
                           f"fig_{ids['fgj_indicator']}": "45"},
                     files={"files": ("佐证.pdf", io.BytesIO(PDF), "application/pdf")})
        assert r.status_code == 201, r.text
    with TestClient(app) as du:
        _login(du, "du")
        r = du.post(f"/api/supervise/tasks/{ids['zjj_task']}/notices", headers={"X-CSRF-Token": du.csrf},
                    data={"kind": "supervise"})
        assert r.status_code == 201, r.text
        r = du.post("/api/supervise/yearend", headers={"X-CSRF-Token": du.csrf}, data={"plan": plan})
        assert r.status_code == 201, r.text
    yield app, db, plan, _ids(db)
    db.dispose()


def _login(client, name: str) -> None:
    assert sign_in(client, name, PASSWORD).status_code == 303
    client.csrf = client.get("/api/session").json()["csrf_token"]


def _ids(db) -> dict:
    from duban.store.models import IndicatorRow
    from duban.store.models_supervision import (
        AttachmentRow,
        NoticeRow,
        TaskRow,
        TaskTargetRow,
        YearEndItemRow,
        YearEndRow,
    )

    with db.session() as s:
        task = {t.number: t.id for t in s.scalars(select(TaskRow))}
        out = {"fgj_task": task["2"], "zjj_task": task["5"], "plan_tasks": task}
        out["fgj_indicator"] = s.scalar(select(IndicatorRow.id).join(
            TaskTargetRow, TaskTargetRow.target_id == IndicatorRow.target_id).where(TaskTargetRow.task_id == task["2"])
            .order_by(IndicatorRow.id))
        out["fgj_target"] = s.scalar(select(TaskTargetRow.target_id).where(TaskTargetRow.task_id == task["2"]))
        out["zjj_target"] = s.scalar(select(TaskTargetRow.target_id).where(TaskTargetRow.task_id == task["5"]))
        out["attachment"] = s.scalar(select(AttachmentRow.id))
        out["notice"] = s.scalar(select(NoticeRow.id))
        out["table"] = s.scalar(select(YearEndRow.id))
        out["row"] = s.scalar(select(YearEndItemRow.id))
    return out


def all_routes(routes, prefix: str = ""):
    """(path, methods) of every API route, the ones inside included routers too."""
    for r in routes:
        if isinstance(r, APIRoute):
            yield prefix + r.path, r.methods
        elif hasattr(r, "original_router"):  # FastAPI keeps included routers nested
            yield from all_routes(r.original_router.routes, prefix + (r.include_context.prefix or ""))


def _fill(path: str, values: dict[str, str]) -> str:
    return re.sub(r"\{(\w+)(?::path)?\}", lambda m: values.get(m.group(1), "1"), path)


def test_a_unit_reporter_reaches_no_other_units_data_through_any_route(world):
    app, db, plan, ids = world
    with db.session() as s:  # another unit's objects: 区住建局's task, its target, notice; and fgj's attachment
        from duban.store.models import RunRow

        run = s.scalar(select(RunRow.id))
    others = {"task_id": str(ids["zjj_task"]), "notice_id": str(ids["notice"]), "target_id": str(ids["zjj_target"]),
              "table_id": str(ids["table"]), "row_id": str(ids["row"]), "plan_id": plan, "doc_id": plan,
              "run_id": str(run or 1), "place_id": "1", "metric_id": "gdp", "year": "2024", "name": "1.xlsx",
              "fmt": "xlsx", "file_id": "999999", "path": "x"}
    own_lists = {"/supervise", "/api/supervise", "/supervise/tasks", "/api/supervise/tasks", "/supervise/notices",
                 "/api/supervise/notices", "/supervise/warnings", "/api/supervise/warnings", "/supervise/scorecards",
                 "/api/supervise/scorecards"}
    open_paths = {"/login", "/logout", "/api/session", "/api/openapi.json", "/docs", "/api"}  # descriptions
    zjj_task_text = "燃气老旧管网"
    walked = 0
    with TestClient(app) as client:
        _login(client, "fgj")
        schema_paths = set(app.openapi()["paths"])
        routes = list(all_routes(app.routes))
        assert {path for path, _ in routes} >= schema_paths  # every path of the OpenAPI description is walked
        for path, methods in routes:
            for method in sorted(methods - {"HEAD"}):
                if path in open_paths:
                    continue
                url = _fill(path, others)
                headers = {"X-CSRF-Token": client.csrf}
                r = client.request(method, url, headers=headers, data={"csrf_token": client.csrf},
                                   follow_redirects=False)
                walked += 1
                if path in own_lists and method == "GET":
                    assert r.status_code == 200, (method, url, r.status_code)
                    assert zjj_task_text not in r.text, (method, url)
                else:
                    assert r.status_code in (403, 404), (method, url, r.status_code, r.text[:200])
        # the attachment of its own report it may fetch; the other unit's task it may not even name
        assert client.get(f"/supervise/attachments/{ids['attachment']}").status_code == 200
        assert client.get(f"/supervise/tasks/{ids['fgj_task']}").status_code == 200
        assert client.get(f"/api/supervise/targets/{ids['fgj_target']}").status_code == 200
        assert client.get("/ledger").status_code == 403
        assert client.get("/api/targets").status_code == 403
    assert walked > 60


def test_the_other_unit_cannot_read_the_first_units_attachment_or_report_for_it(world):
    app, _db, _plan, ids = world
    with TestClient(app) as client:
        _login(client, "zjj")
        assert client.get(f"/supervise/attachments/{ids['attachment']}").status_code == 404
        r = client.post(f"/api/supervise/tasks/{ids['fgj_task']}/reports", headers={"X-CSRF-Token": client.csrf},
                        data={"period_end": "2024-06-30", "text": "冒名报送", "claim": "done"})
        assert r.status_code == 404
        assert client.get(f"/api/supervise/notices/{ids['notice']}").status_code == 200  # its own notice
        assert client.get(f"/api/supervise/notices/{ids['notice']}/docx").status_code == 200


def test_anonymous_visitors_never_see_supervision_data_even_in_public_mode(world):
    app, _db, plan, ids = world
    values = {"task_id": str(ids["fgj_task"]), "notice_id": str(ids["notice"]), "target_id": str(ids["fgj_target"]),
              "table_id": str(ids["table"]), "row_id": str(ids["row"]), "plan_id": plan,
              "file_id": str(ids["attachment"]),
              "fmt": "docx"}
    with TestClient(app) as client:
        for path, methods in all_routes(app.routes):
            if "/supervise" not in path:
                continue
            for method in methods - {"HEAD"}:
                r = client.request(method, _fill(path, values), follow_redirects=False)
                assert r.status_code in (303, 401, 403), (method, path, r.status_code)
                if r.status_code == 303:
                    assert r.headers["location"].startswith("/login")


def test_office_actions_are_staff_only_and_units_admin_only(world):
    app, _db, _plan, ids = world
    with TestClient(app) as client:
        _login(client, "du")
        assert client.get(f"/api/supervise/tasks/{ids['zjj_task']}").status_code == 200
        r = client.post("/api/supervise/units", headers={"X-CSRF-Token": client.csrf},
                        data={"action": "add", "name": "区审计局"})
        assert r.status_code == 403  # a supervisor is not an admin
        assert client.get("/ledger").status_code == 200
    with TestClient(app) as client:
        _login(client, "chief")
        r = client.post("/api/supervise/units", headers={"X-CSRF-Token": client.csrf},
                        data={"action": "add", "name": "镇海区审计局"})
        assert r.status_code == 200 and "区审计局" in r.json()["message"]


def test_the_ledgers_target_page_links_staff_to_the_targets_supervision_timeline(world):
    app, _db, _plan, ids = world
    link = f'href="/supervise/targets/{ids["fgj_target"]}"'
    with TestClient(app) as client:
        _login(client, "du")
        page = client.get(f"/targets/{ids['fgj_target']}")
        assert page.status_code == 200 and link in page.text
        assert client.get(f"/supervise/targets/{ids['fgj_target']}").status_code == 200
    with TestClient(app) as client:  # an anonymous reader of a public ledger is not shown the way in
        page = client.get(f"/targets/{ids['fgj_target']}")
        assert link not in page.text
