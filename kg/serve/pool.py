"""A pool of killable query worker processes (kg.serve.worker), driven from asyncio.

Why processes: pyoxigraph evaluates in Rust and cannot be interrupted from Python; a thread running a
runaway query would keep a core busy forever. On timeout the worker is killed (SIGKILL) and replaced.

Two ways to get workers:
- "fork" (default where os.fork exists): one *zygote* process, started with the "spawn" method (so the
  threaded HTTP server itself never forks), loads the graph once and forks workers on request. They
  share the graph copy-on-write and are ready in milliseconds: a killed worker is replaced at once,
  and N workers cost about one graph of memory. Measured at 1M triples: replacement 16.6 s -> <0.1 s.
- "spawn": each worker is a fresh interpreter that loads the graph itself (portable; slow to replace).
Either way each worker's address space can be capped (RLIMIT_AS), so a runaway query cannot exhaust
the machine; it dies and is replaced.
"""
from __future__ import annotations

import asyncio
import multiprocessing as mp
import os
import signal
import threading
import time
from multiprocessing.reduction import send_handle

from ..errors import KgError
from . import worker as worker_module


def _long_lived_thread() -> bool:
    """Whether a process started from this thread may ask to die with it (see worker.die_with_parent)."""
    return threading.current_thread().name != "kg-serve-respawn"


class PoolError(Exception):
    """A job could not be answered: ``status`` is the HTTP status to give, ``str()`` the message."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


class Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, conn, pid: int, process: mp.Process | None = None):
        self.conn = conn
        self.pid = pid
        self.process = process          # spawn mode: our child; fork mode: None (a child of the zygote)
        self.pidfd = None
        if process is None and hasattr(os, "pidfd_open"):
            try:  # kill through a pidfd: no risk of hitting a recycled pid
                self.pidfd = os.pidfd_open(pid)
            except OSError:
                pass

    def kill(self) -> None:
        try:
            if self.process is not None:
                self.process.kill()
                self.process.join(timeout=5)
            elif self.pidfd is not None:
                signal.pidfd_send_signal(self.pidfd, signal.SIGKILL)
            else:
                os.kill(self.pid, signal.SIGKILL)
        except (OSError, ValueError):
            pass  # already gone
        for closer in (self.conn.close, lambda: self.pidfd is not None and os.close(self.pidfd)):
            try:
                closer()
            except OSError:
                pass


class QueryPool:
    def __init__(self, paths: list, size: int = 2, memory_mb: int = 0, start_timeout: float = 600,
                 mode: str | None = None):
        self.paths = [str(p) for p in paths]
        self.size = max(1, size)
        self.memory_mb = memory_mb
        self.start_timeout = start_timeout
        self.mode = mode or ("fork" if hasattr(os, "fork") else "spawn")
        self.ctx = mp.get_context("spawn")
        self.triples = 0
        self.restarts = 0
        self._idle: asyncio.Queue | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._all: set[Worker] = set()
        self._lock = threading.Lock()         # guards _all
        self._zygote_lock = threading.Lock()  # one fork request at a time
        self._zygote: tuple | None = None     # (process, control connection)
        self._closed = False
        self._spares: list[Worker] = []

    # --- starting and stopping -----------------------------------------------------------------

    def start(self) -> None:
        """Load the graph and start the workers (raises KgError with the reason if it cannot).

        Call it from a thread that outlives the pool (on Linux the processes die with that thread)."""
        try:
            if self.mode == "fork":
                self._start_zygote()
                workers = [self._fork() for _ in range(self.size)]
            else:
                workers = [self._spawn() for _ in range(self.size)]  # they load in parallel
                for w in workers:
                    self.triples = self._wait_ready(w.conn, w)
        except BaseException:
            self.close()
            raise
        self._spares = workers

    def _start_zygote(self) -> None:
        parent, child = self.ctx.Pipe(duplex=True)
        proc = self.ctx.Process(target=worker_module.zygote, args=(child, self.paths, self.memory_mb,
                                                                   _long_lived_thread()),
                                name="kg-serve-zygote", daemon=True)
        proc.start()
        child.close()
        self._zygote = (proc, parent)
        try:
            self.triples = self._wait_ready(parent, None)
        except KgError:
            proc.kill()
            proc.join(timeout=5)
            self._zygote = None
            raise

    def _fork(self) -> Worker:
        """A new worker forked by the zygote, connected to us by a fresh socket pair."""
        ours, theirs = self.ctx.Pipe(duplex=True)
        with self._zygote_lock:
            if self._zygote is None or not self._zygote[0].is_alive():
                self._start_zygote()  # it died (e.g. out of memory): load the graph again
            proc, ctrl = self._zygote
            try:
                ctrl.send(("fork",))
                send_handle(ctrl, theirs.fileno(), proc.pid)
                if not ctrl.poll(30):
                    raise KgError("the zygote did not fork a worker within 30 s")
                _, pid = ctrl.recv()
            except (EOFError, OSError) as err:
                raise KgError(f"the zygote is gone: {err}") from None
            finally:
                theirs.close()
        w = Worker(ours, pid)
        with self._lock:
            self._all.add(w)
        return w

    def _spawn(self) -> Worker:
        parent, child = self.ctx.Pipe(duplex=True)
        proc = self.ctx.Process(target=worker_module.main, args=(child, self.paths, self.memory_mb,
                                                                 _long_lived_thread()),
                                name="kg-serve-worker", daemon=True)
        proc.start()
        child.close()
        w = Worker(parent, proc.pid, proc)
        with self._lock:
            self._all.add(w)
        return w

    def _wait_ready(self, conn, w: Worker | None) -> int:
        """The "ready" message of a loading process (zygote, or spawned worker)."""
        def fail(message: str):
            if w is not None:
                w.kill()
            raise KgError(message)

        if not conn.poll(self.start_timeout):
            fail(f"the query worker did not load the graph within {self.start_timeout:.0f} s")
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            fail("the query worker died while loading the graph; if it ran out of memory, "
                 "raise --memory-limit")
        if msg[0] != "ready":
            fail(msg[1])
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
        if self._zygote is not None:
            proc, ctrl = self._zygote
            ctrl.close()
            proc.kill()
            proc.join(timeout=5)
            self._zygote = None

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
        except (EOFError, OSError):
            self._replace(w)
            raise PoolError(503, "the query worker stopped while answering (out of memory?); the query "
                                 "was not answered") from None
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
        """Kill ``w`` and start a replacement in the background."""
        with self._lock:
            self._all.discard(w)
        w.kill()
        if self._closed:
            return
        self.restarts += 1
        threading.Thread(target=self._respawn, name="kg-serve-respawn", daemon=True).start()

    def _respawn(self) -> None:
        for attempt in range(5):
            if self._closed:
                return
            try:
                if self.mode == "fork":
                    w = self._fork()
                else:
                    w = self._spawn()
                    self._wait_ready(w.conn, w)
            except KgError:
                time.sleep(1 + attempt)
                continue
            if self._closed:
                w.kill()
                return
            self._loop.call_soon_threadsafe(self._idle.put_nowait, w)
            return
