"""The importer on damaged copies of real pages (issue 20 §1): whatever a scraper saved, ``extract_*`` gives a
well-formed draft or says there is no article (``NoArticle``), never another exception.

A seeded property test: each raw page in tests/fixtures/raw is cut, shuffled, re-cased, re-spaced and re-wrapped
in the ways copies arrive, and every draft is checked for the rules a draft must keep.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from archivist.importer.extract import NoArticle, extract_html, extract_text
from archivist.model.places import gazetteer

RAW = sorted((Path(__file__).parent / "fixtures" / "raw").iterdir())


def _lines(change):
    return lambda text, rng: "\n".join(change(text.split("\n"), rng))


DAMAGES = {
    "lines dropped": _lines(lambda lines, rng: [line for line in lines if rng.random() > 0.3]),
    "cut short": _lines(lambda lines, rng: lines[:rng.randint(1, len(lines))]),
    "lines shuffled": _lines(lambda lines, rng: rng.sample(lines, len(lines))),
    "lines cut": _lines(lambda lines, rng: [line[:rng.randint(0, len(line))] for line in lines]),
    "capitals": lambda text, rng: text.upper(),
    "CRLF": lambda text, rng: text.replace("\n", "\r\n"),
    "no-break spaces": lambda text, rng: text.replace(" ", "\u00a0"),
    "zero-width spaces": _lines(lambda lines, rng: [line + "\u200b" for line in lines]),
    "hard-wrapped": _lines(lambda lines, rng: [part for line in lines
                                               for part in (line[:40], line[40:]) if part]),
    "blank lines doubled": lambda text, rng: text.replace("\n", "\n\n"),
    "tabs": lambda text, rng: text.replace(" ", "\t", 3),
    "empty": lambda text, rng: "",
}


@pytest.mark.parametrize("damage", DAMAGES)
@pytest.mark.parametrize("raw", RAW, ids=lambda path: path.name)
def test_a_damaged_copy_gives_a_well_formed_draft_or_no_article(raw, damage):
    places = gazetteer()
    extract = extract_html if raw.suffix == ".html" else extract_text
    text = raw.read_text(encoding="utf-8")
    for seed in range(3):
        damaged = DAMAGES[damage](text, random.Random(f"{raw.name}/{damage}/{seed}"))
        try:
            draft = extract(damaged, places, url="https://example.vn/tin-tuc/bai-viet-1.html")
        except NoArticle as error:
            assert str(error)  # says why
            continue
        assert draft.title and "\n" not in draft.title and draft.title == draft.title.strip()
        assert draft.body.strip()
        assert draft.author is None or (draft.author.strip() and "\n" not in draft.author)
        assert len(draft.localities) == len(draft.places)
        for line, place in zip(draft.localities, draft.places):  # every locality line names its place
            assert places.lookup(line, place.era).place == place
        assert all(isinstance(note, str) and note for note in draft.review)
