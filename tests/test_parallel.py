"""Worker processes: results in order, the parent's own work alongside, background tasks."""

import os

import pytest

from archivist.build import workers as parallel
from archivist.build.workers import in_background, run_chunks


def _square_with_pid(items, offset):
    return [(item * item + offset, os.getpid()) for item in items]


def test_chunks_come_back_in_order_while_the_parent_does_its_own_work():
    if parallel.workers() < 2:
        pytest.fail("these tests need two cores, as CI has")
    done = []
    items = list(range(500))
    results = run_chunks(_square_with_pid, items, 1,
                         meanwhile=lambda: done.append(os.getpid()), each=lambda r: (r[0] - 1, r[1]))
    assert [value for value, _ in results] == [i * i for i in items]
    assert os.getpid() not in {pid for _, pid in results}  # in workers (how many took chunks varies)
    assert done == [os.getpid()]  # once, in this process
    small = run_chunks(_square_with_pid, [3, 4], 0, meanwhile=lambda: done.append(0))
    assert small == [(9, os.getpid()), (16, os.getpid())] and done[-1] == 0  # too few: here


def test_a_background_task_runs_in_another_process_and_its_error_comes_back():
    if parallel.workers() < 2:
        pytest.fail("these tests need two cores, as CI has")
    pending = in_background(lambda: (os.getpid(), sum(range(1000))))
    pid, total = pending()
    assert pid != os.getpid() and total == 499500

    def fail():
        raise ValueError("no")

    with pytest.raises(ValueError, match="no"):
        in_background(fail)()


def _slow_logged(items, log):
    import time

    with open(log, "a", encoding="utf-8") as handle:
        handle.write(f"{items[0]}\n")
    time.sleep(0.2)
    return list(items)


def test_a_failure_of_the_parents_own_work_does_not_wait_for_every_chunk(tmp_path):
    if parallel.workers() < 2:
        pytest.fail("these tests need two cores, as CI has")
    log = tmp_path / "chunks"

    def fail():
        raise ValueError("the parent's work failed")

    with pytest.raises(ValueError, match="parent's work"):
        run_chunks(_slow_logged, list(range(1600)), log, meanwhile=fail)
    started = log.read_text(encoding="utf-8").split()
    assert len(started) < 8  # of 16 chunks: those already running or queued, not the rest


def test_a_worker_lives_while_its_build_does_whatever_the_builds_pid():
    """A worker ends at once when its build is already gone (its parent is not the build
    it was started by), and not otherwise, even when the build's pid is 1 (a container
    running build.py as its first process): the check is against the build's own pid."""
    for parent, code in ((os.getpid(), 0), (1, 1), (os.getpid() + 10**6, 1)):
        child = os.fork()
        if child == 0:
            parallel.die_with_parent(parent)
            os._exit(0)
        assert os.waitstatus_to_exitcode(os.waitpid(child, 0)[1]) == code, parent
