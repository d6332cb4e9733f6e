"""Hostile URLs and form values against the web app, on SQLite and PostgreSQL: huge integers, NUL bytes
(%00), markup in parameters, overlong values, odd CSRF tokens. Never a 500: a 404 for an id out of range,
a 400 for a number or year out of bounds, a 422 with a Chinese message for a NUL; pages for pages (signed
in or not), the one JSON envelope for /api/…, and nothing echoed as markup."""

from __future__ import annotations

import pytest

from duban.web.guard import NUL_MESSAGE
from duban.web.params import MAX_PAGE
from hostile_inputs import csrf_from, sign_in

HUGE = "9" * 30  # beyond 64 bits
BIGINT = str(2**63)  # one past the largest BIGINT


def envelope(r, status: int) -> dict:
    assert r.status_code == status, r.text[:500]
    assert r.headers["content-type"].startswith("application/json")
    error = r.json()["error"]
    assert error["status"] == status and set(error) == {"status", "code", "message"}
    return error


def html_error(r, status: int) -> str:
    assert r.status_code == status, r.text[:500]
    assert r.headers["content-type"].startswith("text/html")
    assert f"{status} · " in r.text and "Traceback" not in r.text
    return r.text


@pytest.mark.parametrize("path", [f"/api/targets/{HUGE}", f"/api/targets/{BIGINT}", "/api/targets/-1",
                                  f"/api/runs/{HUGE}", f"/api/runs/{BIGINT}"])
def test_ids_out_of_range_are_not_found(make_client, path):
    assert envelope(make_client().get(path), 404)["code"] == "not_found"


@pytest.mark.parametrize("path", [f"/targets/{HUGE}", f"/targets/{BIGINT}", f"/runs/{HUGE}"])
def test_pages_of_ids_out_of_range_are_not_found(make_client, path):
    html_error(make_client().get(path), 404)


OUT_OF_BOUNDS = [{"page": HUGE}, {"page": BIGINT}, {"page": str(MAX_PAGE + 1)}, {"per_page": HUGE}, {"year": HUGE},
                 {"year": "1800"}, {"year": "2101"}, {"year": "-" + HUGE}, {"q": "增" * 2001}]
PAGED = ["/api/targets", "/ledger", "/export/targets.csv"]


@pytest.mark.parametrize("path, params", [(path, params) for path in [*PAGED, "/api/dashboard", "/"]
                                          for params in OUT_OF_BOUNDS if path in PAGED or "year" in params])
def test_numbers_out_of_bounds_are_bad_requests(make_client, path, params):
    r = make_client().get(path, params=params)
    if path.startswith("/api/"):
        envelope(r, 400)
    else:
        assert r.status_code == 400 and "Traceback" not in r.text
    if "year" in params:
        assert "1949" in r.text and "2100" in r.text


def test_the_last_page_that_fits_is_an_empty_page(make_client):
    r = make_client().get("/api/targets", params={"page": MAX_PAGE, "per_page": 200})
    assert r.status_code == 200 and r.json()["targets"] == []
    assert make_client().get("/api/targets", params={"year": "2024"}).status_code == 200


NUL_URLS = ["/api/targets?q=%00", "/api/targets?document=a%00b", "/api/targets?jurisdiction=%00",
            "/api/targets?section=x%00", "/api/targets?status=met%00", "/api/targets?page=%00",
            "/api/dashboard?document=%00", "/api/documents/%00abc", "/api/targets/1%00"]


@pytest.mark.parametrize("url", NUL_URLS)
def test_nul_in_api_urls_is_422(make_client, url):
    error = envelope(make_client().get(url), 422)
    assert error["message"] == NUL_MESSAGE and error["code"] == "validation_error"


@pytest.mark.parametrize("url", ["/ledger?q=%00", "/ledger?jurisdiction=%00", "/?document=%00", "/documents/%00",
                                 "/export/targets.csv?q=%00", "/login?next=/%00", "/targets/1?x=%00"])
def test_nul_in_page_urls_is_a_422_page(make_client, url):
    r = make_client().get(url)
    assert r.status_code == 422 and NUL_MESSAGE in r.text and "Traceback" not in r.text


def test_nul_in_forms_and_json_bodies(make_client, account):
    client = make_client()
    token = csrf_from(client.get("/login").text)
    r = client.post("/login", data={"username": "a\x00b", "password": "x" * 10, "csrf_token": token})
    assert r.status_code == 422 and NUL_MESSAGE in r.text
    assert sign_in(client, account).status_code == 303
    csrf = client.get("/api/session").json()["csrf_token"]
    target = client.get("/api/targets").json()["targets"][0]["id"]
    r = client.post(f"/api/targets/{target}/reviews", json={"status": "met", "comment": "见\x00公报"},
                    headers={"X-CSRF-Token": csrf})
    assert envelope(r, 422)["message"] == NUL_MESSAGE
    page = client.get(f"/targets/{target}").text
    r = client.post(f"/targets/{target}/review",
                    data={"status": "met", "comment": "\x00", "csrf_token": csrf_from(page)})
    assert r.status_code == 422 and NUL_MESSAGE in r.text
    assert client.get(f"/api/targets/{target}").json()["reviews"] == []


@pytest.mark.parametrize("token", ["é" * 43, "令牌", "x" * 5000, ""])
def test_odd_csrf_tokens_are_refused_not_crashed(make_client, token):
    client = make_client()
    client.get("/login")
    r = client.post("/login", data={"username": "x", "password": "y" * 9, "csrf_token": token})
    assert r.status_code == 403


def test_markup_in_parameters_is_never_echoed_as_markup(make_client, account):
    client = make_client()
    evil = "<script>alert(1)</script>"
    r = client.get("/api/targets", params={"status": evil})
    envelope(r, 400)
    assert b"<script" not in r.content and evil in r.json()["error"]["message"]  # escaped, same data
    page = client.get("/ledger", params={"status": evil})
    assert page.status_code == 400 and "<script>alert" not in page.text and "&lt;script&gt;" in page.text
    assert sign_in(client, account).status_code == 303
    signed = client.get("/ledger", params={"status": evil})
    assert signed.status_code == 400 and "<script>alert" not in signed.text


@pytest.mark.parametrize("path, status", [("/targets/99999999", 404), (f"/targets/{HUGE}", 404), ("/nope", 404),
                                          ("/ledger?page=abc", 400), ("/ledger?q=%00", 422)])
def test_error_pages_for_a_signed_in_user_are_pages(make_client, account, path, status):
    client = make_client()
    assert sign_in(client, account).status_code == 303
    html = html_error(client.get(path), status)
    assert "复核员" in html and 'action="/logout"' in html  # the header knows who is signed in


def test_a_500_for_a_signed_in_user_is_a_page(make_client, account, monkeypatch):
    client = make_client()
    assert sign_in(client, account).status_code == 303

    def boom(*_a, **_k):
        raise RuntimeError("secret internals")

    monkeypatch.setattr("duban.web.views.queries.target_detail", boom)
    target = client.get("/api/targets").json()["targets"][0]["id"]
    html = html_error(client.get(f"/targets/{target}"), 500)
    assert "secret internals" not in html and "复核员" in html
    error = envelope(client.get(f"/api/targets/{target}"), 500)
    assert error["code"] == "internal_error" and "secret" not in error["message"]
