"""Spread pure work over the machine's cores with forked worker processes.

Workers are forked after the parent has loaded what they need (the gazetteer, the site
model), and get it through fork, as the arguments of their start: nothing large is
pickled to them, only the chunks' items and the results travel.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import multiprocessing
import os
import signal
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Sequence, TypeVar

C = TypeVar("C")
T = TypeVar("T")

PLAIN = "ARCHIVIST_PLAIN"
"""The environment variable that switches the speed machinery off (``plain``)."""


def plain() -> bool:
    """True when ``ARCHIVIST_PLAIN=1``: builds run serially in one process, without the
    cache (no parse cache, build record, saved model or compiled templates), so every
    build is a full one. The output must be the same bytes (a CI step checks it)."""
    return os.environ.get(PLAIN) == "1"


def workers() -> int:
    """How many processes to use: the cores this process may run on (1 when ``plain``)."""
    if plain():
        return 1
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    """Whether work can go to forked processes here: more than one core, and ``fork``."""
    return workers() > 1 and "fork" in multiprocessing.get_all_start_methods()


@contextmanager
def uncollected() -> Iterator[None]:
    """Garbage collection off for a while, for work that makes millions of objects and no
    cycles (loading a saved model, reading a search index's words): each collection would
    walk every object of the process (the model of a 10k archive: ~4× the time of the work
    itself) and find nothing to free."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def frozen() -> Iterator[None]:
    """Around forking: this process's objects are left out of garbage collection, so that
    the children's collections do not walk (and so copy) the pages holding them."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def run_chunks(function: Callable[[Sequence[Any], C], list[Any]], items: Sequence[Any], context: C, *,
               min_items: int = 64, meanwhile: Callable[[], None] | None = None,
               each: Callable[[Any], Any] | None = None, advance: Callable[[int], None] | None = None) -> list[Any]:
    """``function(chunk, context)`` over contiguous chunks of ``items`` in worker
    processes, each forked with ``context`` (not pickled); results in order. Small
    inputs, one core or no ``fork`` run in this process. ``meanwhile`` is this process's
    own work, done while the workers run (after they are forked, so that no thread of it
    is copied into them), or after ``function`` when there are none. ``each`` is applied
    to every result in this process, a chunk's as soon as it comes (while the workers go
    on with the next ones). ``advance(n)`` is told of each chunk's ``n`` items as its
    results come (progress.Progress)."""
    count = workers()
    if len(items) < min_items or not can_fork():
        # in this process; in chunks when told of progress, so that it moves (a chunk
        # or the whole, ``function`` gives the same results)
        parts = [items] if advance is None or len(items) < min_items else _chunks(items, 16)
        results = []
        for part in parts:
            results.extend(function(part, context))
            if advance is not None:
                advance(len(part))
        if meanwhile is not None:
            meanwhile()
        return results if each is None else [each(result) for result in results]
    chunks = _chunks(items, count * 8)  # small enough that the last chunks end together
    with ProcessPoolExecutor(max_workers=count, mp_context=multiprocessing.get_context("fork"),
                             initializer=_start_worker, initargs=(os.getpid(), function, context)) as pool:
        with frozen():
            parts = pool.map(_run_chunk, chunks)  # every worker is forked by now (fork: all at the first task)
        try:
            if meanwhile is not None:
                meanwhile()
            results: list[Any] = []
            for chunk, part in zip(chunks, parts):
                results.extend(part if each is None else map(each, part))
                if advance is not None:
                    advance(len(chunk))
        except BaseException:
            pool.shutdown(cancel_futures=True)  # the chunks not started yet are not waited for
            raise
    return results


def _chunks(items: Sequence[Any], count: int) -> list[Sequence[Any]]:
    """``items`` in about ``count`` contiguous chunks."""
    size = max(1, -(-len(items) // count))
    return [items[i:i + size] for i in range(0, len(items), size)]


_WORKER: list[Any] = []
"""In a worker process: what its start was given (``_start_worker``)."""


def _start_worker(parent: int, *given: Any) -> None:
    die_with_parent(parent)
    _WORKER[:] = given


def _run_chunk(chunk: Sequence[Any]) -> list[Any]:
    function, context = _WORKER
    return function(chunk, context)


def in_background(function: Callable[[], T]) -> Callable[[], T]:
    """Start ``function`` in a forked process, while this one goes on; the callable
    returned waits for its result (and must be called). On one core or without ``fork``,
    ``function`` runs when its result is asked for."""
    if not can_fork():
        return function
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"),
                               initializer=_start_worker, initargs=(os.getpid(), function))
    with frozen():
        future = pool.submit(_run_task)  # forks the worker

    def result() -> T:
        try:
            return future.result()
        finally:
            pool.shutdown()

    return result


def _run_task() -> Any:
    (function,) = _WORKER
    return function()


def die_with_parent(parent: int) -> None:
    """Worker start: end when the build process (``parent``, its pid) ends, even by
    SIGKILL (a forked worker would otherwise wait on its task queue forever, or finish work
    nobody waits for)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass
    if os.getppid() != parent:  # the parent died before prctl took effect (a build run as pid 1 is no exception)
        os._exit(1)


_PR_SET_PDEATHSIG = 1
