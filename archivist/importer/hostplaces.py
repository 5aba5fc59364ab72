"""Units and organisations a web address names: ``places_in_host`` reads the labels of a host as units
("longxuyen.angiang.gov.vn" → thành phố Long Xuyên, tỉnh An Giang; "baoquangtri.vn" → tỉnh Quảng Trị;
"xasonkim1.hatinh.gov.vn" → xã Sơn Kim 1), ``ORGANISATIONS`` the labels sites put around a unit's
name ("tinhdoanbacgiang", "mttq.tuyenquang.gov.vn").
"""

from __future__ import annotations

import functools
import re
from urllib.parse import urlsplit

from ..model.gazetteer_data import loose
from ..model.vietnamese import fold
from ..model.places import ERA_LEGACY, Gazetteer, Place, PlaceError
from .placenames import NameIndex, name_index

__all__ = ["places_in_host", "host_hints", "host_labels", "ward_in_path", "former_in_host", "unabbreviated",
           "TYPE_PREFIXES", "ORGANISATIONS", "AGENCIES"]


_SCHOOLS = {"thcs": "Trường THCS {short}", "thpt": "Trường THPT {short}", "th": "Trường Tiểu học {short}",
            "tieuhoc": "Trường Tiểu học {short}", "mn": "Trường Mầm non {short}", "mamnon": "Trường Mầm non {short}",
            "mg": "Trường Mẫu giáo {short}"}
"""Schools named after their commune, by their level's initials before its name ("thcsanbinh.pgdphugiao.edu.vn")."""

# What sites put before or after a unit's name in a host label ("baoquangtri", "tinhdoanbacgiang", "dienbientv").
ORGANISATIONS = {
    "tinhdoan": "Tỉnh Đoàn {short}", "thanhdoan": "Thành Đoàn {short}", "huyendoan": "Huyện Đoàn {short}",
    "quandoan": "Quận Đoàn {short}", "thixadoan": "Thị Đoàn {short}", "tuoitre": "{union} {short}",
    "hoinongdan": "Hội Nông dân {title}", "hoiphunu": "Hội Liên hiệp Phụ nữ {title}",
    "phunu": "Hội Liên hiệp Phụ nữ {title}", "hoilhpn": "Hội Liên hiệp Phụ nữ {title}",
    "mattran": "Ủy ban Mặt trận Tổ quốc Việt Nam {title}",
    "mattrantoquoc": "Ủy ban Mặt trận Tổ quốc Việt Nam {title}", "mttq": "Ủy ban Mặt trận Tổ quốc Việt Nam {title}",
    "tinhuy": "Tỉnh ủy {short}", "thanhuy": "Thành ủy {short}", "huyenuy": "Huyện ủy {short}",
    "congan": "Công an {title}", "hoicuuchienbinh": "Hội Cựu chiến binh {title}",
    "cuuchienbinh": "Hội Cựu chiến binh {title}",
    "chuthapdo": "Hội Chữ thập đỏ {title}", "hoichuthapdo": "Hội Chữ thập đỏ {title}",
    "congdoan": "Liên đoàn Lao động {title}", "ldld": "Liên đoàn Lao động {title}",
    "ubmttq": "Ủy ban Mặt trận Tổ quốc Việt Nam {title}", "hoinguoicaotuoi": "Hội Người cao tuổi {title}",
    "tuyengiao": "Ban Tuyên giáo {committee} {short}", "danvan": "Ban Dân vận {committee} {short}",
    "trungtamvanhoa": "Trung tâm Văn hóa {title}", "ubmttqvn": "Ủy ban Mặt trận Tổ quốc Việt Nam {title}",
    "mttqvn": "Ủy ban Mặt trận Tổ quốc Việt Nam {title}", "vienkiemsat": "Viện kiểm sát nhân dân {title}",
    "vksnd": "Viện kiểm sát nhân dân {title}", "toaan": "Tòa án nhân dân {title}",
    "ttyt": "Trung tâm Y tế {title}", "trungtamyte": "Trung tâm Y tế {title}",
    "pgd": "Phòng Giáo dục và Đào tạo {title}", "pgddt": "Phòng Giáo dục và Đào tạo {title}",
    "phonggddt": "Phòng Giáo dục và Đào tạo {title}", "vanhoanghethuat": "Trung tâm Văn hóa Nghệ thuật {title}",
    "trungtamvanhoanghethuat": "Trung tâm Văn hóa Nghệ thuật {title}", "ttvhnt": "Trung tâm Văn hóa Nghệ thuật {title}",
    "thuvien": "Thư viện {title}", "baotang": "Bảo tàng {title}",
    **_SCHOOLS,
}
"""Organisations of a unit whose sites are named by a label before or around the unit's name
("quandoantanbinh.vn", "mttq.tuyenquang.gov.vn", "hoinongdan.camau.gov.vn"): the Youth Union
(Đoàn; "tuoitre…" is its site), the Farmers', Women's and Veterans' Unions, the Red Cross, the trade
unions, the Fatherland Front, the party committee, the police; a district's health centre and education office,
a commune's schools."""


_AGENCY_LABELS = {
    "Sở Thông tin và Truyền thông": "sotttt stttt sottt tttt",
    "Sở Văn hóa, Thể thao và Du lịch": "sovhttdl svhttdl vhttdl",
    "Sở Du lịch": "sodulich sdl", "Sở Giáo dục và Đào tạo": "sogddt sgddt sgd gddt", "Sở Y tế": "soyte syt yte",
    "Sở Nông nghiệp và Phát triển nông thôn": "sonnptnt snnptnt nnptnt",
    "Sở Công Thương": "socongthuong sct congthuong",
    "Sở Kế hoạch và Đầu tư": "sokhdt skhdt khdt", "Sở Tài chính": "sotaichinh stc taichinh",
    "Sở Tư pháp": "sotuphap stp tuphap", "Sở Xây dựng": "soxaydung sxd xaydung",
    "Sở Giao thông vận tải": "sogtvt sgtvt gtvt", "Sở Tài nguyên và Môi trường": "sotnmt stnmt tnmt",
    "Sở Nội vụ": "sonoivu snv noivu", "Sở Lao động - Thương binh và Xã hội": "soldtbxh sldtbxh ldtbxh",
    "Sở Khoa học và Công nghệ": "sokhcn skhcn khcn dost", "Văn phòng Ủy ban nhân dân": "vanphong vpubnd",
    "Sở Ngoại vụ": "songoaivu ngoaivu",
    "Ban Thi đua - Khen thưởng": "thiduakhenthuong tdkt bantdkt",
    "Thanh tra": "thanhtra", "Ban Dân tộc": "bandantoc bdt", "Đảng ủy Khối các cơ quan": "danguykhoi dukcq dukccq",
    "Đảng ủy Khối Doanh nghiệp": "dukdn",
    "Công đoàn Viên chức": "cdvc congdoanvienchuc", "Liên minh Hợp tác xã": "lmhtx lienminhhtx",
    "Văn phòng Điều phối nông thôn mới": "nongthonmoi ntm vpdpntm", "Sở Nông nghiệp và Môi trường": "snnmt sonnmt",
    "Sở Văn hóa và Thể thao": "svhtt sovhtt", "Ban Quản lý Khu kinh tế": "bqlkkt banqlkkt",
    "Trang thông tin điện tử Đại biểu Nhân dân": "dbnd daibieunhandan",
}
AGENCIES = {label: name for name, labels in _AGENCY_LABELS.items() for label in labels.split()}
"""A province's departments under its gov.vn domain, by their usual labels ("sotttt.tuyenquang.gov.vn")."""


# "vnpt": the telecom's provincial branch hosting a site ("portal-cumgar.vnptdaklak.vn")
_LABEL_PREFIXES = ("bao", "truyenhinh", "ptth", "dangbo", "ubnd", "portal", "vnpt", *ORGANISATIONS, *AGENCIES)
_LABEL_SUFFIXES = ("tv", "online", "ptth", "news", "city", "portal")
TYPE_PREFIXES = {"thanhpho": "Thành phố", "tp": "Thành phố", "thixa": "Thị xã", "tx": "Thị xã", "huyen": "Huyện",
                  "quan": "Quận"}
"""A unit's type before its name in a host label ("tplaocai", "thixathaihoa", "huyendamha"): units of that kind."""


def _label_units(index: NameIndex, label: str) -> list[Place]:
    """Provinces and districts a host label names: on its own ("laichau", "ba-ria-vung-tau"), after their
    type ("tplaocai") or a site's prefix, or before its suffix."""
    label = label.replace("-", "")
    found = index.upper_units(unabbreviated(label))
    for prefix, kind in TYPE_PREFIXES.items():
        if not found and label.startswith(prefix):
            found = [p for p in index.upper_units(label[len(prefix):]) if p.kind == kind]
    for prefix in _LABEL_PREFIXES:
        if not found and label.startswith(prefix):
            found = index.upper_units(unabbreviated(label[len(prefix):]))
    for suffix in _LABEL_SUFFIXES:
        if not found and label.endswith(suffix):
            found = index.upper_units(unabbreviated(label[:-len(suffix)]))
            if suffix == "city":  # "backancity.gov.vn": thành phố Bắc Kạn, not its province
                found = [p for p in found if p.kind == "Thành phố"] or found
    for core in [label] + [label[:-len(s)] for s in (*_LABEL_SUFFIXES, "radio") if label.endswith(s)]:
        if not found:  # a district's name and its province's initials: "chauthanhtg", "chauthanhtgradio"
            found = list(dict.fromkeys(unit for province in set(index.provinces.values())
                                       if core.endswith(ini := initials(province.short))
                                       for unit in index.upper_units(core[:-len(ini)]) if province in unit.chain[:-1]))
    return found


def initials(name: str) -> str:
    """A unit's name by the initials of its syllables, as addresses shorten it ("Tiền Giang": "tg")."""
    return "".join(word[0] for word in fold(name).split())


_HOST_SHORT = {"qnam": "quangnam", "qngai": "quangngai", "qbinh": "quangbinh", "qtri": "quangtri",
               "qninh": "quangninh", "tth": "thuathienhue", "brvt": "bariavungtau", "hcm": "hochiminh",
               "tphcm": "hochiminh", "dnang": "danang", "tpct": "cantho", "tphn": "hanoi", "tphp": "haiphong",
               "tpdn": "danang"}
"""Provinces as addresses shorten them ("hoinongdanqnam.org.vn", "thanhdoan-tphcm")."""


def unabbreviated(key: str) -> str:
    """A host label's unit spelt out: a province's short form, a numbered district ("q11": quận 11)."""
    return _HOST_SHORT.get(key) or re.sub(r"^q(\d{1,2})$", r"quan\1", key)


_WARD_PREFIXES = ("xa", "phuong", "thitran", "tt", *_SCHOOLS)


def _label_wards(index: NameIndex, label: str, found: list[Place]) -> list[Place]:
    """Communes and wards a host label names inside a unit a later label names ("sonthanhtay.tayhoa.phuyen",
    "xasonkim1.hatinh"): a commune's site sits under its district's or province's."""
    if not found or found[-1].level == "province" and label in ORGANISATIONS:  # "congan.caobang": not xã Cô Ngân
        return []
    label = label.replace("-", "")
    keys = [label] + [label[len(p):] for p in _WARD_PREFIXES if label.startswith(p) and len(label) > len(p) + 2]
    for key in keys:  # the label as a name first ("phuongduc": Phường Đúc; "thanhson": not a school of "Anh Sơn")
        if wards := list(dict.fromkeys(p for p, _ in index.by_name.get(key, ())
                                       if p.level == "ward" and found[-1] in p.chain[:-1])):
            return wards
    return []


def ward_in_path(url: str, unit: Place, gazetteer: Gazetteer) -> Place | None:
    """The commune or ward of a unit whose pages the unit's portal serves under a path named after it
    ("hoian.gov.vn/caman/pages/…": phường Cẩm An of thành phố Hội An), if its first path segment names one and
    the next is its pages' folder."""
    segments = urlsplit(url if "//" in url else "//" + url).path.strip("/").lower().split("/")
    segment = segments[0]
    # a sub-site's own pages ("…/caman/pages/…", "…/xuanson/Trang/…"), not a section's folder ("…/anninh/tin-1.html")
    if (unit.level == "ward" or not re.fullmatch(r"[a-z]{3,}\d*", segment)
            or segments[1:2] not in (["pages"], ["trang"])):
        return None
    wards = _label_wards(name_index(gazetteer, unit.era), segment, [unit])
    return wards[0] if len(wards) == 1 else None


_FORMER_KINDS = (("thitran", "Thị trấn"), ("phuong", "Phường"), ("xa", "Xã"), ("tt", "Thị trấn"), ("thixa", "Thị xã"),
                 ("tx", "Thị xã"), ("huyen", "Huyện"), ("quan", "Quận"), ("thanhpho", "Thành phố"), ("tp", "Thành phố"))


def former_in_host(host: str, gazetteer: Gazetteer) -> tuple[str, str, Place] | None:
    """A unit merged before 2025 whose portal's address still names it, under the units its other labels name
    ("xathachvinh.thachha.gov.vn": xã Thạch Vĩnh, now part of xã Lưu Vĩnh Sơn; "cualo.vn": thị xã Cửa Lò, now
    part of thành phố Vinh): (kind, the name's key, its successor); None unless exactly one such reading. A
    bare ".vn" domain names a district or town only, as ``name_for_url`` reads it."""
    labels = host_labels(host)
    parts = host.lower().split(".")
    gov, bare = parts[-2:] == ["gov", "vn"], len(labels) == 1 and parts[-1:] == ["vn"] and len(parts) <= 3
    above = places_in_host(".".join(labels[1:]), gazetteer, ERA_LEGACY) if len(labels) > 1 else []
    if not (gov or bare) or len(above) != len(labels) - 1 or _read_host(host, gazetteer, ERA_LEGACY)[0] != above:
        return None  # not a portal's address, or its first label names a unit in force
    first = labels[0].replace("-", "")
    readings = [(kind, first[len(prefix):]) for prefix, kind in _FORMER_KINDS if first.startswith(prefix)]
    readings += [(kind, first) for kind in (("Huyện", "Thị xã") if bare else dict(_FORMER_KINDS).values())]
    found = []
    for kind, key in readings:
        try:
            resolution = gazetteer.lookup(", ".join([f"{kind.lower()} {key}", *(p.label for p in above[-1:])]),
                                          ERA_LEGACY)
        except PlaceError:
            continue
        if resolution.former and len(key) >= 3 and (kind, key, resolution.place) not in found:
            found.append((kind, key, resolution.place))
    return found[0] if len(found) == 1 else None


def _eponymous(index: NameIndex, label: str, province: Place) -> list[Place]:
    """The unit a bare type label under a province names, or one with the province's initials: its city or town
    of the province's name ("ubndtp.soctrang.gov.vn": thành phố Sóc Trăng; "tpcm.camau.gov.vn")."""
    label = label.replace("-", "").removeprefix("ubnd")
    kind = TYPE_PREFIXES.get(label.removesuffix(initials(province.short)))  # "tp", "tpcm" under camau.gov.vn
    return [p for p in index.upper_units(loose(province.short)) if kind and p.kind == kind and province in p.chain]


def _ward_district(index: NameIndex, gazetteer: Gazetteer, label: str, province: Place) -> list[Place]:
    """A commune's name and its district's run together in one label, under the province's
    ("mythanhgiongtrom.bentre.gov.vn": huyện Giồng Trôm, xã Mỹ Thạnh)."""
    for district in gazetteer.children(province):
        key = loose(district.short)
        if label.endswith(key) and len(label) > len(key) + 1:
            wards = _label_wards(index, label[:-len(key)], [district])
            if len(wards) == 1:
                return [district, wards[0]]
    return []


_NOT_UNITS = ("www", "vn", "gov", "com", "org", "net", "info", "edu", "site", "dcs")  # dcs.vn: the Party's domain


def host_labels(host: str) -> list[str]:
    """The labels of a host that may name units: "www", "gov", "vn" and the like left out, and the
    bare type words a city's portal puts between its wards and its province ("thanhpho"); as the first
    label, such a word names the city or town itself ("thanhpho.quangngai.gov.vn")."""
    labels = [label for label in host.lower().split(".") if label not in _NOT_UNITS and label != "m"]
    return labels[:1] + [label for label in labels[1:] if label not in TYPE_PREFIXES]


def places_in_host(host: str, gazetteer: Gazetteer, era: str) -> list[Place]:
    """Units a web address's labels name: "longxuyen.angiang.gov.vn" → [thành phố Long Xuyên, tỉnh An
    Giang]; "baoquangtri.vn" → [tỉnh Quảng Trị]; "tinhdoanbacgiang.vn" → [tỉnh Bắc Giang]; a commune's
    label inside them too ("xasonkim1.hatinh.gov.vn" → [tỉnh Hà Tĩnh, xã Sơn Kim 1]). A label naming
    several units counts only inside a province named by a later label, or when just one of them is a
    province; a unit inside the one a later label names comes before any other of the name
    ("giavien.ngoquyen.gov.vn": phường Gia Viên of quận Ngô Quyền, not huyện Gia Viễn), and a label
    naming no unit inside it names none ("hadong.haiphong.gov.vn" before 1 July 2025: not quận Hà Đông of
    Hà Nội)."""
    return list(_read_host(host, gazetteer, era)[0])


def host_hints(host: str, gazetteer: Gazetteer, era: str) -> list[Place]:
    """The units a web address's first label may name when it names several ("tuoitrephuninh.net": huyện Phù
    Ninh of Phú Thọ or huyện Phú Ninh of Quảng Nam): not a place of the page, but the one of them a unit the
    text names ambiguously lies in settles it."""
    return list(_read_host(host, gazetteer, era)[1])


@functools.lru_cache(maxsize=512)
def _read_host(host: str, gazetteer: Gazetteer, era: str) -> tuple[list[Place], list[Place]]:
    """``places_in_host``, and the units its last label read may name when they are several."""
    index = name_index(gazetteer, era)
    labels = host_labels(host)
    found: list[Place] = []
    pending: list[Place] = []
    for label in reversed(labels):
        units = _label_units(index, label)
        # a label's units lie inside the unit a later label named, the innermost first ("anphu.tinhbien.angiang":
        # xã An Phú of thị xã Tịnh Biên, not huyện An Phú)
        options = ([p for p in units if found and found[-1] in p.chain[:-1]] or _label_wards(index, label, found)
                   or [p for p in units if any(f in p.chain for f in found)] or ([] if found else units))
        if not options and found and found[-1].level == "province":  # "ubndtp.soctrang.gov.vn"
            options = _eponymous(index, label, found[-1])
        if not options and found and found[-1].level == "province" and (pair := _ward_district(
                index, gazetteer, label, found[-1])):  # "mythanhgiongtrom.bentre.gov.vn"
            found += pair
            continue
        inside = [p for p in options if any(f in p.chain for f in found)]
        provinces = [p for p in options if p.level == "province"]
        options = [p for p in options if any(q in p.chain for q in pending)] or options
        chosen = inside if len(inside) == 1 else provinces if len(provinces) == 1 else options
        if len(chosen) == 1:
            # a label naming several units is the one a later label's unit lies in ("anbinh.caolanh.dongthap":
            # huyện Cao Lãnh, not thành phố Cao Lãnh)
            found += [p for p in pending if p in chosen[0].chain[:-1]] + chosen
        pending = options if len(chosen) > 1 else []
    return found, pending
