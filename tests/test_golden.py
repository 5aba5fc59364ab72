"""The fixture archive's output equals tests/golden/ file by file (refresh: python -m tests.golden)."""

import difflib

from tests.golden import GOLDEN, files


def test_output_matches_golden(fixture_site):
    expected, actual = files(GOLDEN), files(fixture_site)
    assert sorted(actual) == sorted(expected), "pages added or missing; run python -m tests.golden if intended"
    diffs = []
    for path in sorted(expected):
        if actual[path] != expected[path]:
            diffs.extend(difflib.unified_diff(
                expected[path].decode(errors="replace").splitlines(), actual[path].decode(errors="replace").splitlines(),
                f"golden/{path}", f"output/{path}", lineterm="", n=2))
    assert not diffs, "output differs from tests/golden (python -m tests.golden to refresh):\n" + "\n".join(diffs[:200])
