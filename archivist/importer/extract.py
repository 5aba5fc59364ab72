"""Raw page text (or a saved HTML page) → a draft article record. Pure: no disk, no network.

``layout`` splits the page into headline, metadata lines and article paragraphs; this
module settles the metadata from what it found (the page's own statements first: a byline
before a name line, a "Theo …" note before the site the page was retrieved from), marks the
photo captions (``paragraphs``) and finds the places (``mentions``), in the units in force at
the article's date.

Everything that was guessed, or is missing, is named in ``Draft.review`` (English, quoting
the page); every line left out of the body is kept, in order, in ``Draft.removed``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from ..model.places import ERA_2025, ERA_LEGACY, ERA_PHRASES, REFORM_DATE, Gazetteer, Place, era_for, eras_for
from ..model.records import PubDate
from . import bylines, datelines
from .boilerplate import counter_year
from .bylines import AT_END, BESIDE_DATE, UNDER_HEADLINE, Author, SourceNote
from .headline import AFTER_HEADLINE
from .layout import ABOVE, BESIDE_WEATHER, Facts, NoArticle, read_page
from .pagelines import Line, lines_from_blocks, lines_from_text
from .mentions import find_places
from .names import org_like, proper_name, publication
from .pagehtml import PageMeta, read_html
from .paragraphs import Paragraph, mark_captions, to_markdown
from .publishers import host_of
from .sources import publishers_of, resettled, settle_source

__all__ = ["Draft", "NoArticle", "extract_text", "extract_html"]

_REVIEW_ORDER = ("title", "date", "author", "source", "locality", "photos", "caption", "tags")


@dataclass
class Draft:
    """Everything extracted from one raw page."""

    title: str
    """Headline as published."""
    body: str
    """Markdown body, captions marked."""
    date: PubDate | None = None
    """Publication date, only when the page states one."""
    localities: list[str] = field(default_factory=list)
    """Locality lines for the front matter, main place first."""
    places: list[Place] = field(default_factory=list)
    """The places those lines name."""
    author: str | None = None
    """Person, pen name or organisation."""
    source: SourceNote | None = None
    """Where first published: name and URL; the name None when only an address is known and it names no
    publication (a host is not a name: the draft then has no source, the curator adds it)."""
    tags: list[str] = field(default_factory=list)
    """The page's own keywords, if it lists any."""
    review: list[str] = field(default_factory=list)
    """What a curator must still check, one sentence each."""
    removed: list[str] = field(default_factory=list)
    """Lines of the page left out of the body, in order."""
    page_url: str | None = None
    """The address the page was retrieved from (--url, else the page's own saved-from or canonical URL)."""


EMPTY: Mapping[str, str] = MappingProxyType({})


def extract_text(text: str, gazetteer: Gazetteer, *, url: str | None = None,
                 retrieved: datetime.date | None = None, sites: Mapping[str, str] = EMPTY) -> Draft:
    """A draft from a page's text as copied or scraped; NoArticle if it holds no article. ``sites``: the names
    the archive's reviewed articles give the sites they came from, by host (``Archive.site_names``)."""
    return _extract(lines_from_text(text), PageMeta(), gazetteer, url, retrieved, sites)


def extract_html(text: str, gazetteer: Gazetteer, *, url: str | None = None,
                 retrieved: datetime.date | None = None, sites: Mapping[str, str] = EMPTY) -> Draft:
    """A draft from an HTML page saved from a browser; NoArticle if it holds no article (``sites``: as
    ``extract_text``'s)."""
    blocks, meta = read_html(text)
    if meta.title and not any(block.text.strip() for block in blocks if block.kind != "skipped"):
        raise NoArticle(f"the page holds its head (“{_short(meta.title)}”) but no article text: its site may fill it "
                        "in by script, or the copy was cut short; save the page once it has loaded, or copy its text")
    return _extract(lines_from_blocks(blocks), meta, gazetteer, url, retrieved, sites)


def _extract(lines: list[Line], meta: PageMeta, gazetteer: Gazetteer, url: str | None,
             retrieved: datetime.date | None, sites: Mapping[str, str]) -> Draft:
    page = read_page(lines, meta, url or meta.canonical or meta.saved_from)
    paragraphs, facts = page.paragraphs, page.facts
    mark_captions(paragraphs)
    own = [u for u in (meta.saved_from, meta.canonical) if u and bylines.origin_of(u)]  # http(s) only
    draft = Draft(title=page.title, body=to_markdown(paragraphs), removed=page.removed,
                  page_url=url or next(iter(own), None))
    named, dated_above = _settle_meta(draft, facts, meta, retrieved, gazetteer, sites)
    _settle_places(draft, paragraphs, facts, gazetteer, source_named=named, dated_above=dated_above)
    if not named and (source := resettled(draft.source, draft.review, draft.places, _before_2025(draft))):
        draft.source = source
    _hints(draft, paragraphs, facts)
    if any(where == AFTER_HEADLINE for *_, where in facts.dates):
        draft.review.append(f"title: the date {AFTER_HEADLINE} is taken for the publication date and left out of the "
                            "title: check")
    if draft.title.isupper():
        draft.review.append("title: written in capitals on the page; write it in sentence case")
    if photos := sum(1 for paragraph in paragraphs if paragraph.caption or paragraph.image_before):
        draft.review.append(f"photos: the page shows {photos} photo{'s' if photos > 1 else ''}; the importer keeps "
                            "their captions only: put the photos beside the article and show them (README, "
                            "“Images”), or remove the captions")
    for paragraph in paragraphs:
        if paragraph.guessed:
            draft.review.append(f"caption: “{_short(paragraph.text)}” was marked as a photo caption by its "
                                "length and position only: check")
    draft.review.sort(key=lambda note: next((i for i, f in enumerate(_REVIEW_ORDER) if note.startswith(f)),
                                            len(_REVIEW_ORDER)))
    return draft


def _short(text: str, limit: int = 60) -> str:
    """A quotation cut at a word."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def _settle_meta(draft: Draft, facts: Facts, meta: PageMeta, retrieved: datetime.date | None,
                 gazetteer: Gazetteer, sites: Mapping[str, str]) -> tuple[bool, bool]:
    """Date, author, source and tags; whether the page itself names the source, and whether the date
    is one shown above the headline (where portals also show today's)."""
    dated_above = _settle_date(draft, facts, meta, retrieved)
    _settle_author(draft, facts, meta, gazetteer)
    named = _settle_source(draft, facts, meta, sites)
    # a "|" parts tags (archive.csv lists tags with " | " between them)
    draft.tags = list(dict.fromkeys(tag.strip() for tags in facts.tags + meta.keywords for tag in tags.split("|")
                                    if tag.strip()))
    if not draft.tags:
        draft.review.append("tags: none on the page; add the article's topics")
    return named, dated_above


def _settle_date(draft: Draft, facts: Facts, meta: PageMeta, retrieved: datetime.date | None) -> bool:
    """The publication date; True when it is one shown above the headline."""
    candidates = []
    if meta.published:
        published = datelines.parse_iso_datetime(meta.published)
        if published:
            candidates.append((published, False, meta.published, "in the page's metadata"))
    # stated under the headline or at the end first, a first publication before an update; above the
    # headline, where portals also show today's date, last
    candidates += sorted(facts.dates, key=lambda c: (c[3] == ABOVE, c[1]))
    if retrieved:
        late = [c for c in candidates if c[0].earliest > retrieved]
        for date, _, line, where in late:
            draft.review.append(f"date: “{line}” {where} is after the retrieval date {retrieved.isoformat()}; "
                                "not used")
        candidates = [c for c in candidates if c not in late]
        today = [c for c in candidates if c[3] == ABOVE and c[0].precision == "day"
                 and (retrieved - c[0].earliest).days in (0, 1)]
        for date, _, line, where in today:  # the portal's current date, shown over every page it serves
            draft.review.append(f"date: “{line}” {where} falls on the retrieval date {retrieved.isoformat()} or "
                                "the day before: the current date a portal shows on every page; not used (restore "
                                "it if the article was published that day)")
        candidates = [c for c in candidates if c not in today]
    weather = [c for c in candidates if c[3] == BESIDE_WEATHER]
    for date, _, line, where in weather:
        draft.review.append(f"date: “{line}” stands {where}: the current date a portal shows on every page; not used")
    candidates = [c for c in candidates if c not in weather]
    if said := datelines.today_in(draft.body[:1000]):  # the lead's "sáng nay (3/11)" against the portal's date
        stale = [c for c in candidates if c[3] == ABOVE and c[0].precision == "day" and (c[0].day, c[0].month) != said]
        for date, _, line, where in stale:
            draft.review.append(f"date: “{line}” {where} is not the day the article calls today ({said[0]}/{said[1]}): "
                                "the current date a portal shows on every page; not used")
        candidates = [c for c in candidates if c not in stale]
    later = [day for _, day in _days_named(draft.body)]
    stale = [c for c in candidates if c[3] == ABOVE and any((day - c[0].earliest).days > 366 for day in later)]
    for date, _, line, where in stale:  # a portal's date frozen long ago ("Thứ 6 - 26/02/2016" over a 2018 story)
        draft.review.append(f"date: “{line}” {where} is over a year before a day the text names "
                            f"({max(later).isoformat()}): a date the portal shows on every page; not used")
    candidates = [c for c in candidates if c not in stale]
    found = datelines.date_in_address(draft.page_url, retrieved or datetime.date.today()) if draft.page_url else None
    late = [c for c in candidates if c[3] == ABOVE and found and found.precision == "day"
            and (c[0].earliest - found.earliest).days > 1]
    for date, _, line, where in late:  # "…-20200719085601097.htm" under a header "Thứ sáu, ngày 22 tháng 11 năm 2024"
        draft.review.append(f"date: “{line}” {where} is after the date in the page's address ({found.iso}): the "
                            "current date the portal shows on every page; not used")
    candidates = [c for c in candidates if c not in late]
    if not candidates:
        if found:
            draft.date = found
            draft.review.append(f"date: the page states none; {found.iso} is taken from its address "
                                f"{draft.page_url}: check it")
        return False
    date, updated, line, where = candidates[0]
    draft.date = date
    others = sorted({c[0].iso for c in candidates if c[0] != date})
    if where == ABOVE:
        draft.review.append(f"date: from “{line}” above the headline, where some portals show the current date: "
                            "check it is the publication date")
    if updated:
        draft.review.append(f"date: from “{line}” {where}, the date of an update; the first publication "
                            "may be earlier")
    if others:
        draft.review.append(f"date: {date.iso} from “{line}” {where}; the page also shows {', '.join(others)}")
    return where == ABOVE


def _settle_author(draft: Draft, facts: Facts, meta: PageMeta, gazetteer: Gazetteer) -> None:
    # a province's name alone on a line under the headline or beside the date is the story's place tag ("Bình
    # Dương", "Điện Biên - 12/03/2021") when the story names that province too, not a signer; otherwise it is a pen
    # name ("Hà Giang"), and a byline ("Bài, ảnh: Hà Giang") always signs
    provinces = {p.short for era in (ERA_LEGACY, ERA_2025) for p in gazetteer.provinces(era)}
    text = f"{draft.title}\n{draft.body}"
    tags = [a for a in facts.authors if a.where in (UNDER_HEADLINE, BESIDE_DATE) and not a.byline
            and a.name in provinces and re.search(rf"(?<!\w){re.escape(a.name)}(?!\w)", text)]
    for tag in tags:
        where = "alone under the headline" if tag.where == UNDER_HEADLINE else "beside the date"
        draft.review.append(f"author: “{tag.name}” {where} is taken for the story's place, not its author: check")
    authors = [a for a in facts.authors if a not in tags]
    if meta.author and not publication(meta.author) and meta.author != meta.site_name:
        authors.append(Author(proper_name(meta.author), "from the page's author metadata"))
    if not authors:
        draft.review.append("author: none found on the page")
        return
    name, how = authors[0].name, authors[0].how
    # a name beside the date that also signs the end under the author's signature is the editor's
    signed = [a.name for a in authors[1:] if a.where == AT_END]
    if authors[0].where == BESIDE_DATE and name in signed and (others := [n for n in signed if n != name]):
        draft.review.append(f"author: “{name}”, beside the date and again at the end, is taken for the editor")
        name, how = others[0], f"signing the article above “{name}”"
    draft.author = name
    if how:
        draft.review.append(f"author: “{name}” is {how}: check it is the author")


def _settle_source(draft: Draft, facts: Facts, meta: PageMeta, sites: Mapping[str, str]) -> bool:
    """The source (``sources.settle_source``); True when the page names it (not derived)."""
    draft.source, notes, named = settle_source(facts, meta, draft.page_url, before_2025=_before_2025(draft),
                                               text=f"{draft.title}\n{draft.body}", furniture="\n".join(draft.removed),
                                               sites=sites)
    draft.review.extend(notes)
    return named


def _before_2025(draft: Draft) -> bool:
    """Whether the article is dated before 1 July 2025: an address then names no unit of 2025."""
    return draft.date is not None and eras_for(draft.date) == (ERA_LEGACY,)


def _settle_places(draft: Draft, paragraphs: list[Paragraph], facts: Facts, gazetteer: Gazetteer, *,
                   source_named: bool, dated_above: bool) -> None:
    """Places from the title and body, completed from the portal's and source's names and addresses; an undated
    page whose lead names a day from 1 July 2025 on ("Sáng ngày 25/10/2025, …") is read in the units from then."""
    era = era_for(draft.date)
    lead = [day for _, day in _days_named(paragraphs[0].text)] if paragraphs else []
    if draft.date is None and lead and max(lead) >= REFORM_DATE:
        era = ERA_2025
        draft.review.append(f"locality: read in the units {ERA_PHRASES[era]}: the lead names {max(lead).isoformat()}")
    context = [(site, "the portal's name") for site in facts.sites] + [(u, "the portal's banner") for u in facts.units]
    if draft.source and draft.source.name and source_named:
        context.append((draft.source.name, "the source's name"))
    # an organisation signing names its unit ("Ban VHTT phường X"); a person's name or initials never do ("P.V")
    context += [(author.name, "the author line") for author in facts.authors[:1] if org_like(author.name)]
    hosts = []
    for address, description in ((draft.source.url if draft.source else None, "the source's address"),
                                 (draft.page_url, "the page's address")):
        host = host_of(address or "")
        if host:
            hosts.append((host, f"{description} {host}"))
    homes = [(p.province, f"the home province of {p.name}")
             for p in publishers_of(draft.source, draft.page_url, facts) if p.province]
    placement = find_places(draft.title, [p.text for p in paragraphs], gazetteer, era, context=context, hosts=hosts,
                            homes=homes)
    eras = eras_for(draft.date)
    if placement.unknown and (len(eras) > 1 or dated_above):
        # no date to tell the era, or one above the headline that may be the site's current date: the other
        # era's units when they know more of the names the page writes
        other = eras[1] if len(eras) > 1 else ERA_LEGACY if era == ERA_2025 else ERA_2025
        read = find_places(draft.title, [p.text for p in paragraphs], gazetteer, other, context=context,
                           hosts=hosts, homes=homes)
        if read.unknown < placement.unknown:
            placement = read
            if len(eras) == 1:
                draft.review = [note for note in draft.review if not note.startswith("date:")]
                draft.review.append(f"date: {draft.date.iso}, shown above the headline, is not used: the units the "
                                    f"page names are those {ERA_PHRASES[other]}; it is likely the site's current date")
                draft.date = None
            else:
                placement.notes.insert(0, f"locality: read in the units {ERA_PHRASES[other]}, which name more of "
                                          "the units the page writes than the earlier ones: check the date")
    draft.places, draft.localities = placement.places, placement.localities
    draft.review.extend(placement.notes)
    if not draft.localities and placement.context:
        place, line, description = placement.context[0]
        draft.places, draft.localities = [place], [line]
        draft.review.append(f"locality: the text names no unit; {place.label} is taken from {description}: check")
    own = next(((p, line, how) for p, line, how in placement.context if p.level == "ward"), None)
    if own and draft.places and own[0] not in draft.places and all(p in own[0].chain[:-1] for p in draft.places) \
            and _calls_itself(own[0].kind.lower(), "\n".join(p.text for p in paragraphs)):
        # a commune's portal calling itself "xã" ("Đảng ủy xã"), its text naming only the units above it: its own
        draft.places, draft.localities = [own[0], *draft.places], [own[1], *draft.localities]
        draft.review.append(f"locality: {own[0].label}, from {own[2]}, is the unit the text calls "
                            f"“{own[0].kind.lower()}” without its name; the text names only the units above it: check")
    if not draft.localities:
        draft.review.append("locality: the text names no administrative unit; add one")
    inside = [p for p in draft.places[1:] if draft.places[0] in p.chain[:-1]]
    if len(inside) == 1:  # a unit and the one unit inside it: papers' stories split evenly between the two
        draft.review.append(f"locality: {draft.places[0].title} is listed first and {inside[0].title}, inside it, "
                            "is listed too: check which one the story is mainly about")


def _calls_itself(kind: str, text: str) -> bool:
    """Whether a text names a unit of a kind by its type word alone, as the unit's own site calls it ("Bí thư
    Đảng ủy xã, …"): not several ("các xã"), not in a list ("xã, thị trấn"), not before a name ("xã Tân Lập")."""
    for match in re.finditer(rf"(?<!các )(?<!những )\b{kind}\b(?!\s*,)", text):
        after = text[match.end():].split(maxsplit=1)
        if not after or not after[0][:1].isupper():
            return True
    return False


def _days_named(text: str) -> list[tuple[str, datetime.date]]:
    """The days a text names, as written and as dates ("30/01/2018", "ngày 15 tháng 5 năm 2016")."""
    return [(d, day.earliest) for d in datelines.dates_in_text(text)[0] if (day := datelines.parse_day(d))]


def _hints(draft: Draft, paragraphs: list[Paragraph], facts: Facts) -> None:
    """Dates in the text and visitor counters: hints for a missing publication date, and a warning
    when the text names a day after the publication date."""
    text = "\n".join(p.text for p in paragraphs)
    if draft.date is not None:
        later = [d for d, day in _days_named(text) if day > draft.date.earliest]
        if later and draft.date.precision == "day":
            draft.review.append(f"date: the text names {', '.join(f'“{d}”' for d in later[:3])}, after the "
                                f"publication date {draft.date.iso}: check the date")
        return
    dated, years = datelines.dates_in_text(text)
    hint = "date: the page states no publication date"
    if dated or years:
        hint += "; dates in the text are events, not the publication date"
        if dated:
            hint += ": " + ", ".join(f"“{d}”" for d in dated[:4])
        if years:
            hint += f"; years named: {', '.join(map(str, years[-6:]))} (the latest is {years[-1]})"
    draft.review.append(hint)
    for phrase, year in datelines.years_after(text)[:2]:
        draft.review.append(f"date: “{_short(phrase, 90)}” points to about {year}")
    for line in facts.counters[:1]:
        draft.review.append(f"date: the visitor counter “{line}” only shows the page was online in "
                            f"{counter_year(line)}")
