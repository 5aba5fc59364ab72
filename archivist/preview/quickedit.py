"""serve's quick edits: an article's text edit on the page in milliseconds, from the
model kept in memory (incremental/savedmodel.py renders the pages showing it), written
into the live ``output/`` file by file before the full build that follows brings the rest
(the search index included) up to date in its swap. Only the preview does this: a build
from the command line changes ``output/`` in one swap."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable

from ..build.output import replace_files
from ..build.store import Store
from ..incremental.lastbuild import BuildRecord
from ..incremental.savedmodel import LIVE, Live, render_edit
from ..model.errors import Problem


@dataclass(frozen=True)
class QuickReport:
    """What a quick edit did."""

    articles: int
    rendered: int
    written: int
    seconds: float
    warnings: dict[str, tuple[Problem, ...]] = field(default_factory=dict, repr=False)
    """The edited articles' warnings, by the path problems name."""


def quick_edit(memory: dict[str, Any], store: Store, changed: Iterable[Path]) -> QuickReport | None:
    """``serve``: publish edits of existing article files straight from the model in
    memory, replacing their pages in output/ one by one before the full build that
    follows; None (nothing done) when the changes need a full build or no model is kept."""
    start = time.perf_counter()
    live: Live | None = memory.get(LIVE)
    record = store.get(live.record) if live is not None else None
    if live is None or not isinstance(record, BuildRecord):
        return None
    edit = render_edit(live, store, changed)
    if edit is None:
        return None
    if any(record.files.get(name) != _output_stat(live.output / name) for name in edit.pages):
        return None  # output/ was changed behind this process's back: build it properly
    written = replace_files(live.output, edit.pages)
    files = {**record.files, **{name: _output_stat(live.output / name) for name in written}}
    replaced = tuple(sorted({*record.replaced, *written}))  # their bytes are not in the search index yet
    store.remember(live.record, replace(record, files=files, fingerprints={**record.fingerprints, **edit.fingerprints},
                                        replaced=replaced))
    del memory[LIVE]  # the model is out of date now: the full build that follows makes a new one
    return QuickReport(len(edit.swaps), len(edit.pages), len(written), time.perf_counter() - start, edit.warnings)


def _output_stat(path: Path) -> tuple[int, int] | None:
    """(size, mtime in ns) of an output file, as a snapshot has it; None when it is missing."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns
