"""Administrative units named in an article's text, resolved with the core gazetteer.

``find_places`` takes the names ``placenames`` finds in the title and body (typed names such
as "phường Thanh Trường", "TP. Điện Biên Phủ", "Thành ủy Điện Biên Phủ", and bare province
names such as "xây dựng Điện Biên phát triển"); a bare name of a unit the text also names with
its type word counts as another mention of it ("ở Đông Hà").

Each name is looked up in the units in force at the article's date. A name several units
share is settled only by what is unambiguous: its parent written beside it ("phường Quyết
Thắng, thành phố Lai Châu"), a unit named elsewhere in the text that contains exactly one of
them, or the page's context (the portal's name, the source's or the page's address:
``longxuyen.angiang.gov.vn``); otherwise it is left out and named in the review notes with its
candidates, as are names that are no unit at all, and units written with a parent that does
not contain them.

Places are ranked by prominence (a unit the lead says the story happened in, after "tại", inside the one the
headline says it happened in: "… tại xã X, huyện Y": X first; then the units the title names, the lead's dateline,
then by mentions, a title's counting twice, one in a list of n units 1/n; ``headnames`` reads datelines, the
districts a headline names bare, or the text after their committee: "UBND Tây Giang"). A unit that contains other
listed units is listed on its own when it is mentioned more than all of them together, or when their mentions spread
over several units inside it none of which stands out (then it is the subject and their mentions count for it); it
gives way to one unit inside it with twice the next one's, and two: an article about one ward of a city that names
the city once lists the ward, one about two communes of a district lists the district first, even unnamed ("3 huyện
A, B, C": their province). A unit named bare in the headline gives way to the one unit inside it the text names,
ranked in its place (for a district, one the text names more often: "Anh Sơn: …" about a commune).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ..model.places import ERA_PHRASES, Gazetteer, Place, PlaceError
from .headnames import (COMMITTEE, bare_dateline, bare_districts, committee_districts, count_bare_repeats,
                        lead_dateline, where_it_happened)
from .hostplaces import host_hints, places_in_host
from .names import syllables_cased
from .readings import commune_within, in_named_units, merged_within, respelt, successor_of, type_since_changed
from .placenames import (LEVEL_OF, NOT_BARE, PARENT_GAP, Mention, NameIndex, bare_names, joined, list_shares,
                         name_index, personal, trimmed, typed_mentions)

__all__ = ["Placement", "find_places", "MAX_LISTED"]

MAX_LISTED = 6
"""At most this many places are listed; the others are named in the review notes."""


@dataclass
class Placement:
    """What the text says about places."""

    places: list[Place] = field(default_factory=list)
    """Listed places, main place first."""
    localities: list[str] = field(default_factory=list)
    """Their locality lines as written in front matter ("phường X, TP. Y, tỉnh Z")."""
    notes: list[str] = field(default_factory=list)
    """Review notes: completions from context, ambiguous and unknown names, places not listed."""
    context: list[tuple[Place, str, str]] = field(default_factory=list)
    """Units the page's surroundings name: (place, locality line, where from), most specific first."""
    unknown: int = 0
    """Units the text names with their type word that are not units of the era read in."""


def find_places(title: str, paragraphs: list[str], gazetteer: Gazetteer, era: str, *,
                context: Sequence[tuple[str, str]] = (), hosts: Sequence[tuple[str, str]] = (),
                homes: Sequence[tuple[str, str]] = ()) -> Placement:
    """Places of an article: ``context`` are (text, description) pairs that may name its
    surroundings (the portal's name, the author's organisation), ``hosts`` (host, description)
    pairs of web addresses, ``homes`` (province, description) pairs of the publishers' home
    provinces (short names before 1 July 2025); none of them counts as a mention."""
    index = name_index(gazetteer, era)
    resolver = _Resolver(gazetteer, index, era)
    segments = [(title, True)] + [(p, False) for p in paragraphs]
    provinces = {n: p for n, p in index.provinces.items() if n.lower() not in NOT_BARE}
    mentions: list[Mention] = []
    parents: dict[Mention, Mention] = {}
    # "ĐIỆN BIÊN ĐÔNG: TỔNG KẾT …", "Xã Ngọc Trung Thực Hiện Tốt …": read with capitals as in running text
    # (initials kept), no notes; a heading in capitals ("THỜI KỲ TỈNH HẢI HƯNG"): no notes
    words = re.findall(r"[^\W\d_]+", title)
    capitals = title.isupper() or (len(words) >= 4 and all(w[0].isupper() for w in words))
    if capitals:
        segments[0] = (syllables_cased(title), True)
    offset = 0
    for text, in_title in segments:
        typed = [_as_actor(text, offset, trimmed(index, joined(index, text, offset, m), capitals=in_title and capitals))
                 for m in typed_mentions(text, offset, in_title)]
        if in_title and capitals or text.isupper():
            typed = [replace(m, strict=False) for m in typed]
        for inner, outer in zip(typed, typed[1:]):  # "xã Pá Khoang, huyện Điện Biên", "xã X (huyện Y)"
            if PARENT_GAP.fullmatch(text[inner.end - offset:outer.start - offset]):
                parents[inner] = outer
        taken = [(m.start, m.end) for m in typed]
        for name, start, end in bare_names(text, offset, in_title, provinces, taken):
            typed.append(Mention("Tỉnh", name, start, end, in_title, None, False, bare=True))
        mentions.extend(typed)
        offset += len(text) + 2
    anchors = resolver.context(context, hosts, homes)
    if (head := bare_dateline(segments[0][0], mentions, index, anchors)) is not None:
        mentions.append(head)
    mentions += bare_districts(segments, mentions, index, anchors)
    mentions += committee_districts(segments, mentions, index)
    if len(segments) > 1 and (lead := lead_dateline(segments[1][0], len(segments[0][0]) + 2, index)) is not None:
        mentions.append(lead)
    resolved = resolver.resolve(mentions, anchors, parents)
    count_bare_repeats(segments, mentions, resolved, index)
    marked = where_it_happened(segments[0][0], segments[1][0] if len(segments) > 1 else "", mentions)
    mentions = [marked.get(m, m) for m in mentions]
    resolved = {marked.get(m, m): p for m, p in resolved.items()}
    shares = list_shares("\n\n".join(text for text, _ in segments), mentions, resolved)
    return resolver.placement(resolved, mentions, shares)


_ACTOR = re.compile(rf"(?:{COMMITTEE}|\b[Tt]oàn)\s+$")


def _as_actor(text: str, offset: int, mention: Mention) -> Mention:
    """A mention the text names as the actor for the whole unit: its people's committee or council
    ("UBND huyện X tổ chức …"), or all of it ("toàn huyện X")."""
    return replace(mention, actor=True) if _ACTOR.search(text[:mention.start - offset]) else mention


class _Resolver:
    """Resolution of mentions to places, with the notes a curator needs."""

    def __init__(self, gazetteer: Gazetteer, index: NameIndex, era: str) -> None:
        self.gazetteer, self.index, self.era = gazetteer, index, era
        self.notes: list[str] = []
        self.unknown = 0
        self.anchor_source: dict[Place, str] = {}
        self.hints: dict[Place, str] = {}  # units an address may name, several: they settle, never list, a place
        self.abbreviated: dict[Place, str] = {}
        self.former: dict[Place, str] = {}

    def candidates(self, mention: Mention) -> tuple[list[Place], str | None]:
        """Places a mention may name; and the resolver's error when there is none."""
        found = self.index.candidates(mention.kind, mention.name)
        if found:
            return found, None
        try:  # aliases ("TP. HCM") and former names, which the resolver knows
            resolution = self.gazetteer.lookup(mention.query, self.era)
        except PlaceError as error:
            if (spelt := respelt(self.index, mention)) is not None:  # "huyện Mù Cang Chải"
                self._note(f'locality: "{mention.query}" is read as {spelt.label}, written so in the register: check')
                return [spelt], None
            if (reading := successor_of(self.gazetteer, self.era, mention)) is not None:  # "tỉnh Quảng Nam (cũ)"
                self._note(reading[1])
                return [reading[0]], None
            return [], error.message
        for note in resolution.notes:
            self._note(f"locality: {note}")
        if resolution.former:  # a unit merged later: written as the text names it, resolving to its successor
            self.former.setdefault(resolution.place, mention.query)
        return [resolution.place], None

    def context(self, context: Sequence[tuple[str, str]], hosts: Sequence[tuple[str, str]],
                homes: Sequence[tuple[str, str]] = ()) -> set[Place]:
        """Units named unambiguously by the page's surroundings."""
        anchors: set[Place] = set()
        ambiguous: list[tuple[list[Place], str]] = []
        for name, description in homes:  # a province merged in 2025 names no unit of the new era
            province = self.index.provinces.get(name)
            if province is not None:
                anchors.add(province)
                self.anchor_source.setdefault(province, description)
        for text, description in context:
            mentions = [trimmed(self.index, joined(self.index, text, 0, m)) for m in typed_mentions(text, 0, False)]
            taken = [(m.start, m.end) for m in mentions]
            for name, start, end in bare_names(text, 0, False, self.index.provinces, taken, strict_edges=False):
                mentions.append(Mention("Tỉnh", name, start, end, False, None, False, bare=True))
            for mention in mentions:
                found, _ = self.candidates(mention)
                if len(found) == 1:
                    anchors.add(found[0])
                    self.anchor_source.setdefault(found[0], description)
                    if mention.abbreviation in ("TP.", "TX."):
                        self.abbreviated.setdefault(found[0], mention.abbreviation)
                elif found:
                    ambiguous.append((found, description))
        for host, description in hosts:
            for place in places_in_host(host, self.gazetteer, self.era):
                anchors.add(place)
                self.anchor_source.setdefault(place, description)
            self.hints.update((p, description) for p in host_hints(host, self.gazetteer, self.era))
        for found, description in ambiguous:  # "Trang TTĐT xã Bình Hòa - tỉnh An Giang": the one inside a unit named
            inside = [p for p in found if any(a in p.chain[:-1] for a in anchors)]
            if len(inside) == 1:
                anchors.add(inside[0])
                self.anchor_source.setdefault(inside[0], description)
        return anchors

    def resolve(self, mentions: list[Mention], anchors: set[Place],
                parents: dict[Mention, Mention]) -> dict[Mention, Place]:
        """Mentions → places: the unambiguous ones, then ambiguous ones written with their parent
        ("phường Quyết Thắng, thành phố Lai Châu"), then the others settled by the rest of the text and
        the context. A unit written with a parent that does not contain it gets a note."""
        resolved: dict[Mention, Place] = {}
        pending: dict[str, tuple[list[Mention], list[Place]]] = {}
        unfound: list[tuple[Mention, str]] = []
        for mention in mentions:
            found, error = self.candidates(mention)
            if mention not in parents:  # a parent written beside it settles it
                found = self._type_since_changed(mention, found, anchors)
            if len(found) == 1:
                resolved[mention] = found[0]
            elif found:
                pending.setdefault(mention.query.lower(), ([], found))[0].append(mention)
            elif error and mention.strict:
                unfound.append((mention, error))
        for note in in_named_units(self.index, resolved, unfound):  # readings the text's own units settle
            self._note(note)
        unfound = [(m, error) for m, error in unfound if not personal(m)]
        self.unknown += len(unfound)
        for mention, error in unfound:
            self._note(f'locality: "{mention.query}" was left out: {error}')
        parents = {m: p for m, p in parents.items() if p.kind and m.kind and LEVEL_OF.get(p.kind, 3)
                   < LEVEL_OF.get(m.kind, 3)}  # "xã A, huyện B" names A's parent; "xã A, xã B" a list
        for key, (group, found) in list(pending.items()):  # "xã Vĩnh An, huyện Châu Thành": one pair of the two
            uppers = [q for m in group if m in parents and (q := parents[m].query.lower()) in pending and q != key]
            pairs = {(p, o) for q in uppers[:1] for p in found for o in pending[q][1] if o in p.chain[:-1]}
            if key in pending and len(pairs) == 1:
                (place, outer), = pairs
                resolved.update(dict.fromkeys(group, place) | dict.fromkeys(pending[uppers[0]][0], outer))
                del pending[key], pending[uppers[0]]
        for key, (group, found) in list(pending.items()):
            outer = {resolved[parents[m]] for m in group if parents.get(m) in resolved}
            inside = [p for p in found if any(o in p.chain[:-1] for o in outer)]
            if not inside and (reading := commune_within(self.index, group[0], outer)) is not None:
                inside = [reading[0]]  # none in the parent written beside it: the one there of another type now
                self._note(reading[1])
            if len(inside) == 1:
                resolved.update(dict.fromkeys(group, inside[0]))
                del pending[key]
        for mention, parent in parents.items():
            place, outer = resolved.get(mention), resolved.get(parent)
            if place and outer and outer not in place.chain and (
                    reading := commune_within(self.index, mention, {outer})) is not None:
                resolved[mention] = place = reading[0]
                self._note(reading[1])
            if place and outer and outer not in place.chain:
                self._note(f'locality: the text writes "{mention.query}" with "{parent.query}", but in the '
                           f"units {ERA_PHRASES[self.era]} it is {place.label}: check")
        for mention, place in resolved.items():
            if mention.abbreviation in ("TP.", "TX."):
                self.abbreviated.setdefault(place, mention.abbreviation)
        changed = True
        while pending and changed:
            changed = False
            known = set(resolved.values())
            for key, (group, found) in list(pending.items()):
                place, why = self._settle(found, known, anchors)
                if place is None:
                    continue
                for mention in group:
                    resolved[mention] = place
                self._note(f'locality: "{group[0].query}" names {len(found)} units; read as {place.label} '
                           f"({why})")
                del pending[key]
                changed = True
        for key, (group, found) in list(pending.items()):
            if (merged := self._merged_within(group[0], set(resolved.values()) | anchors)) is not None:
                resolved.update(dict.fromkeys(group, merged))
                del pending[key]
        for group, found in pending.values():
            more = f"; and {len(found) - 5} more" if len(found) > 5 else ""
            listing = "; ".join(p.label for p in found[:5]) + more
            self._note(f'locality: "{group[0].query}" was left out: it names {len(found)} units ({listing}); '
                       "add the one meant if it is a place of the article")
        return resolved

    def _type_since_changed(self, mention: Mention, found: list[Place], anchors: set[Place]) -> list[Place]:
        """``readings.type_since_changed``, its note kept."""
        places, note = type_since_changed(self.index, mention, found, anchors, self.anchor_source)
        self._note(note)
        return places

    def _settle(self, found: list[Place], known: set[Place], anchors: set[Place]) -> tuple[Place | None, str]:
        """The one candidate inside a unit the text names, or containing one, or inside the context."""
        inside = [p for p in found if any(k in p.chain[:-1] for k in known)]
        if len(inside) > 1:  # inside a district the text names, rather than only inside a province it names
            inside = [p for p in inside if any(k in p.chain[1:-1] for k in known)]
        if len(inside) == 1:
            outer = next(k for k in inside[0].chain[:-1][::-1] if k in known)
            return inside[0], f"{self.former.get(outer, outer.title)} is named in the text"
        containing = [p for p in found if any(p in k.chain[:-1] for k in known)]
        if len(containing) == 1:
            return containing[0], "a unit inside it is named in the text"
        for units, sources in ((anchors, self.anchor_source), (self.hints, self.hints)):  # the context, then hints
            inside = [p for p in found if any(a in p.chain[:-1] for a in units)]
            if len(inside) == 1:
                outer = next(a for a in inside[0].chain[:-1][::-1] if a in units)
                return inside[0], f"{outer.title} from {sources.get(outer, 'the page')}"
        return None, ""

    def _merged_within(self, mention: Mention, units: set[Place]) -> Place | None:
        """``readings.merged_within``, written as the text names it, the gazetteer's note kept."""
        found = merged_within(self.gazetteer, self.era, mention, units)
        if found is None:
            return None
        place, notes = found
        self.former.setdefault(place, mention.query)
        for note in notes:
            self._note(f"locality: {note}")
        return place

    def _note(self, note: str | None) -> None:
        if note and note not in self.notes:
            self.notes.append(note)

    def placement(self, resolved: dict[Mention, Place], mentions: list[Mention], shares: dict[Mention, float]
                  ) -> Placement:
        """Rank the places, drop enclosing units that are not the subject, write locality lines; a mention counts
        its share (``list_shares``), twice in the title."""
        score: dict[Place, float] = defaultdict(float)
        body: dict[Place, float] = defaultdict(float)  # outside the title
        first: dict[Place, int] = {}
        title_at: dict[Place, int] = {}
        typed_in_title: set[Place] = set()
        actors: set[Place] = set()
        datelines: set[Place] = set()
        located: set[Place] = set()
        venues: set[Place] = set()
        for mention in mentions:
            place = resolved.get(mention)
            if place is None:
                continue
            score[place] += 2 if mention.in_title else shares.get(mention, 1)
            body[place] += 0 if mention.in_title else shares.get(mention, 1)
            first[place] = min(first.get(place, mention.start), mention.start)
            if mention.in_title:
                title_at[place] = min(title_at.get(place, mention.start), mention.start)
                if not mention.bare:
                    typed_in_title.add(place)
            if mention.actor:
                actors.add(place)
            if mention.dateline:
                datelines.add(place)
            if mention.at:
                located.add(place)
            if mention.venue:
                venues.add(place)
        # the whole unit acts, and the headline names no unit inside it: the unit is the subject
        actors = {a for a in actors if not any(a in p.chain[:-1] for p in title_at)}
        listed = set(score)
        bare_titled = {p for p in title_at if p.level in ("province", "district") and p not in typed_in_title}
        spread: dict[Place, int] = {}  # a unit kept over several units inside it: their mentions count for it
        for level in ("district", "province"):
            # the units of the level listed, and those holding several listed units though the text names them not
            for place in {u for p in listed for u in p.chain if u.level == level} - (actors - bare_titled):
                below: dict[Place, int] = defaultdict(int)  # the mentions inside it, by the unit just below it
                for p in listed:
                    if place in p.chain[:-1]:
                        below[p.chain[p.chain.index(place) + 1]] += score[p]
                inner = sum(below.values())
                counts = sorted(below.values(), reverse=True) + [0]
                even = len(below) > 1 and (counts[0] < 2 * counts[1] or counts[0] < 2)  # none with twice the next's and 2
                if place not in score:
                    if even:  # "3 huyện Cái Bè, Gò Công Tây, Tân Phước …": their province is the subject
                        first[place] = min(first[p] for p in listed if place in p.chain)
                        score[place], spread[place] = 0, inner
                        listed.add(place)
                    continue
                if place in title_at or len(below) > 1:  # named in the headline, or spread over several units:
                    if even or not below:  # the subject, unless one unit inside it stands out
                        spread[place], inner = inner, 0
                    elif place in bare_titled and len(below) == 1 and (  # named bare: "… nông dân Cà Mau"
                            place.level == "province" or counts[0] > body[place]):
                        inner = score[place] + 1  # the one unit inside (see the module's docstring) takes its
                        child = next(iter(below))  # place in the headline's ranking
                        heirs = {child} if child in listed else {p for p in listed if child in p.chain}
                        title_at |= {p: title_at[place] for p in heirs - title_at.keys()}
                        located |= heirs if place in located else set()
                    else:
                        inner = counts[0]
                if inner and (score[place] < inner or (score[place] == inner and place not in title_at)):
                    listed.discard(place)

        def rank(place: Place) -> tuple:
            """Named in the headline as where it happened ("tại xã X"), then with its type word, then the
            lead's dateline, then named in the headline without its type word (perhaps inside another name:
            "Thành cổ Quảng Trị"), then acting as a whole unit, then the others by their mentions (a unit's
            own and, when they spread over several units inside it, theirs too)."""
            tier = (-1 if place in located else 0 if place in typed_in_title else 1 if place in datelines
                    else 2 if place in title_at else 3 if place in actors else 4)
            # of two units the headline names with their type words, the one inside the other first ("Công an
            # quận Gò Vấp triệt xóa … tại phường 10": where it happened); one holding several it names, first
            holds_one = tier == 0 and sum(1 for p in typed_in_title if place in p.chain[:-1]) == 1
            return tier, holds_one, title_at.get(place, 0), -score[place] - spread.get(place, 0), first[place]

        ranked = sorted(listed, key=rank)
        # the headline says where ("… tại huyện Y") and the lead names a unit inside it after "tại": that one
        inside = [v for v in venues if any(p in v.chain[:-1] for p in located)]
        inside = [v for v in inside if not any(v in w.chain[:-1] for w in inside)]  # "tại xã X, huyện Y": X
        ranked = inside + [p for p in ranked if p not in inside] if len(inside) == 1 else ranked
        if ranked and score[ranked[0]] == 0:  # a unit the text does not name, over the units it names
            self._note(f"locality: {ranked[0].label} is not named in the text; the units named are in it: check")
        shown, rest = ranked[:MAX_LISTED], ranked[MAX_LISTED:]
        if rest:
            self._note("locality: also named in the text, not listed: " + "; ".join(p.label for p in rest))
        context = sorted(self.anchor_source, key=lambda p: -len(p.chain))
        return Placement(shown, [self.locality(p) for p in shown], self.notes,
                         [(p, self.locality(p), self.anchor_source[p]) for p in context], self.unknown)

    def locality(self, place: Place) -> str:
        """Locality line of a place, with "TP."/"TX." where the page writes them so, and a unit merged
        later by the name the text gives it ("huyện Hoành Bồ, tỉnh Quảng Ninh")."""
        parts = []
        for unit in reversed(place.chain):
            abbreviation = self.abbreviated.get(unit)
            parts.append(f"{abbreviation} {unit.short}" if abbreviation and unit.level != "ward" else unit.title)
        if place in self.former:
            parts[0] = self.former[place]
        line = ", ".join(parts)
        try:
            if self.gazetteer.lookup(line, self.era).place == place:
                return line
        except PlaceError:
            pass
        return place.label
