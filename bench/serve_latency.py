"""Time one edit in a watch-mode server: from saving a file to the updated HTML on disk.

``measure(...)`` starts a server (``build.py serve`` or ``hugo server``) in its own process
group, waits until its first build is done and its port answers, then R times changes one
word of an article, notes the time just after the write returns, and polls the article's
output HTML every 5 ms until it holds the new text. Alongside, it notes when the server
says its rebuild ended (its own "done" line) and the CPU the server spent on the edit.
The process group is stopped (SIGINT, then SIGTERM, then SIGKILL) however it ends.
Standard library only; Linux (/proc, ``os.wait4``).
"""

from __future__ import annotations

import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

POLL_S = 0.005  # how often the output file is read
SETTLE_S = 0.5  # quiet time after a rebuild before the next edit, plus a random part up to
JITTER_S = 0.5  # this, so that edits do not fall in step with a watcher that wakes at fixed ticks
_TICK = os.sysconf("SC_CLK_TCK")


class ServeError(RuntimeError):
    pass


def free_port() -> int:
    """A port nobody listens on now (the server is asked for it a moment later)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def needles(text: str, at: int, words: tuple[str, ...]) -> dict[str, str]:
    """For the word " và " at ``text[at:]`` and each replacement, that word with its
    neighbouring words as it reads in the HTML: "dân với chính" rather than a bare "với",
    which the page holds elsewhere too. A neighbour is taken only when it touches the
    word's space (so no Markdown or HTML escaping can sit in between)."""
    prev = m.group(0) if (m := re.search(r"\w+$", text[:at])) else ""
    nxt = m.group(0) if (m := re.match(r"\w+", text[at + 4:])) else ""
    return {w: f"{prev + ' ' if prev else ''}{w}{' ' + nxt if nxt else ''}" for w in ("và", *words)}


@dataclass
class _Proc:
    """A server in its own process group, its merged output read line by line."""

    cmd: list
    log: Path
    cwd: Path | None = None
    lines: list[tuple[float, str]] = field(default_factory=list)
    cond: threading.Condition = field(default_factory=threading.Condition)
    ended: bool = False

    def start(self) -> None:
        self.file = open(self.log, "w", encoding="utf-8", buffering=1)
        self.proc = subprocess.Popen([str(c) for c in self.cmd], cwd=self.cwd, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
                                     env={**os.environ, "COLUMNS": "400", "PYTHONUNBUFFERED": "1"})
        self.pump = threading.Thread(target=self._pump, name="serve-output", daemon=True)
        self.pump.start()

    def _pump(self) -> None:
        for raw in self.proc.stdout:
            now = time.perf_counter()
            line = raw.decode("utf-8", errors="replace").rstrip("\n")
            self.file.write(f"{now:.4f} {line}\n")
            with self.cond:
                self.lines.append((now, line))
                self.cond.notify_all()
        with self.cond:
            self.ended = True
            self.cond.notify_all()

    def wait_line(self, pattern: re.Pattern, start: int, deadline: float, fail: re.Pattern | None = None
                  ) -> tuple[int, float, re.Match]:
        """The first line from index ``start`` on matching ``pattern``: (index, time, match)."""
        k = start
        with self.cond:
            while True:
                while k < len(self.lines):
                    t, line = self.lines[k]
                    if fail and fail.search(line):
                        raise ServeError(f"the server says: {line}\n{self.tail()}")
                    if m := pattern.search(line):
                        return k, t, m
                    k += 1
                if self.ended:
                    raise ServeError(f"the server exited ({self.proc.poll()}) before /{pattern.pattern}/\n{self.tail()}")
                left = deadline - time.perf_counter()
                if left <= 0:
                    raise ServeError(f"timed out waiting for /{pattern.pattern}/\n{self.tail()}")
                self.cond.wait(min(left, 1.0))

    def count(self) -> int:
        with self.cond:
            return len(self.lines)

    def tail(self, n: int = 15) -> str:
        return "\n".join(f"  | {line}" for _, line in self.lines[-n:])

    def cpu_s(self) -> float:
        """User + system CPU of the server and the children it has waited for, so far."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rpartition(")")[2].split()
        return sum(int(v) for v in fields[11:15]) / _TICK  # utime stime cutime cstime

    def stop(self) -> float | None:
        """Stop the whole process group (SIGINT, then SIGTERM, then SIGKILL, each with a
        grace period); the server's peak RSS in MB: its own and its waited-for children's
        (wait4, as run.run() reports it), or if it was not reaped here its own (VmHWM)."""
        try:  # in case it cannot be reaped here: its own peak, without its children's
            status = Path(f"/proc/{self.proc.pid}/status").read_text()
            rss = int(re.search(r"^VmHWM:\s+(\d+)", status, re.M).group(1)) / 1024
        except (OSError, AttributeError):
            rss = None
        for sig, grace in ((signal.SIGINT, 10), (signal.SIGTERM, 5), (signal.SIGKILL, 5)):
            if self._gone():
                break
            try:
                os.killpg(self.proc.pid, sig)
            except ProcessLookupError:
                break
            deadline = time.perf_counter() + grace
            while time.perf_counter() < deadline:
                rss = self._reap() or rss
                if self._gone():
                    break
                time.sleep(0.05)
        rss = self._reap() or rss
        self.pump.join(5)
        self.proc.stdout.close()
        self.file.close()
        return rss

    def _reap(self) -> float | None:
        if self.proc.returncode is not None:
            return None
        try:
            pid, status, usage = os.wait4(self.proc.pid, os.WNOHANG)
        except ChildProcessError:
            self.proc.returncode = -1
            return None
        if not pid:
            return None
        self.proc.returncode = os.waitstatus_to_exitcode(status)
        return usage.ru_maxrss / 1024

    def _gone(self) -> bool:
        """The server reaped and nothing left in its process group (a worker, Pagefind)."""
        if self.proc.returncode is None:
            return False
        try:
            os.killpg(self.proc.pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return False


def _port_answers(port: int, deadline: float) -> float:
    """Wait until http://127.0.0.1:port/ answers (any HTTP status); the time it did."""
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                response.read(1)
            return time.perf_counter()
        except urllib.error.HTTPError:
            return time.perf_counter()
        except OSError:
            if time.perf_counter() > deadline:
                raise ServeError(f"nothing answers on port {port}") from None
            time.sleep(0.05)


def measure(label: str, cmd: list, *, port: int, ready: re.Pattern, done: re.Pattern, article: Path, page: Path,
            words: tuple[str, ...], runs: int, log: Path, fail: re.Pattern | None = None,
            port_line: re.Pattern | None = None, start_timeout: float = 3600, edit_timeout: float = 600,
            say: Callable[[str], None] = lambda line: print(line, file=sys.stderr)) -> dict:
    """R edits of ``article`` (its last " và " becomes ``words[k % 2]``) under a running
    ``cmd``; seconds from each write to ``page`` holding the new words. ``ready`` matches
    the line that ends the first build, ``done`` the line that ends each rebuild (its first
    group, if any, is the server's own figure); ``port_line`` (group 1) the port the
    server really took, if it says."""
    original = article.read_text(encoding="utf-8")
    at = original.rfind(" và ")
    if at < original.index("\n---\n"):  # as run.editor(): the last " và " of the body
        raise ServeError(f"no word to edit in {article}")
    want = needles(original, at, words)
    proc = _Proc(cmd, log)
    rss = None
    result: dict = {"command": [str(c) for c in cmd], "article": str(article), "page": str(page),
                    "needles": want, "poll_s": POLL_S, "settle_s": [SETTLE_S, SETTLE_S + JITTER_S], "log": str(log)}
    jitter = random.Random(0)  # the same pauses for every server
    runs_s, done_s, own, cpu, extra = [], [], [], [], []
    try:
        t0 = time.perf_counter()
        proc.start()
        deadline = t0 + start_timeout
        if port_line:
            _, _, m = proc.wait_line(port_line, 0, deadline, fail)
            port = int(m.group(1))
        k_ready, t_ready, _ = proc.wait_line(ready, 0, deadline, fail)
        t_port = _port_answers(port, deadline)
        result["port"] = port
        result["start_s"] = {"first_build_done": round(t_ready - t0, 3), "port_answers": round(t_port - t0, 3)}
        say(f"  {label:<22} started: first build {t_ready - t0:.2f} s, port {port} answers at {t_port - t0:.2f} s")
        if not page.is_file():
            raise ServeError(f"the server's first build has no {page}")
        html = page.read_text(encoding="utf-8", errors="replace")
        if want["và"] not in html or any(want[w] in html for w in words):
            raise ServeError(f"{page} does not read {want['và']!r} (or already has an edited form): cannot tell "
                             "an updated page")
        current = "và"
        for k in range(runs):
            time.sleep(SETTLE_S + jitter.uniform(0, JITTER_S) if k == 0 else jitter.uniform(0, JITTER_S))
            new = words[k % 2]
            if new == current:
                raise ServeError("each edit must change the word")
            mark = proc.count()
            cpu0 = proc.cpu_s()
            article.write_text(original[:at] + f" {new} " + original[at + 4:], encoding="utf-8")
            t_write = time.perf_counter()
            needle = want[new].encode()
            limit, said = t_write + edit_timeout, mark
            while True:
                try:
                    if needle in page.read_bytes():
                        break
                except OSError:  # between two renames of a swap, or a file being replaced
                    pass
                now = time.perf_counter()
                if now > limit:
                    raise ServeError(f"{page} not updated {edit_timeout:.0f} s after the edit\n{proc.tail()}")
                if proc.ended:
                    raise ServeError(f"the server exited during the edit\n{proc.tail()}")
                if fail:  # a failed rebuild never updates the page: stop at once
                    with proc.cond:
                        new_lines, said = proc.lines[said:], len(proc.lines)
                    if any(fail.search(line) for _, line in new_lines):
                        raise ServeError(f"the rebuild after the edit failed\n{proc.tail()}")
                time.sleep(POLL_S)
            t_page = time.perf_counter()
            k_done, t_done, m = proc.wait_line(done, mark, t_write + edit_timeout, fail)
            cpu.append(proc.cpu_s() - cpu0)
            time.sleep(SETTLE_S)  # anything more for the same save (a second rebuild)?
            with proc.cond:
                later = [line for _, line in proc.lines[k_done + 1:]]
            extra.append(later[:5])
            current = new
            runs_s.append(t_page - t_write)
            done_s.append(t_done - t_write)
            own.append(m.group(1) if m.groups() else "")
            say(f"  {label:<22} edit {k + 1}/{runs}: page updated {t_page - t_write:6.3f} s, server done "
                f"{t_done - t_write:6.3f} s ({m.group(0)[:80]}), CPU {cpu[-1]:.2f} s"
                + (f"; then it said {later[0][:60]!r}" if later else ""))
    finally:
        try:  # stop first: restoring the article under a running server would start a rebuild
            rss = proc.stop() if hasattr(proc, "proc") else None
        finally:
            article.write_text(original, encoding="utf-8")
    result.update({
        "median_s": statistics.median(runs_s), "min_s": min(runs_s), "max_s": max(runs_s), "runs_s": runs_s,
        "cpu_median_s": statistics.median(cpu), "runs_cpu_s": cpu,
        "peak_rss_mb": rss if rss is not None else 0.0,
        "done_median_s": statistics.median(done_s), "done_min_s": min(done_s), "done_max_s": max(done_s),
        "done_runs_s": done_s,
        "page_before_done": [p <= d for p, d in zip(runs_s, done_s)],
        "server_says": own, "said_after_done": extra,
    })
    return result
