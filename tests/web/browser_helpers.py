"""What the browser tests share: Debian's Chromium driven by Playwright at an office laptop's 1366×900, and
the app served by uvicorn in a background thread on a free port of 127.0.0.1."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
VIEWPORT = {"width": 1366, "height": 900}
TIMEOUT = 15_000  # ms, for every explicit wait


@contextmanager
def serve(app) -> Iterator[str]:
    """The app served by uvicorn in a background thread on a free port; stopped cleanly afterwards."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=20)
        sock.close()


def launch_chromium() -> Iterator:
    """For a fixture: a launched Chromium, closed afterwards. Skips the test when /usr/bin/chromium is
    missing — or fails it, when DUBAN_REQUIRE_BROWSER=1 (CI)."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("DUBAN_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} is missing and DUBAN_REQUIRE_BROWSER=1")
        pytest.skip("Chromium not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()
