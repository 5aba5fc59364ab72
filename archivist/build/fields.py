"""The front-matter fields of an article, each read and checked (``content.parse_article``):
a problem names the field and its line through the Checker, and a field with a problem
reads as missing so that every other field is still checked."""

from __future__ import annotations

import re
from typing import Any

from ..model.places import Gazetteer, PlaceError
from ..model.records import PubDate, Source, parse_date
from ..model.schema import Checker, describe
from ..model.vietnamese import name_key, slugify

__all__ = ["draft", "review", "provenance", "date", "source", "tags", "places"]

PROVENANCE_FIELDS = ("raw", "sha256", "retrieved", "url", "removed", "duplicate_of")
SOURCE_FIELDS = ("name", "url")
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.I)
_DATE_HINT = "use YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2023-06-01; leave it out when unknown"


def draft(meta: dict, check: Checker) -> bool:
    """``draft: true``: an article not yet reviewed (``import`` writes it), left out of the
    site unless drafts are included."""
    value = meta.get("draft", False)
    if not isinstance(value, bool):
        check.add("draft", f"expected true or false, got {describe(value)}")
        return False
    return value


def review(meta: dict, check: Checker) -> None:
    """A draft's list of things a curator must still check: each one is a warning."""
    value = meta.get("review")
    if value is None or value == []:
        return
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        check.add("review", f"expected a list of notes for the curator, got {describe(value)}")
        return
    check.warn("review", f"draft still to review ({len(value)} item{'s' if len(value) != 1 else ''}): "
               + "; ".join(" ".join(item.split()) for item in value))


def provenance(meta: dict, check: Checker) -> None:
    """Where an imported article came from; kept for the record, not shown on the site."""
    value = meta.get("provenance")
    if value is None:
        return
    if not isinstance(value, dict):
        check.add("provenance", f"expected a mapping ({', '.join(PROVENANCE_FIELDS)}), got {describe(value)}")
        return
    check.unknown_keys(value, PROVENANCE_FIELDS, prefix="provenance.")
    sha = value.get("sha256")
    if sha is not None and not (isinstance(sha, str) and re.fullmatch(r"[0-9a-f]{64}", sha)):
        check.add("provenance.sha256", "expected the 64 hex digits of a SHA-256")
    url = value.get("url")
    if url is not None and not (isinstance(url, str) and _URL.match(url)):
        check.add("provenance.url", f"expected a web address, got {describe(url)}")
    retrieved = value.get("retrieved")
    if retrieved is not None:
        try:
            if parse_date(retrieved).precision != "day":
                raise ValueError(f'"{retrieved}" is not a full date')
        except ValueError as exc:
            check.add("provenance.retrieved", f"{exc} (use YYYY-MM-DD)")
    for name in ("raw", "duplicate_of"):  # duplicate_of: the article this one repeats (import --allow-duplicate)
        path = value.get(name)
        if path is not None and (not isinstance(path, str) or path.startswith("/") or ".." in path.split("/")):
            check.add(f"provenance.{name}", "expected a path inside the content folder")


def date(meta: dict, check: Checker) -> PubDate | None:
    value = meta.get("date")
    if value is None:
        return None
    if isinstance(value, (dict, list, float)):
        check.add("date", f"expected a date, got {describe(value)} ({_DATE_HINT})")
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        check.add("date", f"{exc} ({_DATE_HINT})")
        return None


def source(meta: dict, check: Checker) -> Source | None:
    value = meta.get("source")
    if value is None:
        return None
    if not isinstance(value, dict):
        check.add("source", f"expected name: and url: on indented lines below source:, got {describe(value)}")
        return None
    check.unknown_keys(value, SOURCE_FIELDS, prefix="source.")
    name = check.text(value, "name", required=True, prefix="source.")
    url = check.text(value, "url", prefix="source.")
    if url and not _URL.match(url):
        check.add("source.url", f'"{url}" is not a web address (expected http://… or https://…)')
        url = None
    return Source(name, url) if name else None


def tags(meta: dict, check: Checker) -> tuple[str, ...]:
    value = meta.get("tags")
    if value is None:
        return ()
    if not isinstance(value, list):
        check.add("tags", f"expected a list like [Chỉ thị 05, Dân vận khéo], got {describe(value)}")
        return ()
    tags: list[str] = []
    seen: set[str] = set()
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            check.add(f"tags[{index}]", f"expected a tag name, got {describe(item)}")
            continue
        tag = " ".join(item.split())
        if not slugify(tag):
            check.add(f"tags[{index}]", f'"{tag}" has no letters or digits to make a URL from')
            continue
        if "|" in tag:  # archive.csv lists an article's tags with " | " between them
            check.add(f"tags[{index}]", f'"{tag}" holds "|", which archive.csv puts between tags: write it as '
                                        "two tags, or with another character")
            continue
        if name_key(tag) not in seen:
            seen.add(name_key(tag))
            tags.append(tag)
    return tuple(tags)


def places(meta: dict, check: Checker, gazetteer: Gazetteer, date: PubDate | None) -> tuple:
    value = meta.get("locality")
    if value is None or value == [] or value == "":
        check.add("locality", "is required but missing: one or more places the article is about, most specific first "
                  "(e.g. phường Thanh Trường, TP. Điện Biên Phủ, tỉnh Điện Biên)",
                  line=None if "locality" in meta else 1)
        return ()
    items: list[Any] = [value] if isinstance(value, str) else value
    key = "locality" if isinstance(value, str) else None
    if not isinstance(items, list):
        check.add("locality", f"expected a place or a list of places, got {describe(value)}")
        return ()
    resolved = []
    for index, item in enumerate(items):
        item_key = key or f"locality[{index}]"
        if not isinstance(item, str) or not item.strip():
            check.add(item_key, f"expected a place name, got {describe(item)}")
            continue
        try:
            found = gazetteer.locate(item, date)
        except PlaceError as exc:
            check.add(item_key, exc.message)
            continue
        for note in found.notes:
            check.warn(item_key, note)
        place = found.place
        if place not in resolved:
            resolved.append(place)
    return tuple(resolved)


