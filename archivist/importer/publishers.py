"""The registry of publishers (``data/publishers.yaml``): who publishes at an address, under a name
or a lead code, and their home province.

``by_host`` matches a host by its registered domain ("m.baoquangninh.vn" is baoquangninh.vn),
``by_name`` a publisher's name as pages write it ("Theo Báo Đồng Khởi điện tử", "BÁO ẤP BẮC"),
``by_code`` the code some papers put before the lead ("ĐBP", "GLO"). A local publisher's
province settles the places its articles name ambiguously.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

import yaml

from ..model.vietnamese import fold

__all__ = ["Publisher", "by_host", "by_name", "by_code", "host_of", "station_of", "paper_of"]


@dataclass(frozen=True)
class Publisher:
    """One publisher of the registry."""

    domain: str
    """Registered domain of its site ("baodienbienphu.info.vn")."""
    name: str
    """As its masthead writes it ("Báo Điện Biên Phủ")."""
    province: str | None
    """Home province (a short name before 1 July 2025), None for national outlets."""
    codes: tuple[str, ...] = ()
    """Codes it puts before a lead ("ĐBP")."""
    aggregator: bool = False
    """It republishes other papers' articles (Báo Mới): a page on its site is not its own article."""


_FIELDS = {"name", "province", "codes", "aggregator"}


def read_registry(data: dict) -> dict[str, Publisher]:
    """The publishers of the registry's data, by domain; ValueError for an entry with other fields or no name:
    an unquoted comma in a flow mapping starts another key ({name: Bộ Văn hóa, Thể thao …}), never a cut name."""
    domains: dict[str, Publisher] = {}
    for group in ("national", "local"):
        for domain, entry in (data.get(group) or {}).items():
            if (not isinstance(entry, dict) or set(entry) - _FIELDS or not isinstance(entry.get("name"), str)
                    or not isinstance(entry.get("codes", []), list)):
                raise ValueError(f"publishers.yaml: {domain}: {entry!r}: only {sorted(_FIELDS)}, with a name and "
                                 "codes as a list; quote a name that has a comma")
            domains[domain] = Publisher(domain, entry["name"], entry.get("province"), tuple(entry.get("codes", ())),
                                        bool(entry.get("aggregator")))
    return domains


@functools.cache
def _registry() -> tuple[dict[str, Publisher], dict[str, Publisher], dict[str, Publisher]]:
    """By domain, by folded name, by code."""
    domains = read_registry(yaml.safe_load(resources.files(__package__).joinpath("data/publishers.yaml")
                                           .read_text(encoding="utf-8")))
    names = {}
    codes = {}
    for publisher in domains.values():
        names.setdefault(_name_key(publisher.name), publisher)
        for code in publisher.codes:
            codes[code] = publisher
    return domains, names, codes


def host_of(address: str) -> str:
    """The host of an address or bare domain, lowercase, without a port."""
    return re.sub(r"^[a-z][a-z0-9+.\-]*://", "", address.strip(), flags=re.I).split("/")[0].split(":")[0].lower()


def site_host(address: str) -> str:
    """The host of a site's address, its "www." or mobile "m." left out ("https://m.baoquangtri.vn/x":
    baoquangtri.vn)."""
    host = host_of(address)
    return host.split(".", 1)[1] if host.startswith(("www.", "m.")) and host.count(".") > 1 else host


def by_host(address: str) -> Publisher | None:
    """The publisher at an address (a URL, a host or a bare domain; subdomains match their domain)."""
    labels = host_of(address).split(".")
    domains = _registry()[0]
    for start in range(len(labels) - 1):
        found = domains.get(".".join(labels[start:]))
        if found:
            return found
    return None


_SUFFIXES = re.compile(r"\s+(?:dien tu|online|dien tu tinh .*)$")


def _name_key(name: str) -> str:
    """A publisher's name compared: no diacritics or case, "điện tử"/"online" after it do not count."""
    key = " ".join(fold(name).replace("-", " ").replace("&", " va ").split())
    return _SUFFIXES.sub("", key)


def by_name(name: str) -> Publisher | None:
    """The publisher a name names ("Báo Ấp Bắc", "Báo Đồng Khởi điện tử"), if the registry knows it."""
    return _registry()[1].get(_name_key(name))


def paper_of(province: str) -> Publisher | None:
    """The province's party paper (a short name), under whatever name it has: the one registered paper of the
    province at a "bao<tỉnh>…" address ("Báo Điện Biên" is Báo Điện Biên Phủ, baodienbienphu.info.vn)."""
    label = "bao" + fold(province).replace(" ", "").replace("-", "")
    papers = [p for p in _registry()[0].values() if p.province == province and p.name.startswith("Báo")
              and p.domain.replace("-", "").startswith(label)]
    return papers[0] if len({p.name for p in papers}) == 1 else None


def station_of(province: str) -> Publisher | None:
    """The registered radio and television station of a province (a short name), its name as it writes it."""
    return next((p for p in _registry()[0].values() if p.province == province and p.name.startswith("Đài Phát thanh")),
                None)


def by_code(code: str) -> Publisher | None:
    """The publisher whose lead code this is ("GLO" → Báo Gia Lai; a paper's code with "O", its online
    edition's, too: "SGGPO" → Báo Sài Gòn Giải Phóng)."""
    codes, code = _registry()[2], code.strip("() ").upper()
    return codes.get(code) or (codes.get(code[:-1]) if len(code) > 3 and code.endswith("O") else None)
