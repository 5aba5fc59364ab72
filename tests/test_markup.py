"""Markdown bodies: rendering, sanitizing, summaries."""

from archivist.markup import first_paragraph, render_body


def test_caption_paragraph_keeps_its_class():
    html = render_body("Ảnh: lễ trao giải.\n{: .caption }\n\nĐoạn đầu.")
    assert '<p class="caption">Ảnh: lễ trao giải.</p>' in html


def test_scripts_handlers_and_javascript_urls_are_removed():
    html = render_body(
        'Chữ <script>alert(1)</script><a href="javascript:alert(2)" onclick="x()">liên kết</a>'
        '<img src="a.jpg" onerror="alert(3)"><iframe src="http://evil"></iframe>'
        '<div style="position:fixed" class="evil" id="main">x</div>'
    )
    for bad in ("<script", "alert", "javascript:", "onclick", "onerror", "<iframe", "position:fixed", 'id="main"', "evil"):
        assert bad not in html
    assert "liên kết" in html and 'src="a.jpg"' in html


def test_body_headings_are_demoted_below_the_title():
    html = render_body("# Phần một\n\n## Mục\n\ntext")
    assert "<h2>Phần một</h2>" in html and "<h3>Mục</h3>" in html and "<h1" not in html


def test_tables_and_footnotes_render():
    html = render_body("Số liệu[^1].\n\n| Năm | Hộ |\n|---|--:|\n| 2019 | 12 |\n\n[^1]: Theo báo cáo.")
    assert "<table>" in html and '<td style="text-align:right">12</td>' in html
    assert 'id="fn:1"' in html and "Jump back" not in html


def test_summary_skips_captions_and_markup():
    html = render_body("Chú thích ảnh.\n{: .caption }\n\nĐoạn **đầu** tiên &amp; rõ.\n\nĐoạn hai.")
    assert first_paragraph(html) == "Đoạn đầu tiên & rõ."
