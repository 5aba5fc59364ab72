"""The organisation a site's address abbreviates, as its text names it.

A school, health centre, association or cooperative union publishes on a site whose address
runs its name together, whole syllables or initials ("kt-mnkimtan.haiduong.edu.vn": Trường Mầm
non Kim Tân; "ttytyenlac.com": Trung tâm Y tế huyện Yên Lạc; "lienminhhtxtpct.vn": Liên minh
Hợp tác xã thành phố Cần Thơ; "…/mnhoahong/…": a school's pages on its district's site), and
its articles name it ("trường mầm non Hoa Hồng tổ chức …"). ``named_by_address`` finds that
name: an organisation's name in the text whose syllables, each written whole or by its
initial, spell one of the address's labels exactly. No list of sites is involved, and an
address that spells nothing the text names gives nothing.
"""

from __future__ import annotations

import functools
import re
from urllib.parse import urlsplit

from ..model.gazetteer_data import loose
from ..model.places import ERA_2025, ERA_LEGACY, Place, gazetteer
from ..model.vietnamese import fold
from .boilerplate import UNIT_TYPES
from .hostplaces import unabbreviated
from .names import is_abbreviation
from .placenames import name_index

__all__ = ["as_written", "named_by_address"]

# Heads of organisations' names that publish on their own sites; matched ignoring case ("trường mầm non X").
_HEADS = ("trường", "trung tâm", "hội", "liên minh", "liên hiệp", "liên đoàn", "công ty", "tổng công ty", "quỹ",
          "bệnh viện", "viện", "học viện", "câu lạc bộ", "hợp tác xã", "ban quản lý", "phòng", "đài", "thư viện",
          "bảo tàng", "nhà văn hóa", "huyện đoàn", "thành đoàn", "tỉnh đoàn", "quận đoàn", "thị đoàn")
_HEAD = re.compile(r"(?<!\w)(?:" + "|".join(sorted(_HEADS, key=len, reverse=True)) + r")(?!\w)", re.I)
_WORDS = re.compile(r"[^\W_]+|[-–]")
_STOP = re.compile(r"[,.;:!?()\[\]\"“”'‘’/|\n]")  # where a name ends
_SILENT = {fold(word) for word in UNIT_TYPES.split("|") if " " not in word} | {"va", "-", "–"}
_SILENT_PAIRS = {tuple(fold(word).split()) for word in UNIT_TYPES.split("|") if " " in word}
"""Words an address may leave out inside a name: a unit's type word ("ttytyenlac": Trung tâm Y tế huyện Yên
Lạc; "thành phố"), "và", a dash."""
_NOT_NAMES = {"www", "vn", "com", "net", "org", "edu", "gov", "info", "biz", "html", "php", "aspx", "index"}
_MOST_WORDS = 14
_SECTIONS = set("tintuc giaoduc vanhoa anninh kinhte xahoi thethao yte nongnghiep dulich chinhtri phapluat quocphong "
                "doisong congnghe khoahoc moitruong giaothong tuyentruyen thoisu sukien hoatdong thongbao vanban "
                "gioithieu lienhe news".split())
"""A site's section folders ("…/giaoduc/…"), which name no sub-site's organisation ("Phòng Giáo dục")."""
_SUFFIXES = ("edu", "online", "news", "portal", "web", "site", "vn")
"""What a label may add after the name it spells."""


def named_by_address(url: str, text: str, *, path_only: bool = False) -> str | None:
    """The organisation's name (as the text writes it, its head capitalised) that a label of the address's
    host, or its first path segment, spells (``path_only``: that segment); None when none does, or several
    different ones do."""
    keys = _keys(url, path_only)
    if not keys:
        return None
    spans = [(start.start(), *spelt) for start in _HEAD.finditer(text) if (spelt := _spelt(text, start.start(), keys))]
    # a head inside a name another head begins is part of it ("Liên minh Hợp tác xã …")
    found = {name for start, end, name in spans if not any(s < start and end <= e for s, e, _ in spans)}
    return found.pop() if len(found) == 1 else None


_UNIT_NAME = re.compile(r"\s+((?:(?:tỉnh|thành phố|huyện|quận|thị xã)\s+)?[^\W\d_]+(?:[ -][^\W\d_]+){0,3})")


def as_written(name: str, unit: Place, text: str) -> str:
    """A name derived for an organisation of a unit ("Sở Du lịch thành phố Huế"), as the page writes it when it
    writes the same head for the same unit in another form: without its type word ("Sở Tài nguyên và Môi trường
    Kiên Giang"), or by the unit's name of the article's time ("Sở Du lịch Thừa Thiên Huế")."""
    suffix = next((s for s in (unit.title, f"{unit.kind} {unit.short}", unit.short) if name.endswith(" " + s)), None)
    if suffix is None:
        return name
    head = name[:-len(suffix)].rstrip()
    index = name_index(gazetteer(), unit.era)
    for match in re.finditer(r"(?<!\w)" + re.escape(head) + _UNIT_NAME.pattern, text):
        words = match[1].split()
        for count in range(len(words), 0, -1):
            written = " ".join(words[:count])
            kind, bare = re.match(r"((?:tỉnh|thành phố|huyện|quận|thị xã)\s+)?(.*)", written).groups()
            if not all(w[:1].isupper() for w in re.split(r"[ -]", bare)):
                continue  # a name's words are capitalised
            units = index.upper_units(loose(bare))  # a bare name is a province's, or one district's
            if unit in units and (unit.kind.lower() == kind.strip() if kind else
                                  unit.level == "province" or len(units) == 1):
                return f"{head} {written}"
    return name


def _keys(url: str, path_only: bool = False) -> set[str]:
    """The labels of an address that may spell a name: its host's ("kt-mnkimtan" and "mnkimtan") and its first
    path segment when that is one word ("/mnhoahong/"); of five letters at least, so that no short code
    spells a long name by chance, and not a unit's name."""
    parts = urlsplit(url if "//" in url else "//" + url)
    labels = [] if path_only else [label for label in (parts.hostname or "").split(".") if label not in _NOT_NAMES]
    segment = parts.path.strip("/").split("/")[0]
    if re.fullmatch(r"[a-z]+", segment or "-") and segment not in _SECTIONS:
        labels.append(segment)
    keys = set()
    for label in labels:
        keys.add(label.replace("-", ""))
        keys.update(label.split("-"))
    keys = {key for key in keys if not _unit(key)}
    # a name with what the label adds to it ("phamngulaoedu": a school's, though a ward is named Phạm Ngũ Lão too)
    keys |= {key.removesuffix(suffix) for key in keys for suffix in _SUFFIXES if key.endswith(suffix)}
    return {key for key in keys if len(key) >= 5 and key.isalpha() and key not in _NOT_NAMES}


def _unit(key: str) -> bool:
    """Whether a label is a unit's name ("kyanh", "soctrang"): the unit the site belongs to, which names no
    organisation of it ("Huyện đoàn Kỳ Anh" is not the site of kyanh.hatinh.gov.vn)."""
    return any(index.by_name.get(key) or index.upper_units(unabbreviated(key))
               for index in (name_index(gazetteer(), era) for era in (ERA_LEGACY, ERA_2025)))


def _spelt(text: str, start: int, keys: set[str]) -> tuple[int, str] | None:
    """The name beginning at a head in the text, to the last word of the longest span a key spells, and
    where it ends."""
    end = _STOP.search(text, start, start + 400)  # a name is short: never read far into a long paragraph
    words = list(_WORDS.finditer(text, start, end.start() if end else min(len(text), start + 400)))[:_MOST_WORDS]
    tokens = tuple(fold(w[0]) for w in words)
    capitals = tuple(is_abbreviation(w[0]) and len(w[0]) > 1 for w in words)
    head = len(_HEAD.match(text, start)[0].split())
    for last in range(len(words), head, -1):
        if any(_spells(key, tokens[:last], capitals[:last], head) for key in keys):
            last = _numbered_end(words, last)
            name = text[start:words[last - 1].end()]
            return words[last - 1].end(), name[:1].upper() + _after_head(name, head)[1:]
    return None


def _numbered_end(words: list[re.Match[str]], last: int) -> int:
    """Where a name the address spells to ``last`` ends: after a number, up to two capitalised words on, that
    numbers it among its namesakes ("benhviennhi…": bệnh viện Nhi Đồng 2; "Trường Tiểu học Kim Đồng 1"); else
    where it was spelt (a word after it is the sentence's: "Trường THCS Lê Lợi Đạt giải", a headline in capitals)."""
    for end in range(last, min(last + 3, len(words))):
        if words[end][0].isdigit():
            return end + 1
        if not (words[end][0][:1].isupper() and words[end][0][1:].islower()):
            break
    return last


def _after_head(name: str, head: int) -> str:
    """The word after a school's or centre's head capitalised, as official names write it ("trường mầm non Hoa
    Hồng" → "trường Mầm non Hoa Hồng"); not a unit's type word ("thư viện tỉnh Lâm Đồng")."""
    parts = name.split(" ", head)
    if len(parts) > head and parts[head][:1].islower() and fold(parts[head].split()[0]) not in _SILENT:
        parts[head] = parts[head][:1].upper() + parts[head][1:]
    return " ".join(parts)


def _spells(key: str, tokens: tuple[str, ...], capitals: tuple[bool, ...], head: int) -> bool:
    """Whether the words spell the key, each whole or by its initial, the last one spelt (not left out), at least
    one syllable whole; the head's words and initials (THPT) before the first spelt word may be left out."""
    return _match(key, tokens, capitals, head, 0, 0, False, False)


@functools.lru_cache(maxsize=4096)
def _match(key: str, tokens: tuple[str, ...], capitals: tuple[bool, ...], head: int, i: int, at: int,
           begun: bool, whole: bool) -> bool:
    if i == len(tokens):
        return at == len(key) and whole
    token = tokens[i]
    last = i == len(tokens) - 1
    # left out: before the first spelt word, the head's words or initials; inside the name, a silent word
    if not last and ((not begun and (i < head or capitals[i])) or (begun and token in _SILENT)):
        if _match(key, tokens, capitals, head, i + 1, at, begun, whole):
            return True
    if begun and i + 2 < len(tokens) and tokens[i:i + 2] in _SILENT_PAIRS:
        if _match(key, tokens, capitals, head, i + 2, at, begun, whole):
            return True
    if key.startswith(token, at) and _match(key, tokens, capitals, head, i + 1, at + len(token), True,
                                            whole or (len(token) >= 3 and not capitals[i])):
        return True
    return (not capitals[i] and key.startswith(token[0], at)
            and _match(key, tokens, capitals, head, i + 1, at + 1, True, whole))
