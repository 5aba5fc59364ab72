#!/usr/bin/env python3
"""Per-field accuracy of the importer on a set of raw pages with known true fields.

    python bench/import_accuracy.py [SET_DIR] [--show-misses] [--json OUT] [--second-labels DIR]

SET_DIR (default tests/fixtures/import_heldout) holds one folder per page: the raw page
(``page.txt`` or ``page.html``) and ``expected.yaml`` with the page's true fields:

    input: page.txt            # the raw page in this folder
    url: https://…             # optional: the address it was retrieved from (as --url gives it)
    title: …                   # the headline as published
    date: 2023-09-10           # or null: the publication date the page states
    author: …                  # or null
    source: …                  # or null: the publication's name
    locality: huyện X, tỉnh Y  # the main place, as a locality line
    province: Y                # its province (short name)

Each field is right when the draft's value equals the true one: title, author and source
as strings (spacing aside; the author's case aside too, as a byline printed in capitals is
written as running text writes the name; a source's "&" is its "và"); publisher is the source
again with its spelling aside (case, diacritics, the abbreviations UBND, MTTQ, TP.HCM and the like, the
words "Cổng/Trang thông tin điện tử" before its name, a "tỉnh" before its province): the same
publisher, named by another convention; the date by its ISO form, the place by the unit the draft
lists first against the unit the true locality line resolves to (in the units in force
at the article's date; for an undated page, in either era's units where the line resolves in
both), the province by that unit's province. A field the draft leaves
empty is right only when the truth is empty too.

The default set is synthetic: pages written by this project (see bench/README.md), not a
substitute for real held-out pages.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from archivist.importer.extract import NoArticle, extract_html, extract_text  # noqa: E402
from archivist.model.places import Place, PlaceError, eras_for, gazetteer  # noqa: E402
from archivist.model.records import parse_date  # noqa: E402
from archivist.model.vietnamese import fold, normalize_tones  # noqa: E402

FIELDS = ("title", "date", "author", "source", "publisher", "place", "province")

# Abbreviations and linking marks a publisher's name is written with or without ("Văn phòng UBND tỉnh X",
# "Hội Cựu TNXP", "Báo Pháp luật TP.HCM", "Đài Phát thanh - Truyền hình", "Thành Đoàn Phan Rang-Tháp Chàm").
_SPELT_OUT = [(re.compile(pattern, re.I), words) for pattern, words in (
    (r"\bUBND\b", "ủy ban nhân dân"), (r"\bHĐND\b", "hội đồng nhân dân"), (r"\bMTTQ\b", "mặt trận tổ quốc"),
    (r"\bTNXP\b", "thanh niên xung phong"), (r"\bLĐLĐ\b", "liên đoàn lao động"), (r"\bCCB\b", "cựu chiến binh"),
    (r"\bLHPN\b", "liên hiệp phụ nữ"), (r"\bTTĐT\b", "thông tin điện tử"), (r"\bPT-?TH\b", "phát thanh truyền hình"),
    (r"\bTP\.?\s*HCM\b", "thành phố hồ chí minh"), (r"\bTP\.?(?=\s)", "thành phố"),
    (r"(?:^|\s)(?:&|và|-|–)(?=\s)|(?<=\w)[-–](?=\w)", " "),
    (r"^(?:cổng|trang)\s+thông\s+tin\s+điện\s+tử\s+", ""))]
_PROVINCE_WORD = re.compile(r"(?<!\w)tỉnh\s+(?=(\w))")  # "tỉnh" before a province's name, not "Tỉnh ủy"


def _publisher_key(name: str | None) -> str | None:
    """A publisher's name with its spelling aside: case, diacritics and tone placement, the abbreviations and linking
    marks above, the words "Cổng/Trang thông tin điện tử" its site's name adds, a "tỉnh" before its province."""
    if name is None:
        return None
    name = _PROVINCE_WORD.sub(lambda m: "" if m[1].isupper() else m[0], normalize_tones(name))
    for pattern, words in _SPELT_OUT:
        name = pattern.sub(words, name.strip().lower())
    return fold(name)


def _text(value: object) -> str | None:
    return None if value is None else " ".join(str(value).split())


def score_page(folder: Path) -> dict[str, tuple[bool, object, object]]:
    """field → (right, found, expected) for one page folder."""
    expected = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))
    raw = (folder / expected["input"]).read_text(encoding="utf-8")
    extract = extract_html if expected["input"].endswith((".html", ".htm")) else extract_text
    try:
        draft = extract(raw, gazetteer(), url=expected.get("url"))
    except NoArticle as error:
        return {f: (False, f"no article: {error}", expected.get(f)) for f in FIELDS}
    found = {"title": draft.title, "date": draft.date.iso if draft.date else None, "author": draft.author,
             "source": draft.source.name if draft.source else None}
    return compare(found, draft.places[0] if draft.places else None, expected, folder.name)


def compare(found: dict[str, object], found_place: Place | None, expected: dict, name: str
            ) -> dict[str, tuple[bool, object, object]]:
    """field → (right, found, expected): ``found`` holds the title, ISO date, author and source found (by the
    importer or by a second labeller), ``found_place`` the main place."""
    places = gazetteer()
    true_date = parse_date(str(expected["date"])) if expected.get("date") else None
    # an undated page's locality line may name units of either era (as the importer reads it): the unit of
    # the era the draft's place is in, where the line resolves there
    readings = []
    for era in eras_for(true_date):
        try:
            readings.append(places.lookup(expected["locality"], era).place)
        except PlaceError as error:
            failure = error
    if not readings:
        raise SystemExit(f"{name}/expected.yaml: locality: {failure.message}")
    true_place = next((p for p in readings if found_place is not None and p.key == found_place.key), readings[0])
    result = {
        "title": (_text(found["title"]), _text(expected["title"])),
        "date": (found["date"], true_date.iso if true_date else None),
        "author": (_text(found["author"]), _text(expected.get("author"))),
        "source": (_text(found["source"]), _text(expected.get("source"))),
        "place": (found_place.label if found_place else None, true_place.label),
        "province": (found_place.chain[0].short if found_place else None, true_place.chain[0].short),
    }
    scored = {field: (found == want, found, want) for field, (found, want) in result.items()}
    # a byline printed in capitals ("VĂN LANG") is the name the importer writes as running text does
    found, want = result["author"]
    scored["author"] = (found == want or bool(found and want and found.casefold() == want.casefold()), found, want)
    # a publication's "&" is its "và" ("Báo Kinh tế & Đô thị")
    found, want = (value and value.replace(" & ", " và ") for value in result["source"])
    scored["source"] = (found == want, *result["source"])
    found, want = result["source"]
    scored["publisher"] = (_publisher_key(found) == _publisher_key(want), found, want)
    if found_place is not None and found_place.key != true_place.key:
        scored["place"] = (False, found_place.label, true_place.label)
    return scored


def second_labels(folder: Path, labels: Path) -> dict[str, tuple[bool, object, object]] | None:
    """The page's fields as a second labeller wrote them (``labels``/<page>/label.yaml, the fields of an
    expected.yaml), scored against its expected.yaml; None when that labeller left the page out."""
    path = labels / folder.name / "label.yaml"
    if not path.is_file():
        return None
    expected = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))
    label = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    try:
        date = parse_date(str(label["date"])) if label.get("date") else None
    except ValueError as error:
        raise SystemExit(f"{path}: date: {error}") from None
    place = None  # in the units of the label's date, or of either era for an undated page
    for era in eras_for(date) if label.get("locality") else ():
        try:
            place = place or gazetteer().lookup(str(label["locality"]), era).place
        except PlaceError:
            pass
    found = {"title": label.get("title"), "date": date.iso if date else None, "author": label.get("author"),
             "source": label.get("source")}
    return compare(found, place, expected, folder.name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("set_dir", nargs="?", type=Path, default=ROOT / "tests" / "fixtures" / "import_heldout")
    parser.add_argument("--show-misses", action="store_true", help="list every wrong field with both values")
    parser.add_argument("--json", type=Path, help="write the per-page results to this file")
    parser.add_argument("--second-labels", type=Path, metavar="DIR",
                        help="a second labeller's labels of the same pages (DIR/<page>/label.yaml): how often the "
                             "two labellers agree, and the importer with each")
    options = parser.parse_args(argv)
    folders = sorted(p for p in options.set_dir.iterdir() if (p / "expected.yaml").is_file())
    if not folders:
        raise SystemExit(f"{options.set_dir}: no page folders with an expected.yaml")
    results = {folder.name: score_page(folder) for folder in folders}
    print(f"{len(folders)} pages in {options.set_dir}\n")
    print("| field | right | accuracy |")
    print("| --- | ---: | ---: |")
    for field in FIELDS:
        right = sum(r[field][0] for r in results.values())
        print(f"| {field} | {right}/{len(folders)} | {100 * right / len(folders):.0f} % |")
    if options.second_labels:
        _agreement(folders, results, options.second_labels)
    if options.show_misses:
        print()
        for name, scored in results.items():
            for field, (right, found, want) in scored.items():
                if not right:
                    print(f"{name}: {field}: got {found!r}, expected {want!r}")
    if options.json:
        options.json.write_text(json.dumps({n: {f: {"right": r, "found": found, "expected": want}
                                                for f, (r, found, want) in s.items()} for n, s in results.items()},
                                           ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")
    return 0


def _agreement(folders: list[Path], results: dict[str, dict], labels: Path) -> None:
    """Per field: pages where the second labeller agrees with the first (expected.yaml), and where the importer
    agrees with the first, with the second, with either."""
    second = {folder.name: scored for folder in folders if (scored := second_labels(folder, labels)) is not None}
    print(f"\n{len(second)} pages labelled again in {labels}\n")
    print("| field | labellers agree | importer = first | importer = second | importer = either |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for field in FIELDS:
        agree = sum(s[field][0] for s in second.values())
        first = sum(results[n][field][0] for n in second)
        again = sum(_same(field, results[n][field][1], s[field][1]) for n, s in second.items())
        either = sum(results[n][field][0] or _same(field, results[n][field][1], s[field][1])
                     for n, s in second.items())
        print(f"| {field} | {agree} | {first} | {again} | {either} |")


def _same(field: str, importer: object, label: object) -> bool:
    """Whether the importer's value is the second labeller's, compared as against the first's."""
    if field == "publisher":
        return _publisher_key(_text(importer)) == _publisher_key(_text(label))
    if field == "author" and importer and label:
        return str(importer).casefold() == str(label).casefold()
    if field == "source" and importer and label:
        return str(importer).replace(" & ", " và ") == str(label).replace(" & ", " và ")
    return importer == label


if __name__ == "__main__":
    sys.exit(main())
