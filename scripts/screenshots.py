"""Regenerate the screenshots in docs/ from the demo, so that they show what the demo gives today.

    .venv/bin/python scripts/screenshots.py [--out docs] [--keep /tmp/demo-ledger]

Builds the demo ledger in a temporary folder with `duban demo --no-serve` (the bundled samples, as a new user
gets them), serves it on a free port of 127.0.0.1, and photographs the pages in Debian's Chromium
(/usr/bin/chromium, driven by Playwright) at 1366×900, the screen of an office laptop, once the fonts are
loaded. Writes docs/screenshot-*.png (the README shows screenshot-dashboard.png). Needs
`apt-get install chromium fonts-noto-cjk` and the test extras (playwright).
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
VIEWPORT = {"width": 1366, "height": 900}


def build_demo(folder: Path) -> Path:
    db = folder / "ledger.sqlite"
    subprocess.run([sys.executable, "-m", "duban", "demo", "--no-serve", "--db", str(db)], check=True,
                   stdout=subprocess.DEVNULL)
    return db


def serve(db: Path):
    import uvicorn

    from duban.settings import Settings
    from duban.store import Database
    from duban.web.app import create_app

    database = Database(str(db))
    app = create_app(database, Settings(database_url=database.url, public=True, secret_key="screenshots-" + "x" * 24))
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline:
            raise SystemExit("the server did not start")
        time.sleep(0.05)
    return server, thread, f"http://127.0.0.1:{sock.getsockname()[1]}"


def pages(base: str, request) -> dict[str, str]:
    """The pages to photograph: name → path (ids looked up through the JSON API)."""
    board = request.get(base + "/api/dashboard").json()
    misses = board["misses"]
    target = next((t for t in misses if t["tier"] == "headline"), misses[0] if misses else board["headline"][0])
    docs = request.get(base + "/api/documents").json()["documents"]
    tables = [d for d in docs if d["kind"] == "completion_report"]  # the 编号|目标任务|完成情况 table
    runs = [r for d in tables or docs for r in request.get(f"{base}/api/documents/{d['id']}").json()["runs"]]
    biggest = max(runs, key=lambda r: sum(r["summary"].values()))
    return {"dashboard": "/", "ledger": "/ledger?tier=headline", "target": f"/targets/{target['id']}",
            "run": f"/runs/{biggest['id']}", "apidocs": "/docs"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=ROOT / "docs")
    ap.add_argument("--keep", type=Path, help="build the demo ledger here and keep it (default: a temporary folder)")
    args = ap.parse_args()
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing: apt-get install chromium fonts-noto-cjk")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        db = build_demo(folder)
        server, thread, base = serve(db)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
                context = browser.new_context(viewport=VIEWPORT, locale="zh-CN", device_scale_factor=1)
                page = context.new_page()
                for name, path in pages(base, context.request).items():
                    page.goto(base + path)
                    page.wait_for_load_state("networkidle")
                    page.evaluate("document.fonts.ready")
                    if name == "apidocs":
                        page.locator(".swagger-ui .opblock").first.wait_for()
                    target = args.out / f"screenshot-{name}.png"
                    page.screenshot(path=str(target))
                    print(f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}  ← {path}")
                browser.close()
        finally:
            server.should_exit = True
            thread.join(timeout=20)


if __name__ == "__main__":
    main()
