"""Sources (issue 20 §1): the registry of publishers, a paper's tag or code opening the lead, bare
domains and article addresses, "Theo …" and "Nguồn: …" lines, site names over the page.

Each page is written for the rule it tests; none is taken from the held-out set.
"""

from __future__ import annotations

import pytest
import yaml
from importlib import resources

from archivist.importer import publishers
from archivist.importer.extract import extract_text
from archivist.importer.hostplaces import places_in_host
from archivist.importer.sources import name_for_url, portal_name
from archivist.model.places import ERA_LEGACY, gazetteer

LEAD = ("Sáng 12/6, Ủy ban nhân dân xã tổ chức hội nghị triển khai kế hoạch phòng, chống thiên tai và tìm kiếm "
        "cứu nạn năm 2023, với sự tham gia của các ban, ngành, đoàn thể và trưởng các ấp trên địa bàn.")
MORE = ("Theo kế hoạch, xã thành lập 4 đội xung kích với 120 thành viên, chuẩn bị đầy đủ vật tư, phương tiện theo "
        "phương châm bốn tại chỗ, sẵn sàng ứng phó khi có tình huống xảy ra.")
TITLE = "Triển khai nhiệm vụ phòng, chống thiên tai năm 2023"


def text_page(*lines: str, url: str | None = None):
    return extract_text("\n".join(lines), gazetteer(), url=url)


def test_the_registry_names_provinces_of_the_gazetteer_and_codes_once():
    text = resources.files("archivist.importer").joinpath("data/publishers.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    for group in yaml.compose(text).value:  # a domain listed twice would silently keep its last entry only
        domains = [key.value for key, _ in group[1].value]
        assert len(domains) == len(set(domains)), [d for d in domains if domains.count(d) > 1]
    provinces = {p.short for p in gazetteer().provinces(ERA_LEGACY)}
    codes: list[str] = []
    for group in ("national", "local"):
        for domain, entry in data[group].items():
            assert domain == domain.lower() and "." in domain and not domain.startswith("www."), domain
            assert entry["name"].strip() == entry["name"] and entry["name"][:1].isupper(), domain
            assert set(entry) <= {"name", "province", "codes", "aggregator"}, domain  # {name: A, B}: B is a key
            assert (entry.get("province") in provinces) if group == "local" else "province" not in entry, domain
            codes += entry.get("codes", [])
    assert len(codes) == len(set(codes))


def test_every_registered_publisher_is_found_by_its_address_name_and_codes():
    data = yaml.safe_load(resources.files("archivist.importer").joinpath("data/publishers.yaml").read_text("utf-8"))
    wrong = []
    for group in ("national", "local"):
        for domain, entry in data[group].items():
            named = [name_for_url(f"https://{host}/tin/x-123.html")[0] for host in (domain, f"www.{domain}", f"m.{domain}")]
            found = [publishers.by_name(entry["name"])] + [publishers.by_code(code) for code in entry.get("codes", [])]
            if set(named) != {entry["name"]} or any(p is None or p.name != entry["name"] for p in found):
                wrong.append(domain)
    assert wrong == []


@pytest.mark.parametrize("address, name", [
    ("https://www.baodongkhoi.vn/x-a1.html", "Báo Đồng Khởi"), ("m.baoquangninh.vn", "Báo Quảng Ninh"),
    ("https://en.sggp.org.vn/", "Báo Sài Gòn Giải Phóng"), ("http://example.vn", None),
    # a paper on a subdomain of another's site is its own publisher
    ("https://giadinh.suckhoedoisong.vn/x.htm", "Báo Gia đình và Xã hội"),
    ("https://suckhoedoisong.vn/x.htm", "Báo Sức khỏe và Đời sống"),
])
def test_publishers_by_host_and_subdomain(address, name):
    found = publishers.by_host(address)
    assert (found.name if found else None) == name


def test_publishers_by_name_and_code():
    assert publishers.by_name("Báo Ấp Bắc điện tử").province == "Tiền Giang"
    assert publishers.by_name("BÁO ĐỒNG KHỞI").name == "Báo Đồng Khởi"
    assert publishers.by_code("(GLO)").name == "Báo Gia Lai" and publishers.by_code("XYZ") is None
    assert publishers.by_code("SGGPO").name == "Báo Sài Gòn Giải Phóng"  # the online edition's code


@pytest.mark.parametrize("url, name, derived", [
    ("https://baoapbac.vn/kinh-te/x.html", "Báo Ấp Bắc", True),          # local: derived from the address
    ("https://vov.vn/xa-hoi/x.vov", "Đài Tiếng nói Việt Nam", False),    # national: known
    ("https://baobariavungtau.com.vn/x", "Báo Bà Rịa - Vũng Tàu", True),
    ("https://tinhdoanquangtri.example.vn/x", "Tỉnh Đoàn Quảng Trị", True),  # a unit's organisation
    ("https://tinhdoan-quangtri.example.vn/x", "Tỉnh Đoàn Quảng Trị", True),
    ("https://thanhdoanhanoi.gov.vn/x", "Thành Đoàn Hà Nội", True),      # not the city's portal
    # a unit's type before its name, on a province's domain or a .vn domain of its own; a "…portal" label
    ("https://tplaocai.laocai.gov.vn/x", "Cổng thông tin điện tử thành phố Lào Cai", True),
    ("https://thanhphohaiphong.gov.vn/x", "Cổng thông tin điện tử thành phố Hải Phòng", True),
    ("https://huyendamha.vn/x", "Cổng thông tin điện tử huyện Đầm Hà", True),
    ("http://thixathaihoa.vn/x", "Cổng thông tin điện tử thị xã Thái Hòa", True),
    ("https://giangthanh.kiengiangportal.gov.vn/x", "Cổng thông tin điện tử huyện Giang Thành", True),
    ("https://cualo.vn/?p=1", None, True),  # a bare name off gov.vn: no guess
    # a party committee's propaganda and mass-mobilisation boards: the province's or the city's
    ("https://tuyengiaobinhphuoc.org.vn/x", "Ban Tuyên giáo Tỉnh ủy Bình Phước", True),
    ("https://danvanhanoi.vn/x", "Ban Dân vận Thành ủy Hà Nội", True),
    # a province or a numbered district as addresses shorten them
    ("http://hoinongdanqnam.org.vn/x", "Hội Nông dân tỉnh Quảng Nam", True),
    ("http://www.ldldq11.org.vn/x", "Liên đoàn Lao động Quận 11", True),
    # a province's "thanhdoan" is its city's Youth Union: the province's one city; with several, no guess
    ("https://thanhdoan.ninhthuan.gov.vn/x", "Thành Đoàn Phan Rang - Tháp Chàm", True),
    ("https://thanhdoan.quangnam.gov.vn/x", None, True),
    # the city named after a person is never written bare after an organisation's head
    ("http://thanhdoan.hochiminhcity.gov.vn/x", "Thành Đoàn Thành phố Hồ Chí Minh", True),
    ("https://quandoantanbinh.vn/x", "Quận Đoàn Tân Bình", True),
    ("https://hoinongdan.camau.gov.vn/x", "Hội Nông dân tỉnh Cà Mau", True),
    ("https://huyendoan.thachha.hatinh.gov.vn/x", "Huyện Đoàn Thạch Hà", True),
    ("https://chuthapdothanhhoa.org.vn/x", "Hội Chữ thập đỏ tỉnh Thanh Hóa", True),
    ("https://cuuchienbinh.quangtri.gov.vn/x", "Hội Cựu chiến binh tỉnh Quảng Trị", True),
    ("http://ubmttq.dongnai.gov.vn/Pages/x.aspx", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Đồng Nai", True),
    # a district's label over its province's party committee or Youth Union: the district's
    ("https://huonghoa.tinhuyquangtri.vn/x", "Huyện ủy Hướng Hóa", True),
    ("https://dongha.tinhdoanquangtri.vn/x", "Thành Đoàn Đông Hà", True),
    # a party committee's portal on the Party's domain; a label the importer cannot read names none
    ("https://thainguyen.dcs.vn/x", "Cổng thông tin điện tử Đảng bộ tỉnh Thái Nguyên", True),
    ("https://phuluong.thainguyen.dcs.vn/x", "Cổng thông tin điện tử Đảng bộ huyện Phú Lương", True),
    ("https://btgtu.binhthuan.dcs.vn/x", None, True), ("https://dcs.vn/x", None, True),
    ("https://tinhdoan.quangnam.dcs.vn/x", "Tỉnh Đoàn Quảng Nam", True),  # an organisation on the Party's domain
    ("http://mattrantoquoc.binhphuoc.gov.vn/x", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Bình Phước", True),
    ("https://dukccq.laichau.gov.vn/x", "Đảng ủy Khối các cơ quan tỉnh Lai Châu", True),
    ("https://example-news.vn/x", None, True),                             # a host is no publication name
    ("https://xasonkim2.hatinh.gov.vn/x", "Trang thông tin điện tử xã Sơn Kim 2", True),
    # a ward's label under its district's: the unit inside it, not another unit of the name elsewhere
    ("http://giavien.ngoquyen.gov.vn/x", "Trang thông tin điện tử phường Gia Viên", True),
    ("http://thachha.hatinh.gov.vn/x", "Cổng thông tin điện tử huyện Thạch Hà", True),
    # a label naming no unit inside its province's before 1 July 2025 (quận Hà Đông is Hà Nội's): a unit
    # of the units since, inside it
    ("http://hadong.haiphong.gov.vn/x", "Trang thông tin điện tử xã Hà Đông", True),
    # the bare type word of a city's portal between a ward and its province
    ("https://phuongtranphu.thanhpho.quangngai.gov.vn/x", "Trang thông tin điện tử phường Trần Phú", True),
    # "…city", and a unit named by a number as the official spelling writes it
    ("http://quan10.hochiminhcity.gov.vn/x", "Cổng thông tin điện tử Quận 10", True),
    ("https://mttq.tuyenquang.gov.vn/x", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Tuyên Quang", True),
    # a province's department by its usual label; a label the importer does not know: no guess
    ("https://sotttt.tuyenquang.gov.vn/x", "Sở Thông tin và Truyền thông tỉnh Tuyên Quang", True),
    ("https://sovhttdl.hungyen.gov.vn/x", "Sở Văn hóa, Thể thao và Du lịch tỉnh Hưng Yên", True),
    ("https://vanphong.langson.gov.vn/x", "Văn phòng Ủy ban nhân dân tỉnh Lạng Sơn", True),
    ("https://bqlda.tuyenquang.gov.vn/x", None, True),
    # a department's short label alone or before its province's name; the procuracy; the awards board
    ("https://tnmt.quangninh.gov.vn/x", "Sở Tài nguyên và Môi trường tỉnh Quảng Ninh", True),
    ("http://khcncaobang.gov.vn/x", "Sở Khoa học và Công nghệ tỉnh Cao Bằng", True),
    ("https://vienkiemsathungyen.gov.vn/x", "Viện kiểm sát nhân dân tỉnh Hưng Yên", True),
    ("https://thiduakhenthuong.langson.gov.vn/x", "Ban Thi đua - Khen thưởng tỉnh Lạng Sơn", True),
    ("https://ubmttqvn.binhdinh.gov.vn/x", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Bình Định", True),
    ("https://danguykhoi.laichau.gov.vn/x", "Đảng ủy Khối các cơ quan tỉnh Lai Châu", True),
    ("https://cdvc.binhdinh.gov.vn/x", "Công đoàn Viên chức tỉnh Bình Định", True),
    ("https://trungtamvanhoabinhphuoc.org.vn/x", "Trung tâm Văn hóa tỉnh Bình Phước", True),
    # a bare type word as the first label: the city or town of the province's name
    ("https://ubndtp.soctrang.gov.vn/x", "Cổng thông tin điện tử thành phố Sóc Trăng", True),
    ("https://thanhpho.quangngai.gov.vn/x", "Cổng thông tin điện tử thành phố Quảng Ngãi", True),
    # a district's name as the whole domain; a portal hosted by the telecom's provincial branch
    ("http://yenthe.vn/x.htm", "Cổng thông tin điện tử huyện Yên Thế", True),
    ("http://yenthe.com.vn/x.htm", None, True),
    ("https://m.laichau.gov.vn/x", "Cổng thông tin điện tử tỉnh Lai Châu", True),  # a mobile edition's label
    ("https://dalat.vn/x", None, True),  # a city's name as a domain: often a business's
    ("http://portal-cumgar.vnptdaklak.vn/x.html", "Cổng thông tin điện tử huyện Cư M'gar", True),
    # a provincial radio-television station around its province's name; a bare province's is no station
    ("https://truyenhinhdongthap.vn/x", "Đài Phát thanh và Truyền hình Đồng Tháp", True),
    ("https://ptthlaocai.vn/x", "Đài Phát thanh - Truyền hình Lào Cai", True),  # the registered station's name
    # a province's agencies: its Ethnic Affairs board, its new-countryside office
    ("https://bdt.daknong.gov.vn/x", "Ban Dân tộc tỉnh Đắk Nông", True),
    ("https://nongthonmoi.bentre.gov.vn/x", "Văn phòng Điều phối nông thôn mới tỉnh Bến Tre", True),
    ("https://backancity.gov.vn/x", "Cổng thông tin điện tử thành phố Bắc Kạn", True),  # "…city": the city
    ("https://mythanhgiongtrom.bentre.gov.vn/x", "Trang thông tin điện tử xã Mỹ Thạnh", True),  # commune+district
    # a "tuổi trẻ" site is its Youth Union's: the province's, a centrally-run city's, a district's
    ("https://tuoitrehaiduong.vn/x", "Tỉnh Đoàn Hải Dương", True),
    ("https://tuoitredanang.vn/x", "Thành Đoàn Đà Nẵng", True),
    ("https://tuoitrethanhkhe.vn/x", "Quận Đoàn Thanh Khê", True),
    ("https://truyenhinhthanhhoa.vn/x", "Đài Phát thanh và Truyền hình Thanh Hóa", True),  # none registered
    ("https://quangtri.vn/x", None, True),
    ("http://truyenhinhlucngan.vn/node/1", "Đài Truyền thanh - Truyền hình Lục Ngạn", True),  # a district's
    # a province under the name its addresses kept after it was renamed ("thuathienhue": thành phố Huế)
    ("https://aluoi.thuathienhue.gov.vn/?gd=1", "Cổng thông tin điện tử huyện A Lưới", True),
    # a commune's or ward's pages on its district's portal, under a path named after it; another path is the portal's
    ("https://vinhyen.vinhphuc.gov.vn/tichson/pages/tin.aspx?id=3", "Trang thông tin điện tử phường Tích Sơn", True),
    ("https://dongtrieu.quangninh.gov.vn/xuanson/Trang/tin.aspx", "Trang thông tin điện tử phường Xuân Sơn", True),
    ("https://vinhyen.vinhphuc.gov.vn/tintuc/pages/tin.aspx?id=3", "Cổng thông tin điện tử thành phố Vĩnh Yên", True),
    # a province's departments and boards by their usual labels
    ("https://svhtt.quangninh.gov.vn/x", "Sở Văn hóa và Thể thao tỉnh Quảng Ninh", True),
    ("https://bqlkkt.thanhhoa.gov.vn/x", "Ban Quản lý Khu kinh tế tỉnh Thanh Hóa", True),
    ("https://dbnd.laichau.gov.vn/x", "Trang thông tin điện tử Đại biểu Nhân dân tỉnh Lai Châu", True),
    ("https://tuphap.laocai.gov.vn/x", "Sở Tư pháp tỉnh Lào Cai", True),  # a department by its function alone
    ("http://thuvientuyenquang.org.vn/x", "Thư viện tỉnh Tuyên Quang", True),
    ("https://baotang.bacgiang.gov.vn/x", "Bảo tàng tỉnh Bắc Giang", True),
    ("https://vanhoanghethuatbacgiang.vn/x", "Trung tâm Văn hóa Nghệ thuật tỉnh Bắc Giang", True),
    # a province's education domain is its education department's, a district's its education office's
    ("https://laocai.edu.vn/x", "Sở Giáo dục và Đào tạo tỉnh Lào Cai", True),
    ("https://haiphong.edu.vn/x", "Sở Giáo dục và Đào tạo thành phố Hải Phòng", True),
    ("https://yenthe.bacgiang.edu.vn/x", "Phòng Giáo dục và Đào tạo huyện Yên Thế", True),
    # a commune's school by its level's initials, a district's health centre and education office
    ("http://thdongtam.pgdyenthe.edu.vn/x", "Trường Tiểu học Đồng Tâm", True),
    ("http://thcs-dongtam.yenthe.bacgiang.edu.vn/x", "Trường THCS Đồng Tâm", True),
    ("http://mnxuanluong.pgdyenthe.edu.vn/x", "Trường Mầm non Xuân Lương", True),
    ("http://ttytyenthe.vn/x", "Trung tâm Y tế huyện Yên Thế", True),
    ("https://pgdyenthe.edu.vn/x", "Phòng Giáo dục và Đào tạo huyện Yên Thế", True),
    ("http://thanhson.nghison.thanhhoa.gov.vn/x", "Trang thông tin điện tử xã Thanh Sơn", True),  # a name, not "th"
])
def test_source_names_of_addresses(url, name, derived):
    assert name_for_url(url) == (name, derived)


@pytest.mark.parametrize("host, province", [
    ("tinhdoanquangtri.example.vn", "Quảng Trị"), ("ninh-binh.gov.vn", "Ninh Bình"),
    ("hoinongdan.camau.gov.vn", "Cà Mau"), ("laocaitv.vn", "Lào Cai"), ("baothuathienhue.vn", "Huế"),
])
def test_hyphenated_and_compound_host_labels_name_their_province(host, province):
    assert [p.short for p in places_in_host(host, gazetteer(), ERA_LEGACY)][:1] == [province]


@pytest.mark.parametrize("host, labels", [
    # a district's name with its province's initials, before a site's suffix or not: the one of that province
    ("caibetg.vn", ["huyện Cái Bè, tỉnh Tiền Giang"]),
    ("chauthanhbtradio.vn", ["huyện Châu Thành, tỉnh Bến Tre"]),
    # a type's initials with the province's: its city or town of the province's name
    ("txqt.quangtri.gov.vn", ["tỉnh Quảng Trị", "thị xã Quảng Trị, tỉnh Quảng Trị"]),
    ("tpvl.vinhlong.gov.vn", ["tỉnh Vĩnh Long", "thành phố Vĩnh Long, tỉnh Vĩnh Long"]),
    ("thanhdoantpct.vn", ["thành phố Cần Thơ"]),  # a centrally-run city by "tp" and its initials
])
def test_units_named_by_initials_in_host_labels(host, labels):
    assert [p.label for p in places_in_host(host, gazetteer(), ERA_LEGACY)] == labels


def test_a_label_names_no_unit_outside_the_unit_a_later_label_names():
    assert [p.label for p in places_in_host("hadong.haiphong.gov.vn", gazetteer(), ERA_LEGACY)] == [
        "thành phố Hải Phòng"]


def test_a_district_youth_unions_host_names_its_district():
    assert [p.title for p in places_in_host("quandoanbinhthanh.vn", gazetteer(), ERA_LEGACY)] == ["quận Bình Thạnh"]


@pytest.mark.parametrize("site, name", [
    ("CỔNG THÔNG TIN ĐIỆN TỬ QUẬN 5", "Cổng thông tin điện tử Quận 5"),  # a numbered unit as officially spelt
    ("Ủy ban Mặt trận Tổ quốc Việt Nam quận 5", "Ủy ban Mặt trận Tổ quốc Việt Nam Quận 5"),
    ("CỔNG TTĐT HUYỆN NAM TRỰC", "Cổng thông tin điện tử huyện Nam Trực"),
    ("HỘI LIÊN HIỆP PHỤ NỮ TỈNH BẮC NINH", "Hội Liên hiệp Phụ nữ tỉnh Bắc Ninh"),
    ("Trang thông tin điện tử phường An Lạc - quận Bình Tân", "Trang thông tin điện tử phường An Lạc"),
    ("Báo Bình Định điện tử", "Báo Bình Định"), ("BÁO ĐBP", "Báo ĐBP"),
    ("Cổng Thông tin điện tử huyện Đầm Hà", "Cổng thông tin điện tử huyện Đầm Hà"),  # the head as officially written
    ("CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN CHƯ PĂH", "Cổng thông tin điện tử huyện Chư Păh"),  # as the register spells it
    ("Cổng TTĐT huyện An Phú, tỉnh An Giang", "Cổng thông tin điện tử huyện An Phú"),  # its parents left out
    ("Báo dân sinh", "Báo Dân sinh"), ("Tạp chí cộng sản", "Tạp chí Cộng sản"),  # the paper's own name capitalised
    ("Báo điện tử Trà Vinh", "Báo điện tử Trà Vinh"),
    ("Cổng thông tin điện tử Tỉnh Kiên Giang", "Cổng thông tin điện tử tỉnh Kiên Giang"),  # a type word inside: lowercase
    ("Trường Tiểu học Thị trấn Vĩnh Trụ", "Trường Tiểu học thị trấn Vĩnh Trụ"),
    ("Thành Đoàn Thành phố Hồ Chí Minh", "Thành Đoàn Thành phố Hồ Chí Minh"),  # but the city named after a person
])
def test_site_names_as_running_text_writes_them(site, name):
    assert portal_name(site) == name


def test_a_papers_code_opening_the_lead_names_it_on_another_site():
    draft = text_page("Cổng thông tin điện tử xã Minh Hòa", TITLE, "13/06/2023", "(BDO) " + LEAD, MORE)
    assert draft.source.name == "Báo Bình Dương"
    assert draft.body.startswith("(BDO) Sáng 12/6")  # the code is part of the text as published
    assert any("code" in note and "BDO" in note for note in draft.review)


def test_a_papers_code_on_its_own_site_is_the_site():
    draft = text_page(TITLE, "13/06/2023", "BTO - " + LEAD, MORE, url="https://baobinhthuan.com.vn/x-12.html")
    assert (draft.source.name, draft.source.url) == ("Báo Bình Thuận", "https://baobinhthuan.com.vn")


@pytest.mark.parametrize("tag, name, checked", [
    ("(Báo Quảng Ngãi)- ", "Báo Quảng Ngãi", False),  # the paper's name as written: the page names it
    ("(Báo Tuổi trẻ Thủ đô) - ", "Báo Tuổi trẻ Thủ đô", False),  # not registered, still a paper's name
    ("(Dân trí) - ", "Báo Dân trí", True),  # a national paper without its "Báo": the registry's name, checked
    ("(Tổ Quốc) – ", "Báo điện tử Tổ Quốc", True),
])
def test_a_papers_name_in_brackets_opening_the_lead(tag, name, checked):
    draft = text_page(TITLE, "13/06/2023", tag + LEAD, MORE)
    assert draft.source.name == name and draft.body.startswith(tag.strip())
    assert any("source" in note and "check" in note for note in draft.review) == checked


@pytest.mark.parametrize("tag", ["(Quảng Ngãi) - ", "(Ảnh minh họa) - ", "(Video) – "])
def test_a_place_or_label_in_brackets_opening_the_lead_is_no_source(tag):
    assert text_page(TITLE, "13/06/2023", tag + LEAD, MORE).source is None


def test_a_papers_address_in_brackets_opening_the_lead():
    draft = text_page(TITLE, "13/06/2023", "(Baoquangngai.vn) - " + LEAD, MORE)
    assert draft.source.name == "Báo Quảng Ngãi" and draft.body.startswith("Sáng 12/6")


@pytest.mark.parametrize("line, name, url", [
    ("baokhanhhoa.vn", "Báo Khánh Hòa", "http://baokhanhhoa.vn"),
    ("https://baolongan.vn/thoi-su/trien-khai-nhiem-vu-a160022.html", "Báo Long An",
     "https://baolongan.vn/thoi-su/trien-khai-nhiem-vu-a160022.html"),
    ("Theo Báo Đồng Khởi điện tử", "Báo Đồng Khởi", None),
    ("Nguồn tin: Báo Hà Tĩnh", "Báo Hà Tĩnh", None),
])
def test_source_lines_at_the_end(line, name, url):
    draft = text_page(TITLE, "13/06/2023", LEAD, MORE, "Hữu Tài", line)
    assert (draft.source.name, draft.source.url) == (name, url)
    assert draft.author == "Hữu Tài"


def test_a_source_line_over_a_blog_engines_comment_form():
    draft = text_page(TITLE, "13/06/2023", LEAD, MORE, "Nguồn: Cổng Thông tin điện tử huyện Đầm Hà", "Trả lời",
                      "Email của bạn sẽ không được hiển thị công khai. Các trường bắt buộc được đánh dấu *")
    assert draft.source.name == "Cổng thông tin điện tử huyện Đầm Hà"
    assert "Email" not in draft.body and "Trả lời" not in draft.body
    answered = text_page(TITLE, "13/06/2023", "Hỏi: Hộ nghèo được hỗ trợ những gì khi xây nhà?", "Trả lời:", LEAD, MORE)
    assert "Trả lời:" in answered.body  # a question's answer, not a comment form


def test_a_site_name_over_the_page_is_the_source():
    draft = text_page("HỘI NÔNG DÂN TỈNH BẮC NINH", "Trang chủ", "Tin hoạt động", TITLE, "13/06/2023", LEAD, MORE)
    assert draft.source.name == "Hội Nông dân tỉnh Bắc Ninh"


def test_a_registered_site_is_named_as_the_registry_names_it():
    draft = text_page("BAOQUANGNINH.VN - TIN TỨC", TITLE, "13/06/2023", LEAD, MORE,
                      url="https://www.baoquangninh.vn/trien-khai-3123.html")
    assert draft.source.name == "Báo Quảng Ninh"


def test_a_site_the_importer_cannot_name_leaves_the_source_to_the_curator():
    from archivist.importer.drafts import render_draft
    draft = text_page(TITLE, "13/06/2023", LEAD, MORE, url="https://hoinongdan-xyz.example.vn/tin/trien-khai-12.html")
    assert draft.source.name is None and draft.page_url.startswith("https://hoinongdan-xyz.example.vn/")
    assert any(note.startswith("source:") and "names no publication" in note for note in draft.review)
    front = render_draft(draft, raw="x.txt", sha256="0" * 64, retrieved=None, url=draft.page_url)
    assert "\nsource:" not in front and "url: https://hoinongdan-xyz.example.vn/" in front


def test_a_communes_portal_is_named_from_its_address():
    draft = text_page(TITLE, "13/06/2023", LEAD, MORE, url="https://xasonkim2.hatinh.gov.vn/portal/trien-khai.aspx")
    assert draft.source.name == "Trang thông tin điện tử xã Sơn Kim 2"


def test_an_aggregators_page_is_not_its_own_source():
    draft = text_page(TITLE, "13/06/2023", LEAD, MORE, url="https://baomoi.com/trien-khai-nhiem-vu-c123.epi")
    assert draft.source is None and draft.page_url.startswith("https://baomoi.com/")
    assert any("republishes other papers' articles" in note for note in draft.review)


def test_an_aggregators_source_line_is_named_from_its_address():
    draft = text_page(TITLE, LEAD, MORE, "Nguồn Khánh Hòa: http://baokhanhhoa.vn/xa-hoi/trien-khai-123.htm",
                      url="https://baomoi.com/trien-khai-nhiem-vu-c123.epi")
    assert (draft.source.name, draft.source.url) == ("Báo Khánh Hòa", "http://baokhanhhoa.vn/xa-hoi/trien-khai-123.htm")


def test_a_source_lines_name_unrelated_to_its_address_is_kept():
    draft = text_page(TITLE, LEAD, MORE, "Nguồn Hội Nông dân: http://baokhanhhoa.vn/xa-hoi/trien-khai-123.htm")
    assert draft.source.name == "Hội Nông dân"


def test_a_banner_on_two_lines_names_the_site_and_its_unit():
    draft = text_page("HỘI NÔNG DÂN VIỆT NAM", "HUYỆN MƯỜNG NHÉ - TỈNH ĐIỆN BIÊN", TITLE, "13/06/2023", LEAD, MORE)
    assert draft.source.name == "Hội Nông dân Việt Nam huyện Mường Nhé"
    assert draft.places and draft.places[0].short == "Mường Nhé"


def test_an_organisations_head_over_a_headline_is_no_banner():
    from archivist.importer.boilerplate import header_head
    assert header_head("HỘI NÔNG DÂN", "Xã An Bình ra quân làm đường") is None  # a headline, not a unit line
    assert header_head("Báo cáo tổng kết", "huyện Mường Nhé") is None


@pytest.mark.parametrize("credit, url, name", [
    # a station's site crediting its own bulletin: the station (here a name derived from its address)
    ("Nguồn: Bản tin Thời sự 14h TTV", "https://truyenhinhthanhhoa.vn/ngay-hoi-1802.htm",
     "Đài Phát thanh và Truyền hình Thanh Hóa"),
    # a programme carrying a registered broadcaster's code, on another site: that broadcaster
    ("Nguồn: Chương trình Thời sự VTV1", "https://xasonkim2.hatinh.gov.vn/portal/trien-khai.aspx",
     "Đài Truyền hình Việt Nam"),
    # a programme with neither: kept as the page writes it, for the curator
    ("Nguồn: Chương trình Nông thôn ngày nay", None, "Chương trình Nông thôn ngày nay"),
])
def test_a_programme_credited_as_the_source_is_its_broadcasters(credit, url, name):
    draft = text_page(TITLE, "13/06/2023", LEAD, MORE, credit, url=url)
    assert draft.source.name == name
    assert (name != credit.split(": ")[1]) == any("is a programme" in note for note in draft.review)


@pytest.mark.parametrize("credit", ["TTXVN", "(TTXVN)"])
def test_a_wire_agencys_code_closing_the_article_is_the_source(credit):
    draft = text_page(TITLE, "13/06/2023", LEAD, MORE, credit)
    assert draft.source.name == "Thông tấn xã Việt Nam" and credit not in draft.body


@pytest.mark.parametrize("line, source", [
    ("Tác giả: Phạm Thị Hằng - Nguồn: BTV", None),  # the site's own editors: no other publication
    ("Nguồn: Ban biên tập", None),
    ("Nguồn: Báo Truyền hình thông tấn", "Truyền hình Thông tấn"),  # a registered outlet with "Báo" put before it
    ("Theo Báo Điện Biên", "Báo Điện Biên Phủ"),  # a province's party paper by its province's name
    ("Theo Báo Bến Tre", "Báo Bến Tre"),  # Báo Đồng Khởi's address does not spell its province: left as written
])
def test_source_notes_naming_the_sites_editors_or_an_outlet_with_a_head_it_does_not_use(line, source):
    draft = text_page(TITLE, "13/06/2023", LEAD, MORE, line)
    assert (draft.source.name if draft.source else None) == source


def test_an_address_of_units_several_of_which_bear_its_name_names_no_unit_of_2025_for_an_older_article():
    """kyanh.hatinh.gov.vn was huyện Kỳ Anh's or thị xã Kỳ Anh's portal before 1 July 2025, xã Kỳ Anh's after:
    an article of 2020 is none of the latter's."""
    draft = text_page(TITLE, "13/06/2020", LEAD, MORE, url="https://kyanh.hatinh.gov.vn/tin-tuc/tin-bai/28908")
    assert draft.source.name is None or "xã Kỳ Anh" not in draft.source.name
    assert name_for_url("https://kyanh.hatinh.gov.vn/a")[0] == "Trang thông tin điện tử xã Kỳ Anh"  # undated: either


@pytest.mark.parametrize(("note", "name", "url"), [
    ("Bài viết này thuộc danh mục: Thời sự, được chúng tôi tổng hợp từ báo Quảng Ninh, nguồn bài: "
     "http://baoquangninh.vn/tin/123.html", "Báo Quảng Ninh", "http://baoquangninh.vn/tin/123.html"),
    ("Tin được trích dẫn từ Tạp chí Cộng sản. Link gốc: https://tapchicongsan.org.vn/web/guest/tin/1",
     "Tạp chí Cộng sản", "https://tapchicongsan.org.vn/web/guest/tin/1"),
    ("Nội dung sưu tầm từ Cổng thông tin điện tử tỉnh Hà Giang; nguồn: https://hagiang.gov.vn/tin/2",
     "Cổng thông tin điện tử tỉnh Hà Giang", "https://hagiang.gov.vn/tin/2"),
])
def test_a_republishing_sites_note_of_its_original_is_the_source_and_leaves_the_body(note, name, url):
    draft = text_page(TITLE, LEAD, note, MORE, url="https://www.tinlocal24h.com/2023/06/trien-khai.html")
    assert draft.source is not None and (draft.source.name, draft.source.url) == (name, url)
    assert note not in draft.body and note in draft.removed


@pytest.mark.parametrize("line", [
    "Số liệu được tổng hợp từ báo cáo của 12 xã, thị trấn trên địa bàn huyện.",  # no address: a sentence
    "Kết quả tổng hợp từ các xã cho thấy tỷ lệ hộ nghèo giảm còn 3,2 %.",
])
def test_a_sentence_about_compiling_is_no_note_of_an_original(line):
    draft = text_page(TITLE, LEAD, line, MORE)
    assert line in draft.body and draft.source is None


@pytest.mark.parametrize(("url", "where", "name", "noted"), [
    # an address naming several units: the one the article's place lies in
    ("https://kyanh.hatinh.gov.vn/tin/1", "tại xã Kỳ Tân, huyện Kỳ Anh", "Cổng thông tin điện tử huyện Kỳ Anh",
     "xã Kỳ Tân, huyện Kỳ Anh"),
    ("https://kyanh.hatinh.gov.vn/tin/1", "tại phường Kỳ Trinh, thị xã Kỳ Anh", "Cổng thông tin điện tử thị xã Kỳ Anh",
     "phường Kỳ Trinh, thị xã Kỳ Anh"),
    ("http://tuoitrechauthanh.vn/tin/1", "tại xã Tân Thạch, huyện Châu Thành, tỉnh Bến Tre", "Huyện Đoàn Châu Thành",
     "xã Tân Thạch, huyện Châu Thành, tỉnh Bến Tre"),
    # the portal of a unit merged since, whose address still names it: as the text writes the unit
    ("http://xathachdien.thachha.gov.vn/tin/1", "xã Thạch Điền", "Trang thông tin điện tử xã Thạch Điền", "merged"),
    ("http://anhaitay.sontra.danang.gov.vn/tin/1", "phường An Hải Tây", "Trang thông tin điện tử phường An Hải Tây",
     "merged"),
    ("https://hoanhbo.vn/tin/1", "huyện Hoành Bồ", "Cổng thông tin điện tử huyện Hoành Bồ", "merged"),
])
def test_an_address_is_named_by_the_unit_the_text_writes(url, where, name, noted):
    lead = (f"Ngày 12/6/2018, Đoàn Thanh niên {where} tổ chức ra quân chiến dịch tình nguyện hè, thu hút hơn 200 "
            "đoàn viên tham gia dọn vệ sinh, trồng cây xanh trên các tuyến đường.")
    draft = text_page(TITLE, "Cập nhật: 12/06/2018", lead, MORE, url=url)
    assert draft.source is not None and (draft.source.name, draft.source.url) == (name, url.rsplit("/", 2)[0])
    notes = [note for note in draft.review if note.startswith("source:") and url.rsplit("/", 2)[0] in note]
    assert len(notes) == 1 and name in notes[0] and noted in notes[0]


def test_an_address_naming_several_units_names_none_when_the_article_names_none_of_them():
    draft = text_page(TITLE, "Cập nhật: 12/06/2020", LEAD, MORE, url="http://tuoitrechauthanh.vn/tin/1")
    assert draft.source is not None and draft.source.name is None


def test_another_papers_code_opening_the_lead_on_a_papers_own_site_leaves_the_site_the_source():
    draft = text_page(TITLE, "13/06/2023", "(BDO) - " + LEAD, MORE, url="https://baobinhthuan.com.vn/x-12.html")
    assert (draft.source.name, draft.source.url) == ("Báo Bình Thuận", "https://baobinhthuan.com.vn")
    assert any("Báo Bình Dương" in note and "check" in note for note in draft.review)


def test_a_portal_of_a_unit_merged_since_names_nothing_when_its_text_does_not_write_the_unit():
    draft = text_page(TITLE, "12/06/2018", LEAD, MORE, url="http://xathachdien.thachha.gov.vn/tin/1")
    assert draft.source is not None and draft.source.name is None


@pytest.mark.parametrize("producer", ["Đơn vị sản xuất : Đài Phát thanh và Truyền hình Lạng Sơn",
                                      "Sản xuất: Đài Phát thanh và Truyền hình Lạng Sơn"])
def test_a_video_pages_producer_is_the_source_and_its_credits_leave_the_body(producer):
    draft = text_page("Phóng sự", TITLE, producer, "Người thực hiện : Thu Hà - Phòng Thời sự", "Thời lượng : 12.05 phút",
                      LEAD, MORE, url="https://lienhoan.example.vn/phong-su/tap-1-12.html")
    assert draft.source.name == "Đài Phát thanh và Truyền hình Lạng Sơn" and draft.author == "Thu Hà"
    assert draft.body.startswith("Sáng 12/6") and "Thời lượng" not in draft.body and producer in draft.removed


def test_an_organisation_the_text_names_by_its_units_type_word_alone_is_completed_from_the_address():
    draft = text_page("Thư viện tỉnh trưng bày sách về quê hương", "13/06/2023",
                      "Ngày 12/6, Thư viện tỉnh tổ chức trưng bày hơn 2.000 cuốn sách về lịch sử, văn hóa quê hương, "
                      "thu hút đông đảo bạn đọc đến tham quan.", MORE, url="http://thuvientinh.laocai.gov.vn/tin/1")
    assert draft.source.name == "Thư viện tỉnh Lào Cai"


def test_a_source_note_naming_its_units_type_word_alone_is_completed_from_the_address():
    draft = text_page(TITLE, "13/06/2023", LEAD, MORE, "Nguồn: Đài Truyền thanh - Truyền hình huyện",
                      url="http://yenthe.bacgiang.gov.vn/tin/1")
    assert draft.source.name == "Đài Truyền thanh - Truyền hình huyện Yên Thế"
    assert any("Yên Thế" in note and "check" in note for note in draft.review)


def test_a_source_note_of_initials_no_publisher_uses_is_the_sites_own_desk():
    draft = text_page(TITLE, "13/06/2023", LEAD, MORE, "Nguồn tin: BQLDT", url="https://site.vhttdlbacgiang.gov.vn/tin/1")
    assert draft.source.name == "Sở Văn hóa, Thể thao và Du lịch tỉnh Bắc Giang"
    assert draft.places[0].label == "tỉnh Bắc Giang"  # the department's address names its province


def test_a_registry_entry_whose_name_an_unquoted_comma_cut_is_refused():
    data = yaml.safe_load("national:\n  vhttdl.example.vn: {name: Bộ Văn hóa, Thể thao và Du lịch}\nlocal: {}\n")
    with pytest.raises(ValueError, match="quote a name that has a comma"):
        publishers.read_registry(data)
    for text in ("national:\n  a.vn:\n", "national:\n  a.vn: {name: Báo A, codes: BA}\n"):  # no entry; a code
        with pytest.raises(ValueError):                                                      # not in a list
            publishers.read_registry(yaml.safe_load(text))
    assert publishers.read_registry(yaml.safe_load("national:\nlocal:\n")) == {}
    assert publishers.by_host("bvhttdl.gov.vn").name == "Bộ Văn hóa, Thể thao và Du lịch"


def test_a_communes_own_domain_is_named_once_the_article_names_the_commune():
    commune = gazetteer().lookup("xã Tà Xùa, huyện Bắc Yên, tỉnh Sơn La", ERA_LEGACY).place
    assert name_for_url("http://taxua.gov.vn/Article/Details/1")[0] is None  # the label alone: which of its namesakes
    assert name_for_url("http://taxua.gov.vn/Article/Details/1", settled=[commune])[0] == \
        "Trang thông tin điện tử xã Tà Xùa"
    assert name_for_url("http://taxua.vn/x", settled=[commune])[0] is None  # not a government domain


def test_a_source_from_the_address_has_one_note_saying_what_was_made_of_it():
    draft = text_page(TITLE, LEAD, MORE, url="https://sotttt.laichau.gov.vn/tin-tuc/x-1.html")
    notes = [note for note in draft.review if note.startswith("source:")]
    assert draft.source.name == "Sở Thông tin và Truyền thông tỉnh Lai Châu"
    assert len(notes) == 1 and "derived from the address" in notes[0]
    draft = text_page(TITLE, LEAD, MORE, url="https://example-news.vn/x-1.html")
    assert [n for n in draft.review if n.startswith("source:")] == [
        "source: the page names no publication and its address https://example-news.vn names none the importer "
        "knows; add where the article was first published"]


@pytest.mark.parametrize("line, name", [
    ("Theo Dân trí", "Báo Dân trí"), ("Theo Tuổi Trẻ", "Báo Tuổi Trẻ"),  # a national paper without its "Báo"
    ("Nguồn: Đài PT-TH Sơn La", "Đài Phát thanh - Truyền hình Sơn La"),   # a station's initials spelt out
    ("Nguồn: Đài TT-TH huyện Mai Sơn", "Đài Truyền thanh - Truyền hình huyện Mai Sơn"),
    ("Theo Sơn La", "Sơn La"),  # a province's name alone is no paper's (its party paper is "Báo Sơn La")
])
def test_a_note_naming_a_paper_or_station_in_short(line, name):
    draft = text_page(TITLE, LEAD, MORE, line)
    assert draft.source is not None and draft.source.name == name
