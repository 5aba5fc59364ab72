"""The search page's browse data (archivist/build/browse.py) against the site's own
pages: every filter value lists exactly the articles whose page carries that Pagefind
filter, in site order, and the display rows match archive.json."""

import json
import random
import re
from html import unescape

from archivist.build.browse import GROUPS, _deltas
from archivist.commands import Project, build
from tests.golden import ROOT

FILTER = re.compile(r'<span data-pagefind-filter="([^"]+)">([^<]*)</span>')


def decode(tokens):
    ids, at = [], -1
    for token in tokens:
        if token > 0:
            at += token
            ids.append(at)
        else:
            ids.extend(range(at + 1, at + 1 - token))
            at -= token
    return ids


def test_numbers_round_trip_through_their_encoding():
    rng = random.Random(5)
    for _ in range(300):
        ids = sorted(rng.sample(range(400), rng.randint(0, 120)))
        if rng.random() < 0.3:
            start = rng.randint(0, 300)
            ids = sorted(set(ids) | set(range(start, start + rng.randint(1, 60))))
        assert decode(_deltas(ids)) == ids
    assert _deltas([3, 4, 5, 6, 9]) == [4, -3, 3]


def test_browse_data_lists_what_each_article_page_carries(tmp_path):
    out = tmp_path / "output"
    build(Project.at(ROOT, output=out))  # the sample archive, search on
    records = json.loads((out / "archive.json").read_text(encoding="utf-8"))["articles"]
    main = json.loads((out / "tim-kiem/duyet.json").read_text(encoding="utf-8"))
    assert main["count"] == len(records)
    expected: dict[str, dict[str, list[int]]] = {key: {} for key in GROUPS}
    undated = None
    for number, record in enumerate(records):
        assert "://" not in record["url"]  # the sample site has no base_url: routes
        page = (out / record["url"] / "index.html").read_text(encoding="utf-8")
        for key, value in sorted(set(FILTER.findall(page))):
            if key == "nam" and not record["date"]:
                undated, value = unescape(value), ""
            expected[key].setdefault(unescape(value), []).append(number)
    assert undated == "Không rõ năm"
    for key in GROUPS:
        data = json.loads((out / f"tim-kiem/duyet/{key}.json").read_text(encoding="utf-8"))
        got = {value: decode(tokens) for value, tokens in zip(data["values"], data["ids"])}
        assert got == expected[key], key
        if key in main["groups"]:
            assert dict(zip(main["groups"][key]["values"], main["groups"][key]["counts"])) == \
                {value: len(ids) for value, ids in got.items()}
    rows = json.loads((out / "tim-kiem/duyet/bai/0.json").read_text(encoding="utf-8"))
    assert [(row[0], row[1], row[2]) for row in rows] == \
        [(r["url"], r["title"], r["date"] or "") for r in records]
