"""Server memory and latency under N concurrent sign-ins (Argon2, 64 MiB a hash), loopback only.

    .venv/bin/python benchmarks/login_memory.py [--concurrency 40] [--rounds 3] [--before SRC]

* A fresh SQLite ledger with one reviewer; `python -m duban.cli serve` on 127.0.0.1 on a free port.
* Each round: N clients each fetch /login (cookie + CSRF token), wait at a barrier, then POST the right
  password at the same moment (right, so the sign-in throttle never answers instead of Argon2). The
  server's peak RSS (VmHWM, reset through /proc/PID/clear_refs before each round) and its RSS sampled
  every 10 ms are recorded, with each request's status and latency.
* ``--before SRC``: the same against another checkout's ``src`` (put first on PYTHONPATH), e.g. the code
  before the hashing bound: ``git archive HEAD src | tar -x -C /tmp/before``.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
from _common import ROOT, machine, median, rss_kib, table, write_results

PASSWORD = "bench-password-1"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(src: str | None) -> dict:
    env = {**os.environ, "DUBAN_SECRET_KEY": "bench-" + "k" * 32}
    if src:
        env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _serve(src: str | None, folder: Path) -> tuple[subprocess.Popen, str]:
    url = f"sqlite:///{folder / 'ledger.sqlite'}"
    cli = [sys.executable, "-m", "duban.cli"]
    subprocess.run([*cli, "user", "add", "bench", "--db", url, "--password", PASSWORD], env=_env(src), check=True,
                   capture_output=True, timeout=120)
    port = _free_port()
    server = subprocess.Popen([*cli, "serve", "--db", url, "--port", str(port)], env=_env(src),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            httpx.get(base + "/login", timeout=1)
            return server, base
        except httpx.HTTPError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("the server did not start")


def _round(base: str, pid: int, n: int) -> dict:
    clients = [httpx.Client(base_url=base, timeout=300) for _ in range(n)]
    tokens = [CSRF.search(c.get("/login").text).group(1) for c in clients]
    Path(f"/proc/{pid}/clear_refs").write_text("5")  # reset the peak RSS
    before = rss_kib(pid)[0]
    barrier = threading.Barrier(n + 1)
    results: list[tuple[int, float]] = [(0, 0.0)] * n
    samples: list[int] = []
    done = threading.Event()

    def attempt(i: int) -> None:
        barrier.wait()
        t0 = time.perf_counter()
        r = clients[i].post("/login", data={"username": "bench", "password": PASSWORD, "csrf_token": tokens[i]},
                            follow_redirects=False)
        results[i] = (r.status_code, time.perf_counter() - t0)

    def sample() -> None:
        while not done.is_set():
            samples.append(rss_kib(pid)[0])
            time.sleep(0.01)

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(n)]
    sampler = threading.Thread(target=sample)
    for t in threads:
        t.start()
    sampler.start()
    t0 = time.perf_counter()
    barrier.wait()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    done.set()
    sampler.join()
    for c in clients:
        c.close()
    codes: dict[str, int] = {}
    for code, _ in results:
        codes[str(code)] = codes.get(str(code), 0) + 1
    latencies = sorted(s for _, s in results)
    return {"rss_before_mb": before / 1024, "peak_rss_mb": rss_kib(pid)[1] / 1024,
            "max_sampled_rss_mb": max(samples or [0]) / 1024, "rss_after_mb": rss_kib(pid)[0] / 1024,
            "wall_s": wall, "latency_p50_s": median(latencies), "latency_max_s": latencies[-1], "statuses": codes}


def measure(label: str, src: str | None, n: int, rounds: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        server, base = _serve(src, Path(folder))
        try:
            _round(base, server.pid, 2)  # warm up: templates, the first hash
            runs = [_round(base, server.pid, n) for _ in range(rounds)]
        finally:
            server.terminate()
            server.wait(timeout=30)
    table(["round", "RSS before MB", "peak MB", "after MB", "wall s", "p50 s", "max s", "statuses"],
          [[i + 1, r["rss_before_mb"], r["peak_rss_mb"], r["rss_after_mb"], r["wall_s"], r["latency_p50_s"],
            r["latency_max_s"], " ".join(f"{k}×{v}" for k, v in r["statuses"].items())] for i, r in enumerate(runs)],
          title=f"{label}: {n} concurrent sign-ins ({src or 'this checkout'})")
    return {"src": src or str(ROOT / "src"), "concurrency": n, "rounds": runs,
            "peak_rss_mb": max(r["peak_rss_mb"] for r in runs)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--concurrency", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--before", help="another checkout's src folder, measured first")
    args = parser.parse_args()
    out = {"machine": machine(), "password_hash": "argon2-cffi defaults (m=64 MiB, t=3, p=4)"}
    if args.before:
        out["before"] = measure("before", args.before, args.concurrency, args.rounds)
    out["after"] = measure("after", None, args.concurrency, args.rounds)
    write_results("login_memory", out)


if __name__ == "__main__":
    main()
