"""Building export files without tying up the server: each file is written to disk as it is built (the
writers stream rows), served from there in chunks, and kept per data version — the same export asked for
again, by anyone, before the ledger changes is the file already built. At most ``MAX_BUILDS`` exports are
built at once per server process; one more is refused with 429, a Chinese message and ``Retry-After: 30``,
except that a request for a file someone is already building waits for that build instead of starting its own.

The routes that use this are plain ``def`` routes: FastAPI runs them in its thread pool, never on the event
loop, and the response streams the file from an open handle (so a file evicted meanwhile is still served)."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from .common import ApiError

MAX_BUILDS = 2
RETRY_AFTER = 30  # seconds a refused export is told to wait (Retry-After): a typical build takes 1–50 s
MAX_FILES = 32
MAX_BYTES = 1 << 30  # the files kept on disk per process
CHUNK = 1 << 16
BUSY_MESSAGE = f"导出任务较多（本服务进程同时最多生成 {MAX_BUILDS} 个导出文件），请稍后再试"


class Downloads:
    """Export files per key (data version, format, parameters) in a private temporary folder."""

    def __init__(self, max_builds: int = MAX_BUILDS, max_files: int = MAX_FILES, max_bytes: int = MAX_BYTES) -> None:
        self.slots = threading.BoundedSemaphore(max_builds)
        self.max_builds, self.max_files, self.max_bytes = max_builds, max_files, max_bytes
        self.files: OrderedDict[tuple, tuple[Path, int]] = OrderedDict()
        self.building: dict[tuple, threading.Lock] = {}
        self.lock = threading.Lock()
        self._folder: Path | None = None

    @property
    def folder(self) -> Path:
        with self.lock:
            if self._folder is None:
                _remove_orphans()
                self._folder = Path(tempfile.mkdtemp(prefix=f"duban-exports-{os.getpid()}-"))
                atexit.register(shutil.rmtree, self._folder, True)
            return self._folder

    def _cached(self, key: tuple) -> BinaryIO | None:
        with self.lock:
            entry = self.files.get(key)
            if entry is None:
                return None
            self.files.move_to_end(key)
            try:
                return open(entry[0], "rb")
            except FileNotFoundError:
                del self.files[key]
                return None

    def open(self, key: tuple, build: Callable[[BinaryIO], object]) -> BinaryIO:
        """An open handle on the file for ``key``, built by ``build(fh)`` unless it is kept already. Raises
        ApiError 429 when ``MAX_BUILDS`` other exports are being built."""
        handle = self._cached(key)
        if handle is not None:
            return handle
        with self.lock:
            same = self.building.setdefault(key, threading.Lock())
        try:
            with same:  # a second request for the same file waits for the first build
                handle = self._cached(key)
                if handle is not None:
                    return handle
                if not self.slots.acquire(blocking=False):
                    raise ApiError(429, BUSY_MESSAGE, "too_many_requests", retry_after=RETRY_AFTER)
                try:
                    path = self._build(build)
                finally:
                    self.slots.release()
                handle = open(path, "rb")  # noqa: SIM115 - closed by the response that streams it
                self._keep(key, path)
                return handle
        finally:
            with self.lock:
                if self.building.get(key) is same and not same.locked():
                    del self.building[key]

    def _build(self, build: Callable[[BinaryIO], object]) -> Path:
        fd, name = tempfile.mkstemp(dir=self.folder, suffix=".part")
        try:
            with os.fdopen(fd, "wb") as fh:
                build(fh)
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise
        return Path(name)

    def _keep(self, key: tuple, path: Path) -> None:
        size = path.stat().st_size
        with self.lock:
            old = self.files.pop(key, None)
            if old is not None:
                old[0].unlink(missing_ok=True)
            self.files[key] = (path, size)
            total = sum(s for _, s in self.files.values())
            while len(self.files) > 1 and (len(self.files) > self.max_files or total > self.max_bytes):
                _, (victim, vsize) = self.files.popitem(last=False)
                victim.unlink(missing_ok=True)  # a response still streaming it keeps its open handle
                total -= vsize

    def clear(self) -> None:
        with self.lock:
            for path, _ in self.files.values():
                path.unlink(missing_ok=True)
            self.files.clear()


def _remove_orphans() -> None:
    """Folders left by server processes that are gone (uvicorn ends on SIGTERM by re-raising it, so their
    atexit cleanup never ran)."""
    for folder in Path(tempfile.gettempdir()).glob("duban-exports-*-*"):
        pid = folder.name.split("-")[2]
        if not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue


def chunks(handle: BinaryIO) -> Iterator[bytes]:
    """The file's bytes in chunks (a sync iterator: Starlette reads it in its thread pool); closes it."""
    try:
        while block := handle.read(CHUNK):
            yield block
    finally:
        handle.close()


DOWNLOADS = Downloads()
