"""Reading a locality as curators write it: type words and their abbreviations, the
comma-separated parts, the chains of units they can name, and the messages that list
candidates. Used by the gazetteer (places.py)."""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from archivist.model.gazetteer_data import ERA_LEGACY, loose
from archivist.model.vietnamese import fold, normalize_tones, sort_key

if TYPE_CHECKING:
    from archivist.model.places import Place


_WORDS = ("thành phố", "thị xã", "thị trấn", "đặc khu", "tỉnh", "huyện", "quận", "phường", "xã")


_ASCII_WORDS = {fold(w): w for w in _WORDS}


# Type word or abbreviation (lowercase) → kind; "tỉnh" names every province (see fits).
_TYPE_WORDS = {w: w[0].upper() + w[1:] for w in _WORDS} | {
    "tp": "Thành phố", "tx": "Thị xã", "tt": "Thị trấn", "h": "Huyện", "q": "Quận", "p": "Phường", "x": "Xã"}


# A type word at the start of a part: in full (with or without diacritics) or
# abbreviated (TP., TX, TT., and H./P./Q./X. with a dot or before a number: "P.14", "Q1").
_TYPE_RE = re.compile(
    rf"(?P<word>{'|'.join(_WORDS)})(?:\s+|\.\s*)|(?P<ascii>{'|'.join(_ASCII_WORDS)})\s+"
    r"|(?P<abbr>tp|tx|tt)(?:\.\s*|\s+|(?=\d))|(?P<letter>[hpqx])(?:\.\s*|\s*(?=\d))",
    re.IGNORECASE,
)


COUNTRY = {"vietnam", "vn"}


_NON_WORD = re.compile(r"[\W_]+")


MAX_LISTED = 10


MERGED = "merged into or renamed as"


loose_key = functools.lru_cache(maxsize=65536)(loose)


@functools.lru_cache(maxsize=65536)
def exact_key(text: str) -> str:
    """Matching key keeping diacritics (tone placement normalised)."""
    key = _NON_WORD.sub("", normalize_tones(text).lower())
    return str(int(key)) if key.isdigit() else key


TYPE_KEYS = {loose_key(w) for w in _TYPE_WORDS}


@dataclass(frozen=True)
class Part:
    """One comma-separated part of a locality: its text and readings (kind or None, name)."""

    text: str
    readings: tuple[tuple[str | None, str], ...]
    typed: bool  # every reading has a kind: the level rule does not apply


@dataclass(frozen=True)
class Match:
    """A place a part may name; for a former name, the former unit's title ("thị xã Cửa Lò")."""

    place: Place
    former: str | None = None


def parse_part(text: str) -> Part:
    """Split a type word ("TP.", "huyện", "P.") off a part; ASCII type words also read as part of the name."""
    match = _TYPE_RE.match(text)
    if not match:
        return Part(text, ((None, text),), False)
    rest = text[match.end():].strip()
    if match["word"]:
        return Part(text, ((_TYPE_WORDS[match["word"].lower()], rest),), True)
    word = (match["abbr"] or match["letter"] or _ASCII_WORDS[match["ascii"].lower()]).lower()
    readings = ((_TYPE_WORDS[word], rest),) + (((None, text),) if match["ascii"] else ())
    return Part(text, readings, not match["ascii"])


def fits(place: Place, kind: str | None) -> bool:
    """Whether a place is of a kind (None: any); "tỉnh" also fits provinces that are cities."""
    return kind is None or place.kind == kind or (kind == "Tỉnh" and place.level == "province")


def chains(candidates: list[list[Match]]) -> list[tuple[Match, ...]]:
    """Choices of one candidate per part, each later part containing the one before, or the same unit."""
    chains = [(m,) for m in candidates[0]]
    for found in candidates[1:]:
        chains = [c + (m,) for c in chains for m in found if within(c[-1].place, m.place)]
    return chains


def within(place: Place, outer: Place) -> bool:
    """Whether ``outer`` is ``place`` or one of its ancestors."""
    while place is not outer and place.parent is not None:
        place = place.parent
    return place is outer


def cost(chain: tuple[Match, ...]) -> tuple[int, int]:
    """Former names used, then parts naming the same unit as the part before: readings with less are preferred."""
    return (sum(m.former is not None for m in chain),
            sum(a.place is b.place for a, b in zip(chain, chain[1:])))


def former_note(part: Part, match: Match) -> str:
    """The note on a part reached through a former name."""
    title = match.former or ""
    written = "" if title.casefold() == part.text.casefold() else f' (as written: "{part.text}")'
    return f"{title}{written} is a former unit, {MERGED} {match.place.label}; filed under it"


def by_label(places: Iterable[Place]) -> list[Place]:
    """Places sorted by label in Vietnamese order, numbers by value."""
    places = list(places)
    return places if len(places) < 2 else sorted(places, key=lambda p: sort_key(p.label, numeric=True))


def listing(places: list[Place], limit: int = MAX_LISTED) -> str:
    """Labels of places, at most ``limit`` of them, then "and N more"."""
    shown = "; ".join(p.label for p in places[:limit])
    return shown + (f"; and {len(places) - limit} more" if len(places) > limit else "")


def hint(places: list[Place]) -> str:
    """What to add to tell ambiguous places apart: their type and/or their parent."""
    kinds = Counter(p.kind for p in places)
    hints = [f"type ({' or '.join(sorted((k.lower() for k in kinds), key=sort_key))})"] if len(kinds) > 1 else []
    alike = [p for p in places if kinds[p.kind] > 1]
    if alike:
        legacy_ward = any(p.era == ERA_LEGACY and p.level == "ward" for p in alike)
        hints.append("district or province" if legacy_ward else "province")
    return " or its ".join(hints)
