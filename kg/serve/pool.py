"""A pool of killable query worker processes (kg.serve.worker), driven from asyncio.

Why processes: pyoxigraph evaluates in Rust and cannot be interrupted from Python; a thread running
a runaway query would keep a core busy forever. On timeout the worker is killed (SIGKILL) and a
fresh one is started in the background while the others keep serving. Each worker loads the graph
itself ("spawn" start method: no fork of a threaded server), so its memory can be capped
(RLIMIT_AS) without touching the server.
"""
from __future__ import annotations

import asyncio
import multiprocessing as mp
import threading
import time
from dataclasses import dataclass

from ..errors import KgError
from . import worker as worker_module


class PoolError(Exception):
    """A job could not be answered: ``status`` is the HTTP status to give, ``str()`` the message."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


@dataclass(eq=False)  # identity semantics: workers live in a set
class Worker:
    process: mp.Process
    conn: object  # multiprocessing.connection.Connection

    def kill(self) -> None:
        try:
            self.process.kill()
        except (OSError, ValueError):
            pass
        self.process.join(timeout=5)
        try:
            self.conn.close()
        except OSError:
            pass


class QueryPool:
    def __init__(self, paths: list[str], size: int = 2, memory_mb: int = 0, start_timeout: float = 600):
        self.paths = [str(p) for p in paths]
        self.size = max(1, size)
        self.memory_mb = memory_mb
        self.start_timeout = start_timeout
        self.ctx = mp.get_context("spawn")
        self.triples = 0
        self._idle: asyncio.Queue | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._all: set = set()
        self._lock = threading.Lock()
        self._closed = False
        self._spares: list[Worker] = []
        self.restarts = 0

    # --- starting and stopping -----------------------------------------------------------------

    def start(self) -> None:
        """Start the workers and wait until each has loaded the graph (raises KgError if it cannot)."""
        workers = [self._launch() for _ in range(self.size)]  # load in parallel
        try:
            for w in workers:
                self.triples = self._wait_ready(w)
        except BaseException:
            for w in workers:
                w.kill()
            raise
        self._spares = workers

    def _launch(self) -> Worker:
        parent, child = self.ctx.Pipe(duplex=True)
        proc = self.ctx.Process(target=worker_module.main, args=(child, self.paths, self.memory_mb),
                                name="kg-serve-worker", daemon=True)
        proc.start()
        child.close()
        w = Worker(proc, parent)
        with self._lock:
            self._all.add(w)
        return w

    def _wait_ready(self, w: Worker) -> int:
        if not w.conn.poll(self.start_timeout):
            w.kill()
            raise KgError(f"query worker did not load the graph within {self.start_timeout:.0f} s")
        try:
            msg = w.conn.recv()
        except (EOFError, OSError):
            code = w.process.exitcode
            w.kill()
            raise KgError(f"query worker died while loading the graph (exit status {code}); "
                          f"if it ran out of memory, raise --memory-limit") from None
        if msg[0] != "ready":
            w.kill()
            raise KgError(msg[1])
        return int(msg[1])

    async def attach(self) -> None:
        """Bind to the running event loop (call once, from the server's lifespan)."""
        self._loop = asyncio.get_running_loop()
        self._idle = asyncio.Queue()
        for w in self._spares:
            self._idle.put_nowait(w)
        self._spares = []

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            w.kill()

    # --- running jobs --------------------------------------------------------------------------

    async def run(self, job: tuple, timeout: float) -> tuple:
        """Send ``job`` to an idle worker; its reply, or PoolError(503) when the time is up."""
        if self._idle is None:
            raise RuntimeError("QueryPool.attach() was not called")
        deadline = time.monotonic() + timeout
        try:
            w = await asyncio.wait_for(self._idle.get(), timeout)
        except asyncio.TimeoutError:
            raise PoolError(503, f"the server is busy: no query worker became free within {timeout:g} s; "
                                 f"try again") from None
        try:
            w.conn.send(job)
            ready = await self._readable(w, max(deadline - time.monotonic(), 0.001))
            if not ready:
                self._replace(w)
                raise PoolError(503, f"query timed out after {timeout:g} s and was stopped; add LIMIT, "
                                     f"anchor the query on a type or a label, or avoid cartesian products")
            reply = await asyncio.to_thread(w.conn.recv)
        except (EOFError, OSError, BrokenPipeError):
            code = w.process.exitcode
            self._replace(w)
            hint = " (out of memory?)" if code in (-6, -9, 134, 137) or code is None else ""
            raise PoolError(503, f"the query worker stopped while answering{hint}; the query was not "
                                 f"answered") from None
        self._idle.put_nowait(w)
        return reply

    async def _readable(self, w: Worker, timeout: float) -> bool:
        """Wait for the worker's reply without a thread: a reader callback on the pipe's descriptor."""
        loop = asyncio.get_running_loop()
        fut = loop.create_future()
        fd = w.conn.fileno()
        loop.add_reader(fd, lambda: fut.done() or fut.set_result(True))
        try:
            return await asyncio.wait_for(fut, timeout)
        except asyncio.TimeoutError:
            return False
        finally:
            loop.remove_reader(fd)

    def _replace(self, w: Worker) -> None:
        """Kill ``w`` and start a replacement in the background (loading takes as long as at start)."""
        with self._lock:
            self._all.discard(w)
        w.kill()
        if self._closed:
            return
        self.restarts += 1
        threading.Thread(target=self._respawn, name="kg-serve-respawn", daemon=True).start()

    def _respawn(self) -> None:
        for attempt in range(3):
            if self._closed:
                return
            w = self._launch()
            try:
                self._wait_ready(w)
            except KgError:
                with self._lock:
                    self._all.discard(w)
                time.sleep(1 + attempt)
                continue
            if self._closed:
                w.kill()
                return
            self._loop.call_soon_threadsafe(self._idle.put_nowait, w)
            return
