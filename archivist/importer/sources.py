"""Names of publications: from a web address, or a portal's abbreviated self-description.

``name_for_url`` names the publishers of the registry (``publishers``) and derives the common
local patterns from the gazetteer: ``bao<tỉnh>.vn`` is "Báo <Tỉnh>", ``<tỉnh>.gov.vn`` the
province's "Cổng thông tin điện tử", ``<huyện>.<tỉnh>.gov.vn`` the district's,
``<xã>.<huyện>.<tỉnh>.gov.vn`` the commune's "Trang thông tin điện tử", ``<tỉnh>.dcs.vn`` its party
committee's, ``<tỉnh>tv.vn`` its
"Đài Phát thanh và Truyền hình", and a unit's organisations by their labels before or around
its name ("quandoantanbinh.vn": Quận Đoàn Tân Bình, "mttq.tuyenquang.gov.vn"). Any other address names
no publication (a host is not a name): the draft's source is left for the curator. Every name but
a national outlet's is a derivation the curator should confirm.

``portal_name`` writes a site's name as it names itself in running text: abbreviations spelt
out ("Cổng TTĐT TP Long Xuyên" → "Cổng thông tin điện tử thành phố Long Xuyên"), capitals
as sentence case with proper names and initials kept ("HỘI NÔNG DÂN TỈNH X" → "Hội Nông dân
tỉnh X"), the higher units a portal's banner adds left out ("… xã Tân Lập - huyện Đồng Phú -
tỉnh Bình Phước", "…, tỉnh Bình Phước"), and a paper's "điện tử"/"online" dropped ("Báo Gia Lai điện tử").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..model.gazetteer_data import loose
from ..model.vietnamese import fold
from ..model.places import ERA_2025, ERA_LEGACY, Gazetteer, Place, gazetteer
from .boilerplate import UNIT_TYPES
from .bylines import SourceNote, origin_of
from .layout import LEAD_CODE, Facts
from .names import OFFICIAL_HEADS, publication, syllables_cased
from .pagehtml import PageMeta
from .hostplaces import (AGENCIES, ORGANISATIONS, TYPE_PREFIXES, former_in_host, host_hints, host_labels,
                         places_in_host, unabbreviated, ward_in_path)
from .placenames import NOT_BARE, name_index
from .selfnamed import as_written, named_by_address
from .publishers import Publisher, by_code, by_host, by_name, paper_of, site_host, station_of

__all__ = ["name_for_url", "portal_name", "settle_source", "resettled", "publishers_of"]

def name_for_url(url: str, places: Gazetteer | None = None, *, before_2025: bool = False,
                 settled: Sequence[Place] = ()) -> tuple[str | None, bool]:
    """(name, derived) for a publication's address: a national outlet's name (not derived), a local
    publisher's from the registry of publishers or from the address's pattern (derived: the page does
    not state it), else None: a host is not a publication's name. A label naming several units names
    the one of them a ``settled`` place of the article lies in ("kyanh.hatinh.gov.vn" and xã Kỳ Khang of
    huyện Kỳ Anh: huyện Kỳ Anh, not thị xã Kỳ Anh)."""
    host = site_host(url)
    publisher = by_host(host)
    if publisher:
        return publisher.name, publisher.province is not None
    places = places or gazetteer()
    labels, named = host.split("."), host_labels(host)
    if not named:  # "site.vn", "gov.vn": nothing that may name a unit
        return None, True
    gov = labels[-2:] == ["gov", "vn"]
    found = places_in_host(host, places, ERA_LEGACY)
    hinted = list({h for p in settled for h in host_hints(host, places, p.era) if h in p.chain})
    if len(found) < len(named) and len(hinted) == 1 and all(p in hinted[0].chain for p in found):
        found = [*found, hinted[0]]
    if not found and gov and len(named) == 1:  # a commune's own domain ("quelam.gov.vn"), once the article names it
        found = [p for p in settled if p.level == "ward" and loose(p.short) == named[0]][:1]
    if len(found) >= len(named) and found and (ward := ward_in_path(url, found[-1], places)):
        found, named = [*found, ward], [*named, ward.slug]  # "hoian.gov.vn/caman/…": phường Cẩm An's pages
    if len(found) < len(named) and not before_2025:  # a unit of 1 July 2025 ("hadong.haiphong.gov.vn": xã Hà Đông)
        found = max(found, places_in_host(host, places, ERA_2025), key=len)
    if found and (organisation := _organisation(named, found, places)):
        return organisation, True
    if labels[-2:] == ["edu", "vn"] and found and len(found) == len(named) and found[-1].level != "ward":
        # "tuyenquang.edu.vn", "pgd…", "<huyện>.<tỉnh>.edu.vn"
        head = "Sở" if found[-1].level == "province" else "Phòng"
        return f"{head} Giáo dục và Đào tạo {found[-1].title}", True
    if gov and len(found) == 1 and found[0].level == "province" and (agency := AGENCIES.get(named[0])):
        return f"{agency} {found[0].title}", True  # "sovhttdl.hungyen.gov.vn"
    if gov and len(named) == 1 and (agency := _agency_of_province(named[0], places)):
        return agency, True  # "khcncaobang.gov.vn"
    if labels[-2:] == ["dcs", "vn"] and found and len(found) == len(named):  # "thainguyen.dcs.vn"
        return f"Cổng thông tin điện tử Đảng bộ {found[-1].title}", True  # a party committee's, on the Party's domain
    single = len(found) == len(named) == 1
    typed = single and any(  # "huyendamha.vn": the unit's type, then its name
        named[0].replace("-", "") == prefix + loose(found[0].short) for prefix in TYPE_PREFIXES)
    # a rural district's or town's name as the whole domain ("yenthe.vn"; a city's, "dalat.vn", is often a
    # business's); a site calling itself a portal ("portal-cumgar…")
    bare = (single and labels[1:] == ["vn"] and found[0].kind in ("Huyện", "Thị xã")
            and named[0] == loose(found[0].short))
    portal = "portal" in named[0]
    if (gov or typed or bare or portal) and found and len(found) >= len(named):  # every label a unit
        inner = found[-1]
        head = "Trang thông tin điện tử" if inner.level == "ward" else "Cổng thông tin điện tử"
        return f"{head} {inner.title}", True
    if labels[0].startswith("bao") and found and loose(found[-1].short) == labels[0][3:]:
        return f"Báo {found[-1].short}", True
    station = found and found[-1].level != "ward" and labels[0].replace(loose(found[-1].short), "", 1)
    if station and station != labels[0] and _STATION.fullmatch(station):
        # a province's station broadcasts (phát thanh), a district's relays (truyền thanh); a registered station
        # is named as it writes its name, whatever its address ("ptthlaocai.vn": Đài Phát thanh - Truyền hình Lào Cai)
        if found[-1].level == "province" and (registered := station_of(found[-1].short)):
            return registered.name, True
        head = "Đài Phát thanh và Truyền hình" if found[-1].level == "province" else "Đài Truyền thanh - Truyền hình"
        return f"{head} {_short(found[-1])}", True
    return None, True


def _organisation(labels: list[str], found: list[Place], places: Gazetteer) -> str | None:
    """The organisation a host's first label names with the unit of the labels (see ORGANISATIONS); a
    district's label over its province's organisation names the district's ("huonghoa.tinhuyquangtri.vn":
    Huyện ủy Hướng Hóa); a city's committee or Youth Union under a province's labels, the province's one
    city's ("thanhdoan.ninhthuan.gov.vn": Thành Đoàn Phan Rang - Tháp Chàm)."""
    unit = found[-1]
    first, *rest = [label.replace("-", "") for label in labels]
    if first in ORGANISATIONS and len(found) == len(labels) - 1:  # "mttq" over the unit's own labels
        prefix = first
    elif rest and len(found) == 2 and unit.level == "district" and first == loose(unit.short):
        prefix = next((p for p in ORGANISATIONS if rest[0] == p + loose(found[0].short)), None)
        if prefix in _DISTRICT_HEADS:
            head = _DISTRICT_HEADS[prefix].get(unit.kind)
            return f"{head} {unit.short}" if head else None
    else:
        prefix = next((p for p in ORGANISATIONS if first.startswith(p)
                       and unabbreviated(first[len(p):]) == loose(unit.short)), None)
    if prefix in ("thanhdoan", "thanhuy") and unit.kind != "Thành phố":
        cities = [p for p in places.children(unit) if p.kind == "Thành phố"]
        if len(cities) != 1:
            return None  # which of the province's cities is not named
        unit = cities[0]
    committee = _PARTY.get(unit.kind, "")
    union = {"Tỉnh": "Tỉnh Đoàn"}.get(unit.kind, "Thành Đoàn") if unit.level == "province" else _UNION.get(unit.kind)
    return ORGANISATIONS[prefix].format(short=_short(unit), title=unit.title, committee=committee,
                                        union=union) if prefix else None


def _agency_of_province(label: str, places: Gazetteer) -> str | None:
    """A province's department named by one label, its usual label before the province's name
    ("khcncaobang": Sở Khoa học và Công nghệ tỉnh Cao Bằng)."""
    index = name_index(places, ERA_LEGACY)
    for prefix, agency in AGENCIES.items():
        provinces = [p for p in index.upper_units(unabbreviated(label.removeprefix(prefix))) if p.level == "province"]
        if label.startswith(prefix) and len(provinces) == 1:
            return f"{agency} {provinces[0].title}"
    return None


def _short(unit: Place) -> str:
    """A unit's name after an organisation's head: its short name, but for the city named after a person
    (NOT_BARE), never written bare: "Thành Đoàn Thành phố Hồ Chí Minh"."""
    return f"Thành phố {unit.short}" if unit.short.lower() in NOT_BARE else unit.short



_PARTY = {"Tỉnh": "Tỉnh ủy", "Huyện": "Huyện ủy", "Quận": "Quận ủy", "Thị xã": "Thị ủy", "Thành phố": "Thành ủy"}
_UNION = {"Huyện": "Huyện Đoàn", "Quận": "Quận Đoàn", "Thị xã": "Thị Đoàn", "Thành phố": "Thành Đoàn"}
_DISTRICT_HEADS = {"tinhuy": _PARTY, "thanhuy": _PARTY, "tinhdoan": _UNION, "thanhdoan": _UNION}
"""A province's party committee and Youth Union have their districts' under them."""


# A radio-television station's host label around its province's or district's name: "tuyenquangtv",
# "truyenhinhdongthap", "ptthlaocai", "truyenhinhlucngan".
_STATION = re.compile(r"(?:truyenhinh|ptth|dai)(?:tv)?|(?:dai)?(?:tv|ptth)")


_ABBREVIATIONS = [
    (re.compile(r"\bTTĐT\b"), "thông tin điện tử"),
    (re.compile(r"\bTTTĐT\b"), "Trang thông tin điện tử"),
    (re.compile(r"\bTP\.?(?=\s)"), "thành phố"),
    (re.compile(r"\bTX\.?(?=\s)"), "thị xã"),
    (re.compile(r"\bTT\.(?=\s)"), "thị trấn"),
    (re.compile(r"\bH\.(?=\s)"), "huyện"),
    (re.compile(r"\bPT\s*[-&]?\s*TH\b"), "Phát thanh - Truyền hình"),  # "Đài PT-TH Sơn La", "Đài PTTH …"
    (re.compile(r"\bTT\s*[-&]\s*TH\b"), "Truyền thanh - Truyền hình"),
]
_TYPE_WORDS = tuple(UNIT_TYPES.split("|"))
_PARENTS = re.compile(r"(?:\s+[-–|]\s+|\s*,\s*)(?=(?:" + "|".join(_TYPE_WORDS) + r"|tp\.?|tx\.?)\s)", re.I)
_PAPER_SUFFIX = re.compile(r"\s+(?:điện tử|online)$", re.I)


def portal_name(site: str) -> str:
    """A site's name as it names itself in running text (see the module's docstring)."""
    name = _PARENTS.split(" ".join(site.split()).strip(" .!"))[0]
    if name.isupper():
        name = _from_capitals(name)
    name = _head_cased(name)
    # a unit's type word inside a name, before the unit's name, in lowercase ("… điện tử Tỉnh Kiên Giang"), not a
    # committee's or union's ("Tỉnh Ủy", "Huyện Đoàn") nor the city named after a person
    name = name[:1] + re.sub(rf"(?<=\s)({'|'.join(_TYPE_WORDS)})(\s+)(?!(?:Hồ Chí Minh|Ủy|Uỷ|Đoàn)\b)(\w)",
                             lambda m: (m[1].lower() if m[3].isupper() else m[1]) + m[2] + m[3], name[1:], flags=re.I)
    for pattern, replacement in _ABBREVIATIONS:
        name = pattern.sub(replacement, name)
    if name.lower().startswith("báo "):
        name = _PAPER_SUFFIX.sub("", name)
    # a paper's or magazine's own name starts with a capital ("Báo dân sinh" → "Báo Dân sinh"; but "Báo điện tử X")
    name = re.sub(r"^((?:Báo|Tạp chí) )(?!điện tử\b)(\w)", lambda m: m[1] + m[2].upper(), name)
    # a unit named by a number keeps its type word's capital, as the official spelling writes it ("Quận 5")
    return re.sub(r"(?<=\s)(quận|phường|xã)(?=\s+\d+$)", lambda m: m[1].capitalize(), name)


def _from_capitals(name: str) -> str:
    """"CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN MƯỜNG NHÉ" → "Cổng thông tin điện tử huyện Mường Nhé"; initials
    stay in capitals ("CỔNG TTĐT TỈNH X" → "Cổng TTĐT tỉnh X")."""
    name = syllables_cased(name)
    for word in _TYPE_WORDS:  # "Huyện Mường Nhé" → "huyện Mường Nhé", except at the start
        name = name[:1] + re.sub(rf"(?<=\s){word}(?=\s+\S)", word, name[1:], flags=re.I)
    return re.sub(rf"\s({'|'.join(_TYPE_WORDS)}) (.+)$", lambda m: f" {m[1]} {_spelt(m[1], m[2])}", name)


def _spelt(kind: str, written: str) -> str:
    """A unit's name as the register spells it, when it names one of its type ("huyện Chư PĂH" → "huyện Chư Păh",
    "huyện Cư M'GAR" → "huyện Cư M'gar": syllables of minority languages are no initials)."""
    return next((spelt for era in (ERA_LEGACY, ERA_2025) for place, spelt in name_index(gazetteer(), era).by_name.get(
        loose(written), ()) if place.kind.lower() == kind and spelt.casefold() == written.casefold()), written)


def _head_cased(name: str) -> str:
    """A site's or organisation's head as it is officially written: "Cổng Thông tin điện tử" → "Cổng thông tin
    điện tử", "Hội Nông Dân" → "Hội Nông dân"."""
    head = next((head for head in OFFICIAL_HEADS if name.lower().startswith(head.lower())), None)
    return head + name[len(head):] if head else name


def settle_source(facts: Facts, meta: PageMeta, page_url: str | None, before_2025: bool = False,
                  text: str = "", furniture: str = "", sites: Mapping[str, str] | None = None
                  ) -> tuple[SourceNote | None, list[str], bool]:
    """The source of an article, the review notes on it, and whether the page names it. In order: a
    note in the text ("Theo …", "Nguồn: …", "(laichau.gov.vn)", a bare address, "name, Báo X"); the
    paper whose code opens the lead, when the page is not on that paper's own site; the site's own
    name (the registry's name for a registered site) with the page's address; the page's address, named as
    the archive's reviewed articles from its site name it (``sites``, by host), else by its pattern or by the
    organisation the article's ``text`` names that the address spells, a derived name written as the page's
    ``furniture`` (the lines around the article: its header, a signature) writes it."""
    review: list[str] = []
    origin = origin_of(page_url) if page_url else None
    own = by_host(origin) if origin else None
    if own and own.aggregator:  # a page on Báo Mới is some paper's article: the site is not its source
        review.append(f"source: the page is on {own.name} ({own.domain}), which republishes other papers' articles")
        origin = own = None
    notes = [n for n, how in facts.sources if not how.startswith(LEAD_CODE)]
    # a paper's code opening the lead names the source on another's site; not on a paper's own site, which
    # states a republished article's paper in a note ("Theo Báo X"): its code there is its own, as it uses it
    coded = [(n, how) for n, how in facts.sources if how.startswith(LEAD_CODE) and not (own and own.name == n.name)]
    if own and own.name.startswith("Báo ") and (papers := [n for n, _ in coded if (n.name or "").startswith("Báo ")]):
        review.append(f"source: the lead opens with the code of {papers[0].name}, on the site of {own.name}, which "
                      "uses it too or republished the article: check")
        coded = [(n, how) for n, how in coded if n not in papers]
    named = next((n for n in notes if n.name), None)
    address = next((n.url for n in notes if n.url and not n.name), None)
    note = SourceNote(named.name, named.url or address) if named else SourceNote(None, address) if address else None
    if note and note.name and _PROGRAMME.match(note.name):
        broadcaster = _broadcaster(note.name, origin, own)
        if broadcaster:
            review.append(f"source: “{note.name}” is a programme; its broadcaster “{broadcaster}” is named: check")
            note = SourceNote(broadcaster, note.url or origin)
    if note is None and coded:
        note, how = coded[0]
        review.append(f"source: “{note.name}” is named by {how}: check")
    if note is None and (facts.sites or meta.site_name):
        written = facts.sites[0] if facts.sites else meta.site_name or ""
        name = own.name if own else portal_name(written)
        note = SourceNote(name, origin)
        if own and by_name(written) is not own and by_name(portal_name(written)) is not own:
            review.append(f"source: “{name}” is the registry's name for {own.domain}; the page calls its site "
                          f"“{written}”: check")
        elif not own and name != written:
            review.append(f"source: “{name}” spelt out from the page's own name “{written}”: check")
    elif note is None and origin:
        note = SourceNote(None, origin)
        review.append(_FROM_ADDRESS)
    if note is None:
        review.append("source: none named on the page; add where the article was first published")
        return None, review, False
    if note.name and portal_name(note.name) != note.name:
        review.append(f"source: “{portal_name(note.name)}” spelt out from “{note.name}”: check")
        note = SourceNote(portal_name(note.name), note.url)
    if note.name and origin and (whole := _with_its_unit(note.name, origin)) != note.name:
        review.append(f"source: “{whole}”, its unit from the address {origin}, from “{note.name}”: check")
        note = SourceNote(whole, note.url)
    if note.name and (publisher := _registered(note.name)) and publisher.name != note.name:
        review.append(f"source: “{publisher.name}” as the publisher writes its name, from “{note.name}”")
        note = SourceNote(publisher.name, note.url)
    if note.name and not note.url and origin and _same_name(name_for_url(origin)[0], note.name):
        note = SourceNote(note.name, origin)  # the page names its own site: the address is its URL
    if note.name and note.url and not publication(note.name):
        known = name_for_url(note.url)[0]  # "Nguồn Quảng Ngãi: http://baoquangngai.vn/…" is Báo Quảng Ngãi
        if known and fold(note.name) in fold(known):
            review.append(f"source: “{known}” from the address {note.url}, which the page calls “{note.name}”")
            note = SourceNote(known, note.url)
    if note.name:
        return note, review, True
    address = page_url if note.url == origin else note.url or ""  # the page's whole address: "…/mnhoahong/…"
    if curated := (sites or {}).get(site_host(address)):  # the name a curator gave the site, reviewing its pages
        review.append(f"source: “{curated}”, the name the archive's reviewed articles from {site_host(address)} give "
                      "their site: check")
        return SourceNote(curated, note.url), _one_note(review), True
    name, derived = name_for_url(address, before_2025=before_2025)  # an article of 2020: no unit of 2025
    # an organisation the text names that the address spells; its path's over the name of its host's pattern
    # ("quangyen.quangninh.edu.vn/mnhoahong/…": the school, not the district's education office)
    if (name is None or derived and not by_host(site_host(address))) and (
            spelt := named_by_address(address, text, path_only=name is not None)):
        name, derived = _with_its_unit(spelt, address), True
        review.append(f"source: “{name}”, which the text names, is the organisation the address {address} "
                      "spells: check it publishes the site")
    elif name is None and (former := former_in_host(site_host(address), gazetteer())) and (
            written := _written(text, former[1])):
        kind, _, successor = former
        name = f"{'Trang' if kind in ('Xã', 'Phường', 'Thị trấn') else 'Cổng'} thông tin điện tử {kind.lower()} {written}"
        review.append(f"source: the name “{name}” was derived from the address {address}, which names "
                      f"{kind.lower()} {written}, since merged into {successor.label}: check it")
    elif name is None:
        review.append(f"source: the page names no publication and its address {note.url} names none the importer "
                      "knows; add where the article was first published")
    elif derived:
        units = places_in_host(site_host(address), gazetteer(), ERA_LEGACY)
        written = as_written(name, units[-1], furniture) if units and not by_host(site_host(address)) else name
        if written != name:
            review.append(f"source: “{written}”, as the page writes it around the article, for the name “{name}” "
                          f"derived from the address {note.url}: check it")
            name = written
        else:
            review.append(f"source: the name “{name}” was derived from the address {note.url}: check it")
    return SourceNote(name, note.url), _one_note(review), name is not None and not derived


_FROM_ADDRESS = "source: the page names no source; the address it was retrieved from is used"


def _one_note(review: list[str]) -> list[str]:
    """The review's notes without the general one on the page's address when a later note says what was made of
    it (the name derived from it, the name the archive gives it, that it names none)."""
    if _FROM_ADDRESS in review and review[-1].startswith("source:") and review[-1] != _FROM_ADDRESS:
        review.remove(_FROM_ADDRESS)
    return review


def resettled(note: SourceNote | None, review: list[str], settled: Sequence[Place],
              before_2025: bool = False) -> SourceNote | None:
    """A source named from its address again once the article's places are settled, when they tell which of
    the units a label names ("kyanh.hatinh.gov.vn", "tuoitrephuninh.net"); the review's notes on the address
    replaced. None when they change nothing."""
    if not note or not note.url or not settled:
        return None
    name = name_for_url(note.url, before_2025=before_2025, settled=settled)[0]
    unsettled = name_for_url(note.url, before_2025=before_2025)[0]
    if name is None or name == unsettled or note.name not in (None, unsettled):  # a name the text gave stays
        return None
    review[:] = [n for n in review if not (n.startswith("source:") and note.url in n)]
    review.append(f"source: the name “{name}” was derived from the address {note.url}, whose unit the article's "
                  f"place {settled[0].label} tells: check it")
    return SourceNote(name, note.url)


def _with_its_unit(name: str, url: str) -> str:
    """An organisation's name the text ends with its unit's type word alone ("Thư viện tỉnh"), completed with the
    unit of that type the address names ("thuvientinh.bacninh.gov.vn": Thư viện tỉnh Bắc Ninh)."""
    kind = next((k for k in _TYPE_WORDS if name.lower().endswith(" " + k) and not name.lower().endswith("hợp tác xã")),
                None)
    unit = next((p for p in places_in_host(site_host(url), gazetteer(), ERA_LEGACY) if p.kind.lower() == kind), None)
    return f"{name} {_short(unit)}" if unit else name


def _written(text: str, key: str) -> str | None:
    """A name as the text writes it, in capitals, whose key (no diacritics, no spaces) is given ("thachvinh":
    "Thạch Vĩnh")."""
    words = list(re.finditer(r"[^\W\d_]+", text))
    for i, first in enumerate(words):
        for last in words[i:i + 4]:
            written = text[first.start():last.end()]
            if loose(written) == key and all(w[:1].isupper() for w in written.split()):
                return written
    return None


def _registered(name: str) -> Publisher | None:
    """The registered publisher a note names: by its name or code, or written with a "Báo" it does not use
    ("Báo Truyền hình thông tấn"), or a province's party paper by the province's name ("Báo Điện Biên"), or a
    national paper without its "Báo" ("Theo Dân trí")."""
    paper = name[4:] if name.startswith("Báo ") else None
    national = None if paper else by_name(f"Báo {name}")
    return (by_name(name) or by_code(name) or (paper and (by_name(paper) or paper_of(paper)))
            or (national if national and national.province is None else None))


# A broadcast programme a note credits ("Nguồn: Bản tin Thời sự 14h TTV"): not a publisher, its broadcaster is.
_PROGRAMME = re.compile(r"^(?:bản tin|chương trình|thời sự|phóng sự)\b", re.I)


def _broadcaster(programme: str, origin: str | None, own: Publisher | None) -> str | None:
    """The broadcaster of a programme: the registered one whose code it carries ("Thời sự VTV1"), else the
    page's own site when it is known (a station's site crediting its own bulletin)."""
    coded = next((p for word in programme.split() if (p := by_code(word.rstrip("0123456789")))), None)
    if coded:
        return coded.name
    return own.name if own else name_for_url(origin)[0] if origin else None


def _same_name(name: str | None, other: str) -> bool:
    return name is not None and name.casefold() == other.casefold()


def publishers_of(draft_source: SourceNote | None, page_url: str | None, facts: Facts) -> list[Publisher]:
    """The registered publishers a page names: its site, its source (by address or name), a lead code."""
    found = [by_host(page_url) if page_url else None]
    if draft_source:
        found += [by_host(draft_source.url) if draft_source.url else None,
                  by_name(draft_source.name) if draft_source.name else None]
    found += [by_name(portal_name(site)) for site in facts.sites]
    found += [by_name(note.name) for note, how in facts.sources if note.name and how.startswith(LEAD_CODE)]
    return list(dict.fromkeys(p for p in found if p))
