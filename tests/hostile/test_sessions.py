"""Sessions end for real: a cookie kept from before signing out, a new password or a disabled account no
longer signs anything; a disabled account cannot sign in; `duban user disable/enable/passwd` do it from the
command line; a signed cookie without a live session record (an old or forged one) is anonymous."""

from __future__ import annotations

import base64
import json
from datetime import timedelta

from itsdangerous import TimestampSigner
from sqlalchemy import select

from duban.store.models import AuditRow, SessionRow, UserRow
from hostile_inputs import PASSWORD, duban, sign_in

NEW_PASSWORD = "another-horse-7"


def signed_in_pair(make_client, account):
    """A signed-in client and a second client holding a copy of its cookie (a stolen or kept cookie)."""
    first = make_client()
    assert sign_in(first, account).status_code == 303
    copy = make_client()
    copy.cookies.set("duban_session", first.cookies.get("duban_session"))
    assert who(copy) == account
    return first, copy


def who(client) -> str | None:
    user = client.get("/api/session").json()["user"]
    return user["username"] if user else None


def can_review(client) -> int:
    """The status of a review posted with the client's session and CSRF token (201 when signed in)."""
    token = client.get("/api/session").json()["csrf_token"]
    target = client.get("/api/targets").json()["targets"][0]["id"]
    return client.post(f"/api/targets/{target}/reviews", json={"status": "met", "comment": ""},
                       headers={"X-CSRF-Token": token or "none"}).status_code


def test_logout_ends_the_session_and_every_copy_of_its_cookie(make_client, account):
    first, copy = signed_in_pair(make_client, account)
    kept = first.cookies.get("duban_session")
    token = first.get("/api/session").json()["csrf_token"]
    assert first.post("/logout", data={"csrf_token": token}, follow_redirects=False).status_code == 303
    assert who(first) is None and who(copy) is None
    assert can_review(copy) == 401
    replay = make_client()
    replay.cookies.set("duban_session", kept)
    assert who(replay) is None


def test_logout_ends_every_session_unless_asked_for_this_one_only(make_client, account):
    laptop, desktop, phone = make_client(), make_client(), make_client()
    for client in (laptop, desktop, phone):
        assert sign_in(client, account).status_code == 303
    laptop.post("/logout", data={"csrf_token": laptop.get("/api/session").json()["csrf_token"], "everywhere": "0"})
    assert who(laptop) is None and who(desktop) == account and who(phone) == account
    desktop.post("/logout", data={"csrf_token": desktop.get("/api/session").json()["csrf_token"]})
    assert who(desktop) is None and who(phone) is None


def test_passwd_ends_every_session(make_client, account, hostile_db):
    first, copy = signed_in_pair(make_client, account)
    run = duban("user", "passwd", account, "--db", hostile_db.url, "--password", NEW_PASSWORD)
    assert run.code == 0 and "1 个会话" in run.out, (run.out, run.err)
    assert who(first) is None and who(copy) is None and can_review(copy) == 401
    assert sign_in(make_client(), account, PASSWORD).status_code == 401
    assert sign_in(make_client(), account, NEW_PASSWORD).status_code == 303


def test_disable_ends_every_session_and_refuses_sign_in_until_enabled(make_client, account, hostile_db):
    first, copy = signed_in_pair(make_client, account)
    run = duban("user", "disable", account, "--db", hostile_db.url)
    assert run.code == 0 and account in run.out and "1 个会话" in run.out, (run.out, run.err)
    assert who(first) is None and who(copy) is None and can_review(first) == 401
    refused = sign_in(make_client(), account)
    assert refused.status_code == 401 and "用户名或密码不正确" in refused.text
    with hostile_db.session() as s:
        assert s.scalar(select(UserRow.active).where(UserRow.username == account)) is False
    assert duban("user", "enable", account, "--db", hostile_db.url).code == 0
    assert who(copy) is None  # enabling does not bring old sessions back
    again = make_client()
    assert sign_in(again, account).status_code == 303 and can_review(again) == 201
    with hostile_db.session() as s:
        actions = [a for (a,) in s.execute(select(AuditRow.action).where(AuditRow.subject == f"user:{account}"))]
    assert {"user_disable", "user_enable", "sessions_ended", "login"} <= set(actions)


def test_unknown_user_commands_are_one_line_errors(hostile_db):
    run = duban("user", "disable", "nobody-here", "--db", hostile_db.url)
    lines = run.err.strip().splitlines()
    assert run.code == 2 and len(lines) == 1 and "nobody-here" in lines[0] and "Traceback" not in run.err


def test_an_idle_session_ends(make_client, account, hostile_db):
    client = make_client()
    assert sign_in(client, account).status_code == 303
    with hostile_db.session() as s:
        user_id = s.scalar(select(UserRow.id).where(UserRow.username == account))
        for record in s.scalars(select(SessionRow).where(SessionRow.user_id == user_id)):
            record.last_seen_at -= timedelta(hours=9)  # the cookie's own limit is 8 hours
    assert who(client) is None


def test_a_signed_cookie_without_a_session_record_is_anonymous(make_client, account, hostile_app, hostile_db):
    """What the cookie said before server-side sessions (user id and name), signed with the right key."""
    with hostile_db.session() as s:
        user_id = s.scalar(select(UserRow.id).where(UserRow.username == account))
    for payload in ({"user_id": user_id, "username": account},
                    {"user_id": user_id, "username": account, "sid": "x" * 43}):
        data = base64.b64encode(json.dumps(payload).encode())
        cookie = TimestampSigner(hostile_app.state.settings.secret_key).sign(data).decode()
        client = make_client()
        client.cookies.set("duban_session", cookie)
        assert who(client) is None and can_review(client) == 401


def test_private_mode_sends_a_revoked_cookie_to_the_sign_in_page(make_client, account, hostile_db):
    from duban.settings import Settings
    from duban.web.app import create_app

    app = create_app(hostile_db, Settings(database_url=hostile_db.url, secret_key="private-" + "k" * 32,
                                          public=False))
    client = make_client(app)
    assert sign_in(client, account).status_code == 303
    assert client.get("/ledger", follow_redirects=False).status_code == 200
    duban("user", "disable", account, "--db", hostile_db.url)
    r = client.get("/ledger", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")
    assert client.get("/api/targets").status_code == 401
