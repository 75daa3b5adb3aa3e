"""Queries in worker processes that can be stopped.

Oxigraph cannot cancel a running query, and one cross product grows by tens
of megabytes a second for as long as it runs. So the server runs every query
in a small pool of processes, each with the store opened read-only and its
address space capped: a query over its time is stopped by killing its process,
which hands all its memory back, and a fresh process takes its place. A
query that outgrows the cap ends its own process the same way. The web process
itself never runs a query, so it keeps answering while one runs away.

The store is read-only while it is served, so an answer stays true: answers
are kept (up to :data:`CACHE_BYTES`) and a request the pool is already
answering waits for that answer instead of running the query again. This is
what keeps a burst of the same heavy template from queueing behind itself.
A build that switches the store to a new generation (see :mod:`beleidskg.store`)
drops the kept answers, and each worker is replaced by one on the new
generation before its next job; a worker keeps its generation (and its lock on
it) until then, so a query running across the switch still finishes.
"""

from __future__ import annotations

import resource
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from beleidskg import protocol, store, templates
from beleidskg.limits import Limits

if TYPE_CHECKING:  # asyncio and multiprocessing are imported where used
    import asyncio
    from multiprocessing.connection import Connection

#: How long a request may wait for a free worker before it is told the server is busy.
QUEUE_SECONDS = 10.0
#: The answers kept, in bytes of their bodies (least recently used go first).
CACHE_BYTES = 64 * 2**20


class QueryFailed(Exception):
    """A query that did not answer: the HTTP status and a message saying why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _worker_main(store_path: str, conn: Connection, memory_mib: int) -> None:
    """A worker: open the store read-only, then run one job after another until the pipe closes.

    The address-space cap is set once the store is open: it bounds the queries, and opening the store
    (RocksDB reserves address space for its threads and caches, more on a busy machine) must not abort.
    """
    try:
        snapshot = store.Reader(Path(store_path)).current()  # held (with its lock) for the worker's life
    except store.StoreError as exc:
        conn.send((False, str(exc)))
        return
    if memory_mib:
        used = _address_space()
        cap = used + memory_mib * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    db = snapshot.db
    conn.send((True, snapshot.name))
    while True:
        try:
            job, kwargs = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send((True, job(db, **kwargs)))
        except templates.TemplateError as exc:
            conn.send((False, (400, str(exc))))
        except protocol.NotAcceptable as exc:
            conn.send((False, (406, str(exc))))
        except MemoryError:
            conn.send((False, (503, "the query needed more memory than a worker may use; narrow it")))
        except Exception as exc:  # a bug: say which, keep the worker
            conn.send((False, (500, f"{type(exc).__name__}: {exc}")))


def _address_space() -> int:
    """This process's address space now, in bytes (Linux; 0 where /proc does not say)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


class Worker:
    """One process with the store open, and the pipe to it."""

    def __init__(self, store_path: Path, memory_mib: int) -> None:
        import multiprocessing

        ctx = multiprocessing.get_context("spawn")  # the web process has threads; never fork it
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(str(store_path), child, memory_mib), daemon=True)
        self.process.start()
        child.close()
        ok, message = self._receive(60.0)
        if not ok:
            raise store.StoreError(str(message))
        self.generation = str(message)  # the generation the worker opened

    def _receive(self, timeout: float) -> tuple[bool, object]:
        if not self.conn.poll(timeout):
            raise TimeoutError
        try:
            return self.conn.recv()
        except (EOFError, OSError):
            self.process.join(5)  # the pipe closes as the process ends: wait for its exit code
            code = self.process.exitcode
            return False, (503, f"the query ended its worker (exit code {code}); it may need more memory than allowed")

    def call(self, job: Callable, kwargs: dict, timeout: float) -> object:
        try:
            self.conn.send((job, kwargs))
        except OSError:
            raise QueryFailed(503, "a query worker had stopped; try again") from None
        ok, value = self._receive(timeout)
        if not ok:
            raise QueryFailed(*value)
        return value

    @property
    def alive(self) -> bool:
        return self.process.is_alive()

    def stop(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()


class Pool:
    """``size`` workers on the store at ``store_path``; :meth:`run` sends a job to a free one."""

    def __init__(self, store_path: Path, size: int = 2, limits: Limits | None = None) -> None:
        self._reader = store.Reader(store_path)
        self.store_path = Path(store_path)
        self.size = size
        self.limits = limits or Limits()
        self._threads = ThreadPoolExecutor(max_workers=size, thread_name_prefix="query")
        self._idle: asyncio.Queue[Worker] | None = None
        self._answers: OrderedDict[tuple, object] = OrderedDict()
        self._cached_bytes = 0
        self._running: dict[tuple, asyncio.Future] = {}
        self.generation = self._reader.current().name

    async def start(self) -> None:
        import asyncio

        loop = asyncio.get_running_loop()
        self._idle = asyncio.Queue()
        workers = await asyncio.gather(*(loop.run_in_executor(self._threads, self._spawn) for _ in range(self.size)))
        for w in workers:
            self._idle.put_nowait(w)

    def _spawn(self) -> Worker:
        return Worker(self.store_path, self.limits.memory_mib)

    async def run(self, job: Callable, **kwargs: object) -> object:
        """``job(db, **kwargs)``: the kept answer, the answer of the same job already running, or a new run."""
        import asyncio

        self.snapshot()
        key = (job.__module__, job.__qualname__, repr(sorted(kwargs.items())))
        if key in self._answers:
            self._answers.move_to_end(key)
            return self._answers[key]
        if key in self._running:
            return await asyncio.shield(self._running[key])
        future = asyncio.get_running_loop().create_future()
        self._running[key] = future
        try:
            value = await self._run(job, kwargs)
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # retrieved: nobody else may be waiting
            raise
        else:
            future.set_result(value)
            self._keep(key, value)
            return value
        finally:
            del self._running[key]

    def snapshot(self) -> store.Snapshot:
        """The store's current generation; when a build switched it, the kept answers go (workers follow in
        :meth:`_call`)."""
        current = self._reader.current()
        if current.name != self.generation:
            self.generation = current.name
            self._answers.clear()
            self._cached_bytes = 0
        return current

    def _keep(self, key: tuple, value: object) -> None:
        size = len(getattr(value, "body", b"")) or 1024
        if size > CACHE_BYTES // 4:
            return
        self._answers[key] = value
        self._cached_bytes += size
        while self._cached_bytes > CACHE_BYTES:
            _, old = self._answers.popitem(last=False)
            self._cached_bytes -= len(getattr(old, "body", b"")) or 1024

    async def _run(self, job: Callable, kwargs: dict) -> object:
        """``job(db, **kwargs)`` in a worker, within the time limit; :class:`QueryFailed` says why not."""
        import asyncio

        assert self._idle is not None, "Pool.start() first"
        idle = self._idle
        try:
            worker = await asyncio.wait_for(idle.get(), QUEUE_SECONDS)
        except TimeoutError:
            raise QueryFailed(503, f"all {self.size} query workers are busy; try again shortly") from None
        future = asyncio.get_running_loop().run_in_executor(self._threads, self._call, worker, job, kwargs)
        # the worker goes back when its job is done, even if the client has gone meanwhile
        future.add_done_callback(lambda f: idle.put_nowait(worker if f.exception() else f.result()[0]))
        _, value, failure = await asyncio.shield(future)
        if failure is not None:
            raise failure
        return value

    def _call(self, worker: Worker, job: Callable, kwargs: dict) -> tuple[Worker, object, QueryFailed | None]:
        """Run the job; a worker that overran or died is killed and replaced (the first item)."""
        if not worker.alive or worker.generation != self.generation:  # ended while idle, or on a replaced store
            worker.stop()
            worker = self._spawn()
        try:
            return worker, worker.call(job, kwargs, self.limits.timeout), None
        except TimeoutError:
            failure = QueryFailed(
                503, f"the query ran longer than {self.limits.timeout:g} s and was stopped; narrow it or add a LIMIT"
            )
        except QueryFailed as exc:
            if worker.alive:
                return worker, None, exc
            failure = exc
        worker.stop()
        try:
            return self._spawn(), None, failure
        except (store.StoreError, TimeoutError, OSError):
            return worker, None, failure

    async def close(self) -> None:
        if self._idle is not None:
            while not self._idle.empty():
                self._idle.get_nowait().stop()
        self._threads.shutdown(wait=False, cancel_futures=True)
