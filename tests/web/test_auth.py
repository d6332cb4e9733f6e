"""Signing in, sessions, CSRF, cross-site POSTs, reviews by form and by JSON, private mode."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from duban.store.queries import LedgerQuery, ledger, target_detail
from web_helpers import PASSWORD, USER, csrf_from, make_app, sign_in


def pick(db, status: str, n: int = 0) -> dict:
    """The n-th target with this machine status that nobody has reviewed yet."""
    with db.session() as s:
        targets = [t for t in ledger(s, LedgerQuery(status=status, per_page=200))["targets"] if not t["review_status"]]
    return targets[n]


def test_login_page_and_failure(client):
    page = client.get("/login")
    assert page.status_code == 200 and "<title>登录 · 督办</title>" in page.text
    token = csrf_from(page.text)
    bad = client.post("/login", data={"username": USER, "password": "wrong-password", "csrf_token": token})
    assert bad.status_code == 401 and "用户名或密码不正确" in bad.text
    nobody = client.post("/login", data={"username": "mallory", "password": PASSWORD, "csrf_token": token})
    assert nobody.status_code == 401
    assert client.get("/api/session").json() == {"user": None, "csrf_token": None}


def test_login_needs_csrf(client):
    client.get("/login")
    r = client.post("/login", data={"username": USER, "password": PASSWORD})
    assert r.status_code == 403


def test_login_success_session_and_logout(client):
    r = sign_in(client, next_="/ledger?status=met")
    assert r.status_code == 303 and r.headers["location"] == "/ledger?status=met"
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    session = client.get("/api/session").json()
    assert session["user"]["username"] == USER and len(session["csrf_token"]) >= 20
    home = client.get("/")
    assert "测试复核员" in home.text and 'action="/logout"' in home.text and "已登录" in home.text
    assert client.post("/logout", data={}).status_code == 403  # logout needs the token too
    out = client.post("/logout", data={"csrf_token": session["csrf_token"]}, follow_redirects=False)
    assert out.status_code == 303
    assert client.get("/api/session").json()["user"] is None


def test_login_rejects_open_redirect(client):
    r = sign_in(client, next_="//evil.example/")
    assert r.headers["location"] == "/"


def test_review_via_form(signed_in, ledger_db):
    t = pick(ledger_db, "no_evidence")
    page = signed_in.get(f"/targets/{t['id']}")
    assert f'action="/targets/{t["id"]}/review"' in page.text
    token = csrf_from(page.text)
    assert 'value="unassessed"' not in page.text  # the nine review statuses only
    r = signed_in.post(f"/targets/{t['id']}/review", follow_redirects=False,
                       data={"status": "met", "comment": "见统计公报", "csrf_token": token})
    assert r.status_code == 303 and r.headers["location"] == f"/targets/{t['id']}#reviews"
    after = signed_in.get(r.headers["location"])
    assert "复核已保存" in after.text and "见统计公报" in after.text
    data = signed_in.get(f"/api/targets/{t['id']}").json()
    assert data["reviews"][0]["status"] == "met" and data["reviews"][0]["user"] == USER
    assert data["reviews"][0]["comment"] == "见统计公报"
    assert data["target"]["status"] == "met" and data["target"]["machine_status"] == "no_evidence"
    row = next(x for x in signed_in.get("/api/targets", params={"q": t["text"], "per_page": 200}).json()["targets"]
               if x["id"] == t["id"])
    assert row["status"] == "met" and row["review_status"] == "met" and row["machine_status"] == "no_evidence"
    ledger_html = signed_in.get("/ledger", params={"q": t["text"]}).text
    assert "已复核" in ledger_html


def test_review_via_json_api(signed_in, ledger_db):
    t = pick(ledger_db, "not_met")
    before = len(target_detail_of(ledger_db, t["id"])["verdicts"])
    r = signed_in.post(f"/api/targets/{t['id']}/reviews", headers={"X-CSRF-Token": signed_in.csrf},
                       json={"status": "basically_met", "comment": "口径调整后基本完成"})
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["review"]["status"] == "basically_met" and body["target"]["status"] == "basically_met"
    assert body["target"]["machine_status"] == "not_met"
    detail = signed_in.get(f"/api/targets/{t['id']}").json()
    assert detail["reviews"][0]["comment"] == "口径调整后基本完成"
    assert len(detail["verdicts"]) == before and detail["verdicts"][0]["status"] == "not_met"  # machine untouched
    # a second review wins on screen; both stay in the history
    hdr = {"X-CSRF-Token": signed_in.csrf}
    signed_in.post(f"/api/targets/{t['id']}/reviews", json={"status": "not_met"}, headers=hdr)
    detail = signed_in.get(f"/api/targets/{t['id']}").json()
    assert [r["status"] for r in detail["reviews"]] == ["not_met", "basically_met"]


def target_detail_of(db, target_id):
    with db.session() as s:
        return target_detail(s, target_id)


def test_review_errors(signed_in, ledger_db):
    t = pick(ledger_db, "activity_only")
    url = f"/api/targets/{t['id']}/reviews"
    hdr = {"X-CSRF-Token": signed_in.csrf}
    bad = signed_in.post(url, json={"status": "finished"}, headers=hdr)
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "bad_request"
    assert signed_in.post(url, json={"status": "unassessed"}, headers=hdr).status_code == 400
    invalid = signed_in.post(url, json={"comment": "no status"}, headers=hdr)
    assert invalid.status_code == 422 and invalid.json()["error"]["code"] == "validation_error"
    assert signed_in.post("/api/targets/99999999/reviews", json={"status": "met"}, headers=hdr).status_code == 404
    no_token = signed_in.post(url, json={"status": "met"})
    assert no_token.status_code == 403 and no_token.json()["error"]["code"] == "csrf"
    wrong = signed_in.post(url, json={"status": "met"}, headers={"X-CSRF-Token": "x" * 43})
    assert wrong.status_code == 403
    cross = signed_in.post(url, json={"status": "met"}, headers={**hdr, "Origin": "https://evil.example"})
    assert cross.status_code == 403 and cross.json()["error"]["code"] == "cross_site"
    referer = signed_in.post(url, json={"status": "met"}, headers={**hdr, "Referer": "https://evil.example/page"})
    assert referer.status_code == 403
    same = signed_in.post(url, json={"status": "done"}, headers={**hdr, "Origin": "http://testserver"})
    assert same.status_code == 201
    form = f"/targets/{t['id']}/review"
    assert signed_in.post(form, data={"status": "met"}).status_code == 403
    assert signed_in.post(form, data={"status": "met", "csrf_token": "nope"}).status_code == 403
    assert signed_in.post(form, data={"status": "met", "csrf_token": signed_in.csrf},
                          headers={"Origin": "http://evil.example"}).status_code == 403
    assert signed_in.post(form, data={"status": "zzz", "csrf_token": signed_in.csrf}).status_code == 400
    assert signed_in.get(f"/api/targets/{t['id']}").json()["target"]["status"] == "done"


def test_anonymous_review(client, ledger_db):
    t = pick(ledger_db, "in_progress")
    r = client.post(f"/api/targets/{t['id']}/reviews", json={"status": "met"})
    assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized"
    form = client.post(f"/targets/{t['id']}/review", data={"status": "met"}, follow_redirects=False)
    assert form.status_code == 303 and form.headers["location"].startswith("/login")
    assert client.get(f"/api/targets/{t['id']}").json()["reviews"] == []


def test_token_from_another_session_is_refused(app, ledger_db):
    with TestClient(app) as a, TestClient(app) as b:
        sign_in(a)
        sign_in(b)
        token_a = a.get("/api/session").json()["csrf_token"]
        t = pick(ledger_db, "partially_met")
        r = b.post(f"/api/targets/{t['id']}/reviews", json={"status": "met"}, headers={"X-CSRF-Token": token_a})
        assert r.status_code == 403


@pytest.fixture(scope="module")
def private_app(ledger_db):
    return make_app(ledger_db, public=False)


@pytest.mark.parametrize("path", ["/", "/ledger?status=met", "/documents", "/targets/1", "/api", "/export/targets.csv"])
def test_private_mode_pages_redirect(private_app, path):
    with TestClient(private_app) as c:
        r = c.get(path, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login")
        if path != "/":
            assert "next=" in r.headers["location"]


@pytest.mark.parametrize("path", ["/api/dashboard", "/api/targets", "/api/documents", "/api/openapi.json",
                                  "/api/targets/1"])
def test_private_mode_api_401(private_app, path):
    with TestClient(private_app) as c:
        r = c.get(path)
        assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized"


def test_private_mode_after_sign_in(private_app):
    with TestClient(private_app) as c:
        assert c.get("/login").status_code == 200 and c.get("/static/duban.css").status_code == 200
        r = sign_in(c, next_="/ledger")
        assert r.headers["location"] == "/ledger"
        assert c.get("/ledger").status_code == 200
        assert c.get("/api/dashboard").status_code == 200
        token = c.get("/api/session").json()["csrf_token"]
        c.post("/logout", data={"csrf_token": token})
        assert c.get("/api/dashboard").status_code == 401


def test_tampered_session_cookie_is_anonymous(app):
    with TestClient(app) as c:
        c.cookies.set("duban_session", "eyJ1c2VyX2lkIjogMX0=.forged.signature")
        assert c.get("/api/session").json()["user"] is None


def test_a_review_shows_on_the_document_page_and_its_twin_at_once(signed_in, ledger_db):
    """Document pages and their JSON are kept per data version: a review is a new version."""
    t = pick(ledger_db, "not_met")
    doc_id = target_detail_of(ledger_db, t["id"])["document"]["id"]
    status_in = lambda doc: next(x["status"] for x in doc["targets"] if x["id"] == t["id"])  # noqa: E731
    assert status_in(signed_in.get(f"/api/documents/{doc_id}").json()) == "not_met"
    assert f'id="t{t["id"]}" class="tgt st-not_met"' in signed_in.get(f"/documents/{doc_id}").text
    r = signed_in.post(f"/api/targets/{t['id']}/reviews", headers={"X-CSRF-Token": signed_in.csrf},
                       json={"status": "met"})
    assert r.status_code == 201, r.text
    assert status_in(signed_in.get(f"/api/documents/{doc_id}").json()) == "met"
    assert f'id="t{t["id"]}" class="tgt st-met"' in signed_in.get(f"/documents/{doc_id}").text
