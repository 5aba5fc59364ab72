"""Units the headline and the lead name without a type word, read where newspapers and portals
put the place a story is from: a dateline before a colon opening the headline ("Trà Tân: …"),
a dateline in capitals opening the lead ("HÀ TĨNH – Chiều 5/1, …"), and a district the headline
names bare ("Nông dân Cẩm Xuyên …") when the page bears it out. Each gives ``mentions`` a
``Mention`` to resolve and rank with the others. ``count_bare_repeats`` adds the bare repeats of
units the text names with their type word ("ở Đông Hà"); ``where_it_happened`` marks the units the
headline and the lead say the story happened in.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model.gazetteer_data import loose
from ..model.places import Place
from .names import syllables_cased
from .placenames import Mention, NameIndex, bare_names

__all__ = ["bare_dateline", "lead_dateline", "bare_districts", "committee_districts", "count_bare_repeats",
           "where_it_happened", "COMMITTEE"]

_DATELINE = re.compile(r"^([A-ZĐÂĂÊÔƠƯ][\w'’]*(?: [A-ZĐÂĂÊÔƠƯ0-9][\w'’]*){0,3})\s*:\s")


def bare_dateline(heading: str, mentions: list[Mention], index: NameIndex, anchors: set[Place]) -> Mention | None:
    """The name before a colon opening the headline ("Trà Tân: Tổ chức …") written without its type
    word, as a mention: portals open a headline with the unit the news is from. The portal's own
    unit when it has that name ("Thạch Hà: …" on huyện Thạch Hà's portal); else a repeat of the
    mention the text writes with its type, if any; else the one unit of that name inside the
    page's context (a commune of the district whose portal it is)."""
    head = _DATELINE.match(heading)
    if head is None or not anchors or any(m.in_title and m.start == 0 for m in mentions):
        return None
    key = loose(head[1])
    own = [a for a in anchors if loose(a.short) == key]
    if len(own) == 1:
        return Mention(own[0].kind, head[1], 0, head.end(1), True)
    if any(loose(m.name) == key for m in mentions):
        return None
    inside = {p for p, _ in index.by_name.get(key, ()) if any(a in p.chain[:-1] for a in anchors)}
    # a district and its seat town of the same name ("Phong Thổ: …"): the district, which holds the other
    inside = [p for p in inside if not any(q in p.chain[:-1] for q in inside)]
    return Mention(inside[0].kind, head[1], 0, head.end(1), True, bare=True) if len(inside) == 1 else None


_LEAD_DATELINE = re.compile(r"^(?:\([^()\n]{1,40}\)\s*[-–—]?\s*|[A-ZĐ]{2,6}\s*[-–—]\s*)?"
                            r"((?:[^\W\d_]+ ?){1,4}?)\s*[-–—]\s*(?=\w)")
"""A dateline in capitals opening the lead, after the paper's tag or code if any: "(Cadn.com.vn) -
ĐÀ NẴNG-Sáng 20-12, …", "HÀ TĨNH – Chiều 5/1, …"."""


def lead_dateline(lead: str, offset: int, index: NameIndex) -> Mention | None:
    """The province (or else the one district) a lead's dateline names, as a mention of the place
    the news is reported from."""
    head = _LEAD_DATELINE.match(lead)
    if head is None or not head[1].isupper():
        return None
    name = syllables_cased(head[1].strip())
    units = index.upper_units(loose(name))
    provinces = [p for p in units if p.level == "province"]
    if len(provinces) != 1 and len(units) != 1:
        return None
    place = provinces[0] if len(provinces) == 1 else units[0]
    return Mention("Tỉnh" if place.level == "province" else place.kind, name, offset + head.start(1),
                   offset + head.start(1) + len(head[1].strip()), False, bare=True, actor=True, dateline=True)


def bare_districts(segments: list[tuple[str, bool]], mentions: list[Mention], index: NameIndex,
                    anchors: set[Place]) -> list[Mention]:
    """A district the headline names without its type word ("Nông dân Cẩm Xuyên thu hoạch lúa"), when
    no other unit bears that name (or the page is on its own site or one of its units') and the page
    bears it out: the text names it again, or names a unit that may be inside it, or the page's site or
    publisher is in its province."""
    heading = segments[0][0]
    taken = [(m.start, m.end) for m in mentions]
    # a district whose name other units bear too, on its own site or one of its communes' ("taygiang.quangnam…")
    districts = {**{d.short: d for a in anchors for d in a.chain[1:2] if not d.short[:1].isdigit()}, **index.districts}
    found = [f for f in bare_names(heading, 0, True, districts, taken) if not _VILLAGE.search(heading[:f[1]])]
    if not found:
        return []
    body = "\n".join(text for text, _ in segments[1:])
    homes = {a.chain[0] for a in anchors}
    inside = {place.chain[1] for m in mentions for place in index.candidates(m.kind, m.name)
              if len(place.chain) > 2}
    return [Mention(district.kind, name, start, end, True, bare=True)
            for name, start, end in found
            if (district := districts[name]) in inside or district.chain[0] in homes
            or any(not _VILLAGE.search(body[:at]) for _, at, _ in bare_names(body, 0, False, {name: district}, []))]


COMMITTEE = r"(?:\b(?:UBND|HĐND)|[UỦuủ][yỷ] ban nhân dân|Hội đồng nhân dân)"
"""A unit's people's committee or council written before its name ("UBND huyện X", "UBND Tây Giang")."""
_COMMITTEE = re.compile(COMMITTEE + r"\s+$")


def committee_districts(segments: list[tuple[str, bool]], mentions: list[Mention], index: NameIndex) -> list[Mention]:
    """A district the text names without its type word after its people's committee or council ("UBND
    Tây Giang"), when no other unit bears that name: a mention of it, acting as a whole unit."""
    found, offset = [], 0
    taken = [(m.start, m.end) for m in mentions]
    for text, in_title in segments:
        for name, start, end in bare_names(text, offset, in_title, index.districts, taken):
            if _COMMITTEE.search(text[:start - offset]):
                found.append(Mention(index.districts[name].kind, name, start, end, in_title, bare=True, actor=True))
        offset += len(text) + 2
    return found


_VILLAGE = re.compile(r"\b(?:thôn|bản|ấp|xóm|làng|buôn|khối|khu phố|tổ dân phố|tổ|phum|sóc|khóm|đền|chùa|đình|sông"
                      r"|núi|hồ|cầu|chợ|đường|phố|trường|chiến thắng|chiến dịch|trận)\s+$", re.I)
"""Words before a name that make it a village's, a temple's, a river's, a street's ("thôn Hạ Hòa") or a
battle's ("Chiến thắng Buôn Ma Thuột")."""


def count_bare_repeats(segments: list[tuple[str, bool]], mentions: list[Mention],
                        resolved: dict[Mention, Place], index: NameIndex) -> None:
    """Add bare repeats ("ở Đông Hà", "Hoành Bồ: …") of units the text names with a type word (by the
    name it writes, a former one included)."""
    names: dict[str, Place] = {}
    for mention, place in resolved.items():
        if not mention.kind or place.level == "province" or any(c.isdigit() for c in mention.name):
            continue
        for name in dict.fromkeys((place.short, mention.name)):
            if len(name.split()) > 1 and name not in index.provinces:
                names.setdefault(name, place)
    taken = [(m.start, m.end) for m in mentions]
    offset = 0
    for text, in_title in segments:
        for name, start, end in bare_names(text, offset, in_title, names, taken):
            mention = Mention(None, name, start, end, in_title, None, False, bare=True)
            mentions.append(mention)
            resolved[mention] = names[name]
        offset += len(text) + 2


_AT = re.compile(r"(?:^|\s)(?:tại|ở)\s+$", re.I)
_VENUE = re.compile(r"(?:^|\s)tại\s+(?!(?:đây|đó|chỗ)\b)(?:[^.;:!?\n]{1,80}?,\s*)?$", re.I)


def where_it_happened(heading: str, lead: str, mentions: list[Mention]) -> dict[Mention, Mention]:
    """The mentions marked as saying where the story happened: a unit before a colon opening the headline
    (``actor``: "Chợ Lách: Nhà vườn …"), one the headline names after "tại" or "ở" (``at``: "… về nguồn tại
    An Giang"), and the units the lead names after "tại" (``venue``: "… tại Nhà văn hóa thôn 3, xã X")."""
    marked = {m: replace(m, actor=True) for m in mentions
              if m.in_title and m.start == 0 and heading[m.end:].lstrip().startswith(":")}
    marked |= {m: replace(marked.get(m, m), at=True) for m in mentions
               if m.in_title and _AT.search(heading[:m.start])}
    start = len(heading) + 2
    marked |= {m: replace(marked.get(m, m), venue=True) for m in mentions if not m.bare and lead
               and start <= m.start < start + len(lead) and _VENUE.search(lead[:m.start - start])}
    return marked
