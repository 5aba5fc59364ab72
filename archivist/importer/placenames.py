"""Names of administrative units in running text: where they are written, and which units they can be.

* ``typed_mentions``: a type word or abbreviation followed by a capitalised name ("phường Thanh
  Trường", "TP. Điện Biên Phủ", "H. Mường Nhé", "Quận 3", "P.14"), party-committee and youth-union
  forms ("Thành ủy Điện Biên Phủ" is the thành phố, "Huyện ủy Tủa Chùa", "Huyện đoàn Tủa Chùa" and "Huyện
  Hội Tủa Chùa" (its association, "Hội" in capitals) the huyện, "Phường đoàn Tân Định" the phường), names
  ending with a number ("xã Sơn Kim 1"), and the further names of a plural list ("các xã Quảng Lâm, Chung
  Chải và Sín Thầu"); a name the copy cut short ("thị xã Th") is none;
* ``bare_names``: known names written without a type word, standing on their own (not glued to
  other capitalised words, such as a person's name, nor a street's name: "đường Điện Biên Phủ");
* ``NameIndex``: the units of an era by name (diacritics must match when written);
* ``joined``, ``trimmed``: where a typed name ends ("thành phố Phan Rang-Tháp Chàm", "Phường 1 Bảo Lộc";
  "Thành ủy Đông Hà Trần Thanh Tiến"), and ``personal``: a person's name after a bare type word.

The units a web address names are ``hostplaces``'.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass, replace

from ..model.gazetteer_data import loose
from ..model.places import Gazetteer, Place, unit_title
from ..model.vietnamese import normalize_tones
from .boilerplate import UNIT_TYPES
from .names import cut_mid_syllable

__all__ = ["Mention", "NameIndex", "name_index", "typed_mentions", "bare_names", "list_shares", "PERSON_STARTS",
           "NOT_BARE", "LEVEL_OF", "PARENT_GAP", "joined", "trimmed", "personal"]

_KINDS = {"thành phố": "Thành phố", "thị xã": "Thị xã", "thị trấn": "Thị trấn", "đặc khu": "Đặc khu",
          "tỉnh": "Tỉnh", "huyện": "Huyện", "quận": "Quận", "phường": "Phường", "xã": "Xã"}
_ABBREVIATIONS = {"tp": "Thành phố", "tx": "Thị xã", "tt": "Thị trấn", "h": "Huyện", "q": "Quận", "p": "Phường",
                  "x": "Xã"}
_PARTY = {"thành": "Thành phố", "thị": "Thị xã", "tỉnh": "Tỉnh", "huyện": "Huyện", "quận": "Quận"}
_NUMBERED = {"Phường", "Quận", "Xã"}
_TYPED = re.compile(
    r"(?<![\w.])(?:"
    r"(?P<party>[Tt]hành|[Tt]hị|[Tt]ỉnh|[Hh]uyện|[Qq]uận)\s+(?:[uủUỦ][yỷ]|[đĐ]oàn)|(?P<union>[Pp]hường|[Xx]ã)\s+đoàn"
    r"|(?P<assoc>Huyện|Quận)\s+Hội(?=\s+\w)"
    r"|(?P<word>(?i:thành\s+phố|thị\s+xã|thị\s+trấn|đặc\s+khu|tỉnh|huyện|quận|phường|xã))"
    r"|(?P<abbr>TP|Tp|TX|Tx)\.?|(?P<tt>TT)\.|(?P<letter>[HPQX])\.|(?P<num>[PQ])(?=\.?\d)\.?"
    r")(?:\s+|(?<=\.)\s*|(?<=[PQ])(?=\d))(?=[^\W\d_]|\d)")
_TOKEN = re.compile(r"[^\W_][\w'’]*")
_COOPERATIVE = re.compile(r"(?i)hợp\s+tác\s+$")
_REGIONS = {loose(name) for name in (
    "Bắc Bộ", "Trung Bộ", "Nam Bộ", "Bắc Trung Bộ", "Nam Trung Bộ", "Đông Nam Bộ", "Tây Nam Bộ", "Tây Nguyên",
    "Tây Bắc", "Đông Bắc", "Việt Bắc", "Duyên hải Nam Trung Bộ", "Đồng bằng sông Hồng", "Đồng bằng sông Cửu Long",
    "Miền Trung", "Miền Bắc", "Miền Nam", "Miền Tây")}
"""Regions of the country, named after a plural type word ("các tỉnh Tây Nguyên"): no unit."""
_COUNTRIES = ("Trung Quốc|Lào|Campuchia|Cam-pu-chia|Thái Lan|Myanmar|Mi-an-ma|Hàn Quốc|Nhật Bản|Hoa Kỳ|Ấn Độ"
              "|Đài Loan|Mông Cổ|Cuba|Indonesia|Malaysia|Philippines|Singapore")  # not "Đức", "Mỹ": "Long Đức", "Mỹ An"
_STATE = rf"(?:CHDCND\s+|Vương quốc\s+|Cộng hòa\s+)?(?:{_COUNTRIES})"
_ABROAD = re.compile(rf"\s*(?:\(\s*(?:nước\s+)?{_STATE}\s*\)|,?\s+(?:nước|của|thuộc)\s+(?:nước\s+)?{_STATE}(?![\w-])"
                     rf"|,\s*{_STATE}\s*(?:[.;)]|$))")
_ABROAD_NAME = re.compile(r"(?:Bắc|Nam|Trung|Thượng|Hạ) Lào")

_STREET_WORDS = {"đường", "phố", "ngõ", "ngách", "hẻm", "kiệt", "lộ", "số", "sông", "cầu"}
NOT_BARE = {"hồ chí minh"}  # the province-level city bears a person's name: only its typed forms count
# Words that start a person's name or title right after a unit's name ("Thành ủy Đông Hà Trần Thanh Tiến").
PERSON_STARTS = set(
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Lò Quàng Cà Lường Giàng Sùng Vàng "
    "Mùa Thào Hờ Lầu Tòng Điêu Đinh Hà Mai Tạ Đào Đoàn Vương Trịnh Trương Lâm Lương Cao Chu Tô Kiều La Lại Lưu "
    "Tống Triệu Quách Thái Châu Văn Kim Khổng Ông Bà Anh Chị Đồng Chủ Bí Phó Trưởng Giám Thượng Đại Trung".split())


@dataclass(frozen=True)
class Mention:
    """One name found in the text."""

    kind: str | None
    name: str
    start: int
    end: int
    in_title: bool
    abbreviation: str | None = None
    strict: bool = True  # written with a full type word: an unknown name is worth a review note
    bare: bool = False  # written without a type word (a province's name, or a repeat)
    actor: bool = False  # the whole unit acts: "UBND huyện X", "toàn huyện X"
    dateline: bool = False  # the lead's dateline: "HÀ TĨNH – Chiều 5/1, …"
    at: bool = False  # in the headline after "tại" or "ở": where it happened
    venue: bool = False  # in the lead after "tại" (past a venue's name): where the event took place

    @property
    def query(self) -> str:
        """The mention as a locality part: "phường X", "Phường 10", "TP. Y", or the bare name."""
        if self.bare or self.kind is None:
            return self.name
        return f"{self.abbreviation} {self.name}" if self.abbreviation else unit_title(self.kind, self.name)


class NameIndex:
    """Units of one era by loose name, with the exact (diacritic) form each is known by."""

    def __init__(self, gazetteer: Gazetteer, era: str) -> None:
        self.by_name: dict[str, list[tuple[Place, str]]] = defaultdict(list)
        self.provinces: dict[str, Place] = {}
        """Provinces by the names they are written bare with."""
        districts: dict[str, list[Place]] = defaultdict(list)
        for place in gazetteer.places(era):
            for name in gazetteer.names(place):
                self.by_name[loose(name)].append((place, name))
                if name.startswith("Nông trường "):  # a state farm's township, often "thị trấn NT Phong Hải"
                    self.by_name[loose("NT " + name[12:])].append((place, "NT " + name[12:]))
            if place.level == "province":  # and the longer names papers give it ("Thừa Thiên Huế", "TPHCM")
                self.provinces |= {name: place for name in gazetteer.names(place)
                                   if name == place.short or len(name) >= 4}
            elif place.level == "district" and not place.short[:1].isdigit():
                districts[place.short].append(place)
        self.districts: dict[str, Place] = {
            name: places[0] for name, places in districts.items()
            if len(places) == 1 and all(places[0] in p.chain for p, _ in self.by_name[loose(name)])}
        """Districts whose name, written with its diacritics, is no other unit's but their own town's
        (to read without a type word)."""

    def upper_units(self, key: str) -> list[Place]:
        """Provinces and districts whose loose name is ``key`` ("laichau")."""
        return list(dict.fromkeys(p for p, _ in self.by_name.get(key, ()) if p.level in ("province", "district")))

    def candidates(self, kind: str | None, name: str) -> list[Place]:
        """Units of a kind (None: any) with this name; diacritics must match when written, and a name
        with none matches those whose name has none either, if any ("xã Nga Thanh" is not xã Nga Thành)."""
        exact = _exact(name)
        written = exact != loose(name)
        found, same = [], []
        for place, source in self.by_name.get(loose(name), ()):
            fits = kind is None or place.kind == kind or (kind == "Tỉnh" and place.level == "province")
            if fits and (not written or _exact(source) == exact) and place not in found:
                found.append(place)
            if fits and _exact(source) == exact and place not in same:
                same.append(place)
        return same or found


def _exact(text: str) -> str:
    return re.sub(r"[\W_]+", "", normalize_tones(text).lower())


@functools.lru_cache(maxsize=4)
def name_index(gazetteer: Gazetteer, era: str) -> NameIndex:
    """The name index of an era, built once."""
    return NameIndex(gazetteer, era)


def typed_mentions(text: str, offset: int, in_title: bool) -> list[Mention]:
    """Type word (or abbreviation, or party committee) + capitalised name, in one text."""
    found = []
    for match in _TYPED.finditer(text):
        if (match["party"] or match["union"] or match["assoc"]) and _NEXT_UNIT.match(text, match.end()):
            continue  # "Thành đoàn TP. HCM", "Huyện ủy huyện X": the unit is written next, with its type
        if match["party"]:
            kind, abbreviation, strict = _PARTY[match["party"].lower()], None, True
        elif match["union"] or match["assoc"]:  # "Phường đoàn Tân Định": the ward's Youth Union ("xã Đoàn Kết" is a
            # name); "Huyện Hội Thạch Thất": the district's association
            kind, abbreviation, strict = _KINDS[(match["union"] or match["assoc"]).lower()], None, True
        elif match["word"]:
            kind, abbreviation, strict = _KINDS[" ".join(match["word"].lower().split())], None, True
        elif match["abbr"]:
            kind, abbreviation, strict = _ABBREVIATIONS[match["abbr"].lower()], match["abbr"].upper() + ".", False
        elif match["tt"]:
            kind, abbreviation, strict = "Thị trấn", "TT.", False
        else:
            letter = (match["letter"] or match["num"]).lower()
            kind, abbreviation, strict = _ABBREVIATIONS[letter], letter.upper() + ".", False
        if kind == "Xã" and _COOPERATIVE.search(text, 0, match.start()):
            continue  # "Hợp tác xã Mường Hoa": a cooperative, not a commune
        words = _name_words(text, match.end(), numbered=kind in _NUMBERED)
        if not words or (abbreviation and len(words) == 1 and words[0][1] - words[0][0] == 1
                         and text[words[0][0]].isalpha()):
            continue  # "P.V", "H.P": a person's initials, not an abbreviated unit with a one-letter name
        start, end = words[0][0], words[-1][1]
        last = text[words[-1][0]:end]
        if (len(last) > 1 or last.islower()) and cut_mid_syllable(last.lower()):
            continue  # "thị xã Th", "xã Tân Ph": a name the copy cut short names no place ("Bình Hưng Hòa B" does)

        if _abroad(text, start, end):
            continue  # "tỉnh Vân Nam (Trung Quốc)", "3 tỉnh Bắc Lào": no unit of the register
        # a region ("các tỉnh Tây Nguyên"): no note if no unit bears it ("xã Đông Bắc" is one)
        strict = strict and loose(text[start:end]) not in _REGIONS
        found.append(Mention(kind, text[start:end], offset + match.start(), offset + end, in_title,
                              abbreviation, strict))
        if _PLURAL.search(text[:match.start()]):  # "các xã Quảng Lâm, Chung Chải và Sín Thầu"
            for start, end in _listed_names(text, end, kind in _NUMBERED):
                found.append(Mention(kind, text[start:end], offset + start, offset + end, in_title, None, False))
    return found


def _abroad(text: str, start: int, end: int) -> bool:
    """Whether a unit's name is one abroad: "tỉnh Vân Nam (Trung Quốc)", "tỉnh Hủa Phăn, nước CHDCND Lào", "các tỉnh
    Bắc Lào" (not "xã Bờ Y, Lào và Campuchia": three countries' meeting point)."""
    return bool(_ABROAD.match(text, end) or _ABROAD_NAME.fullmatch(text, start, end))


# Which kinds can contain which: a province's kinds before a district's before a ward's.
LEVEL_OF = {"Tỉnh": 0.0, "Thành phố": 0.5, "Thị xã": 1.0, "Huyện": 1.0, "Quận": 1.0, "Thị trấn": 2.0, "Phường": 2.0,
            "Xã": 2.0, "Đặc khu": 2.0}  # a thành phố is a province or a district
PARENT_GAP = re.compile(r"\s*[,(\-–]\s*")
_PLURAL = re.compile(r"(?:\b(?:các|những|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)|\d+)\s+$", re.I)
_LIST_JOIN = re.compile(r"(?:\s*,\s*|\s+(?:và|cùng|với)\s+|\s*&\s*)")


def _listed_names(text: str, position: int, numbered: bool) -> list[tuple[int, int]]:
    """Spans of the further names of a plural list after its first name (", B, C và D")."""
    spans = []
    while True:
        joint = _LIST_JOIN.match(text, position)
        if not joint:
            return spans
        words = _name_words(text, joint.end(), numbered)
        if not words or text[words[-1][1]:words[-1][1] + 1] == "." and len(text[words[0][0]:words[-1][1]]) <= 3:
            return spans
        spans.append((words[0][0], words[-1][1]))
        position = words[-1][1]


_TYPE_HEAD = re.compile(r"(?:Thành phố|Thị xã|Thị trấn)\b")
_FARM = " trường"  # a state farm's township is "Nông trường <name>", its second word in lowercase


def _name_words(text: str, position: int, numbered: bool) -> list[tuple[int, int]]:
    """Spans of the capitalised words (at most 5) starting at ``position``, one space apart."""
    spans: list[tuple[int, int]] = []
    while len(spans) < 5:
        match = _TOKEN.match(text, position)
        if not match:
            break
        word = match[0]
        ending = bool(spans) and word.isdigit() and len(word) <= 2  # "Sơn Kim 1": a number ends some names
        if not (word[0].isupper() or (numbered and not spans and word.isdigit()) or ending):
            break
        if spans and _TYPE_HEAD.match(text, match.start()):  # "xã Quảng Nghĩa Thành phố Móng Cái"
            break
        if word == "Nông" and text.startswith(_FARM + " ", match.end()):  # "thị trấn Nông trường Phong Hải"
            spans.append((match.start(), match.end() + len(_FARM)))
            position = match.end() + len(_FARM) + 1
            continue
        spans.append(match.span())
        if word.isdigit():
            break
        if text[match.end():match.end() + 1] != " ":
            break
        position = match.end() + 1
    return spans


_JOIN = re.compile(r" ?[-–] ?")
_NEXT_UNIT = re.compile(rf"(?:{UNIT_TYPES}|tp|tx)\b", re.I)
_LOWER_WORD = re.compile(r" ([^\W\d_][\w'’]*)")


def _lowercase_run(text: str, position: int) -> list[int]:
    """The ends of the first two words in lowercase from ``position`` on ("huyện Lục| yên|")."""
    ends = []
    while len(ends) < 2 and (word := _LOWER_WORD.match(text, position)) and word[1][0].islower():
        position = word.end()
        ends.append(position)
    return ends


def _tail(text: str, position: int, numbered: bool) -> list[int]:
    """The ends of the capitalised words a hyphen joins on at ``position`` ("Phan Rang-Tháp Chàm",
    "Bà Rịa – Vũng Tàu"), or that follow a number ending a name ("Phường 1 Bảo Lộc"), longest first."""
    join = _JOIN.match(text, position)
    if join and _NEXT_UNIT.match(text, join.end()):  # "xã Đại Đồng - Thành phố Hải Phòng": the next unit
        return []
    start = join.end() if join else position + 1 if numbered and text.startswith(" ", position) else None
    words = _name_words(text, start, numbered=False) if start is not None else []
    return [end for _, end in reversed(words)]


def bare_names(text: str, offset: int, in_title: bool, names: dict[str, object], taken: list[tuple[int, int]],
          strict_edges: bool = True) -> list[tuple[str, int, int]]:
    """Occurrences of known names written without a type word, as whole capitalised runs."""
    if not names:
        return []
    pattern = _names_pattern(tuple(sorted(names, key=len, reverse=True)))
    found = []
    for match in pattern.finditer(text):
        start, end = offset + match.start(), offset + match.end()
        if any(a < end and start < b for a, b in taken):
            continue
        if strict_edges and not _standalone(text, match.start(), match.end()):
            continue
        found.append((match[1], start, end))
    return found


@functools.lru_cache(maxsize=256)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern matching any of the names as whole words."""
    return re.compile(r"(?<![\w'’])(" + "|".join(map(re.escape, names)) + r")(?![\w'’])")


def _standalone(text: str, start: int, end: int) -> bool:
    """A name not glued to other capitalised words (a person's or a longer unit's name) nor a street's name."""
    after = _TOKEN.match(text, end + 1) if text[end:end + 1] == " " else None
    if after and after[0][0].isupper():
        return False
    before = text[:start]
    if before.endswith(" "):
        previous = re.search(r"([\w'’]+)\s$", before)
        initials = previous and len(previous[1]) >= 2 and previous[1].isupper()  # "UBND Quảng Nam", "MTTQ Huế"
        if previous and ((previous[1][0].isupper() and not initials) or previous[1].lower() in _STREET_WORDS):
            return False
    return True


_LIST_GAP = re.compile(r"\s*(?:,|;|,?\s+(?:và|hoặc))\s*")


def list_shares(text: str, mentions: list[Mention], resolved: dict[Mention, Place]) -> dict[Mention, float]:
    """What each mention of an enumeration of n units in the text counts: 1/n ("các huyện Tây Hòa, Phú Hòa",
    "Sơn Hòa, Sông Hinh, Tây Hòa và Đông Hòa"). A list names the units an article spreads over, not its
    subject; a unit and its parent beside it ("xã A, huyện B") are no list."""
    shares: dict[Mention, float] = {}
    run: list[Mention] = []
    for mention in sorted((m for m in mentions if not m.in_title and m in resolved), key=lambda m: m.start) + [None]:
        last = run[-1] if run else None
        if (mention is not None and last is not None and _LIST_GAP.fullmatch(text[last.end:mention.start])
                and resolved[last] not in resolved[mention].chain and resolved[mention] not in resolved[last].chain):
            run.append(mention)
            continue
        if len(run) > 1:
            shares.update((m, 1 / len(run)) for m in run)
        run = [mention]
    return shares


def joined(index: NameIndex, text: str, offset: int, mention: Mention) -> Mention:
    """The mention with the words a hyphen joins on, or that follow its number, when the whole names a unit
    ("thành phố Phan Rang-Tháp Chàm", "Phường 1 Bảo Lộc"; "phường Dương Đông-An Thới" names two). A name of one
    word running on in lowercase is a common word written with a capital ("xã Hoàn thành tiêu chí", "xã Nông thôn
    mới") when the whole names no unit either: no note if no unit bears it (written "huyện Lục yên", it keeps one)."""
    position = mention.end - offset
    for end in _tail(text, position, mention.name[-1:].isdigit()):  # in a headline in capitals, the words run
        name = text[position - len(mention.name):end]                 # on: "… Vũng Tàu Ra Quân"
        if index.candidates(mention.kind, name):
            return replace(mention, name=name, end=offset + end)
    if " " not in mention.name and not mention.name.isdigit() and (run := _lowercase_run(text, position)) and not any(
            index.candidates(mention.kind, text[position - len(mention.name):end]) for end in run):
        return replace(mention, strict=False)
    return mention


def trimmed(index: NameIndex, mention: Mention, *, capitals: bool = False) -> Mention:
    """The mention cut to the longest run of its words that names a unit, when the rest starts
    a person's name or title ("Thành ủy Đông Hà Trần Thanh Tiến" → Đông Hà); as found otherwise
    ("xã Hạnh Phúc Mới" is not xã Hạnh Phúc). In a headline written in capitals every word
    starts with one: the longest run that names a unit ("Huyện Mai Sơn Đẩy Mạnh" → Mai Sơn)."""
    words = mention.name.split()
    if words[0] == "Đoàn" and len(words) > 1 and not index.candidates(mention.kind, mention.name):
        union = trimmed(index, replace(mention, name=" ".join(words[1:])), capitals=capitals)  # "Xã Đoàn An Thới
        if index.candidates(mention.kind, union.name):  # Đông": the commune's Youth Union ("xã Đoàn Kết")
            return union
    for size in range(len(words), 0, -1):
        name = " ".join(words[:size])
        if size < len(words) and words[size] not in PERSON_STARTS and not capitals and not words[size].isdigit():
            continue
        if index.candidates(mention.kind, name):
            end = mention.end - (len(mention.name) - len(name))
            return replace(mention, name=name, end=end)
    return mention


_MIDDLE_NAMES = {"Thị", "Văn"}
"""A person's middle name, second in a name ("Chủ tịch UBMTTQ tỉnh Nông Thị Kim Cúc")."""


def personal(mention: Mention) -> bool:
    """Whether a name no unit bears is a person's after a bare type word ("Phó Chủ tịch UBND tỉnh Trần Thế
    Dũng", "tỉnh Nông Thị Kim Cúc") or a unit's Youth Union ("Huyện Đoàn"): no place, and no note."""
    words = mention.name.split()
    return (words[0] in PERSON_STARTS and (len(words) >= 3 or words == ["Đoàn"])
            or len(words) >= 3 and words[1] in _MIDDLE_NAMES)
