"""Spread pure work over the machine's cores with forked worker processes.

Workers are forked after the parent has loaded what they need (the gazetteer, the site
model), so nothing large is pickled to them; only results travel back.
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

_SHARED: dict[str, Any] = {}

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


def shared(name: str) -> Any:
    """A value the parent published with ``run_chunks(..., shared=…)``, in a worker."""
    return _SHARED[name]


def can_fork() -> bool:
    """Whether work can go to forked processes here: more than one core, and ``fork``."""
    return workers() > 1 and "fork" in multiprocessing.get_all_start_methods()


@contextmanager
def frozen() -> Iterator[None]:
    """Around forking: this process's objects are left out of garbage collection, so that
    the children's collections do not walk (and so copy) the pages holding them."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def run_chunks(function: Callable[[Sequence[Any]], list[Any]], items: Sequence[Any], *,
               shared_values: dict[str, Any] | None = None, min_items: int = 64,
               meanwhile: Callable[[], None] | None = None, each: Callable[[Any], Any] | None = None) -> list[Any]:
    """``function`` over contiguous chunks of ``items`` in worker processes; results in
    order. Small inputs, one core or no ``fork`` run in this process. ``meanwhile`` is
    this process's own work, done while the workers run (after they are forked, so that
    no thread of it is copied into them), or after ``function`` when there are none.
    ``each`` is applied to every result in this process, a chunk's as soon as it comes
    (while the workers go on with the next ones)."""
    _SHARED.clear()
    _SHARED.update(shared_values or {})
    count = workers()
    if len(items) < min_items or not can_fork():
        results = function(items)
        if meanwhile is not None:
            meanwhile()
        return results if each is None else [each(result) for result in results]
    size = -(-len(items) // (count * 8))  # small enough that the last chunks end together
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    with ProcessPoolExecutor(max_workers=count, mp_context=multiprocessing.get_context("fork"),
                             initializer=die_with_parent) as pool:
        with frozen():
            parts = pool.map(function, chunks)  # every worker is forked by now (fork: all at the first task)
        try:
            if meanwhile is not None:
                meanwhile()
            results: list[Any] = []
            for part in parts:
                results.extend(part if each is None else map(each, part))
        except BaseException:
            pool.shutdown(cancel_futures=True)  # the chunks not started yet are not waited for
            raise
    return results


T = TypeVar("T")
_TASKS: dict[int, Callable[[], Any]] = {}


def in_background(function: Callable[[], T]) -> Callable[[], T]:
    """Start ``function`` in a forked process, while this one goes on; the callable
    returned waits for its result (and must be called). On one core or without ``fork``,
    ``function`` runs when its result is asked for."""
    if not can_fork():
        return function
    token = id(function)
    _TASKS[token] = function
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"),
                               initializer=die_with_parent)
    try:
        with frozen():
            future = pool.submit(_run_task, token)  # forks the worker
    finally:
        del _TASKS[token]

    def result() -> T:
        try:
            return future.result()
        finally:
            pool.shutdown()

    return result


def _run_task(token: int) -> Any:
    return _TASKS[token]()


def die_with_parent() -> None:
    """Worker start: end when the build process ends, even by SIGKILL (a forked worker
    would otherwise wait on its task queue forever, or finish work nobody waits for)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass
    if os.getppid() == 1:  # the parent died before prctl took effect
        os._exit(1)


_PR_SET_PDEATHSIG = 1
