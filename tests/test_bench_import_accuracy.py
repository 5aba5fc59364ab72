"""bench/import_accuracy.py's comparisons: a second labeller's labels scored as the importer's are."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("import_accuracy", ROOT / "bench" / "import_accuracy.py")
accuracy = importlib.util.module_from_spec(spec)
spec.loader.exec_module(accuracy)

PAGE = """Xã Đông Thành ra quân làm thủy lợi nội đồng
05/01/2023
Sáng 5/1, UBND xã Đông Thành, huyện Yên Thành tổ chức lễ ra quân làm thủy lợi nội đồng với sự tham gia của hơn 500
cán bộ, đoàn viên và nhân dân.
Toàn xã nạo vét hơn 3 km kênh mương, đắp 2 km bờ vùng, bờ thửa.
Minh Châu
"""
TRUE = {"input": "page.txt", "url": "https://dongthanh.yenthanh.nghean.gov.vn/tin/1",
        "title": "Xã Đông Thành ra quân làm thủy lợi nội đồng", "date": "2023-01-05", "author": "Minh Châu",
        "source": "Cổng thông tin điện tử xã Đông Thành",
        "locality": "xã Đông Thành, huyện Yên Thành, tỉnh Nghệ An", "province": "Nghệ An"}


def test_a_second_labellers_labels_are_scored_against_the_first(tmp_path, capsys):
    pages, labels = tmp_path / "set", tmp_path / "again"
    for name, label in (("01-same", dict(TRUE)),  # the same, in other spellings the comparison sets aside
                        ("02-other", dict(TRUE, source="Trang thông tin điện tử xã Đông Thành",
                                          locality="huyện Yên Thành, tỉnh Nghệ An", author="MINH CHÂU"))):
        (pages / name).mkdir(parents=True)
        (pages / name / "page.txt").write_text(PAGE, encoding="utf-8")
        (pages / name / "expected.yaml").write_text(yaml.safe_dump(TRUE, allow_unicode=True), encoding="utf-8")
        (labels / name).mkdir(parents=True)
        label["locality"] = label["locality"].replace("huyện Yên Thành", "H. Yên Thành")
        (labels / name / "label.yaml").write_text(yaml.safe_dump(label, allow_unicode=True), encoding="utf-8")
    (pages / "03-unlabelled").mkdir()  # a page the second labeller left out counts for neither
    (pages / "03-unlabelled" / "page.txt").write_text(PAGE, encoding="utf-8")
    (pages / "03-unlabelled" / "expected.yaml").write_text(yaml.safe_dump(TRUE, allow_unicode=True),
                                                           encoding="utf-8")

    other = accuracy.second_labels(pages / "02-other", labels)
    assert other["author"][0] and not other["source"][0] and other["publisher"][0]  # "Cổng" or "Trang": aside
    assert not other["place"][0] and other["province"][0]
    assert accuracy.second_labels(pages / "03-unlabelled", labels) is None

    assert accuracy.main([str(pages), "--second-labels", str(labels)]) == 0
    table = capsys.readouterr().out.split("2 pages labelled again")[1]
    rows = {line.split(" | ")[0].strip("| "): line.strip("| ").split(" | ")[1:] for line in table.splitlines()
            if line.startswith("| ") and "---" not in line and "field" not in line}
    assert rows["title"][0] == "2" and rows["author"][0] == "2"
    assert rows["source"][0] == "1" and rows["publisher"][0] == "2" and rows["place"][0] == "1"
    # the importer's place against each labeller: the first's commune, the second's district on one page
    assert int(rows["place"][3]) >= int(rows["place"][1])
    # a label the comparison cannot read stops the run with its file named
    (labels / "01-same" / "label.yaml").write_text("date: 12/31/2021\n", encoding="utf-8")
    try:
        accuracy.second_labels(pages / "01-same", labels)
    except SystemExit as stop:
        assert "01-same/label.yaml: date" in str(stop)
    else:
        raise AssertionError("a bad date in a label.yaml was scored")
