"""Helpers shared by the web tests (imported by name: the tests folder is not a package)."""

from __future__ import annotations

import re

from duban.settings import Settings
from duban.store import Database

USER, PASSWORD = "alice", "secret123"


def make_app(db: Database, public: bool = True):
    from duban.web.app import create_app

    return create_app(db, Settings(database_url=db.url, secret_key="test-secret-" + "x" * 20, public=public))


def csrf_from(html: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert m, "no CSRF token in the page"
    return m.group(1)


def sign_in(client, username: str = USER, password: str = PASSWORD, next_: str = "/"):
    page = client.get("/login")
    return client.post("/login", data={"username": username, "password": password, "csrf_token": csrf_from(page.text),
                                       "next": next_}, follow_redirects=False)
