"""The commands' build: the pipeline with the speed machinery attached. ``build.py``,
``serve`` and the tests build through here; ``pipeline.build`` alone is the plain build."""

from __future__ import annotations

from typing import Any

from .build import pipeline
from .build.project import BuildReport, Project
from .incremental.attach import attach

__all__ = ["BuildReport", "Project", "build"]


def build(project: Project, **options: Any) -> BuildReport:
    """``pipeline.build`` with ``incremental.attach`` (see pipeline.build for the options)."""
    return pipeline.build(project, attach=attach, **options)
