"""The preview (``build.py serve``) in Chromium: drafts shown with their banner when asked."""

from playwright.sync_api import expect

from tests.test_serve import start


def _make_draft(root):
    article = root / "content" / "ngay-day-du.md"
    article.write_text(article.read_text(encoding="utf-8").replace("---\n", "---\ndraft: true\n", 1), encoding="utf-8")


def test_serve_with_drafts_shows_a_draft_with_its_banner(page, tmp_path):
    preview = start(tmp_path, _make_draft, drafts=True)
    try:
        preview.said(r"^built \d+ articles")
        page.goto(f"http://127.0.0.1:{preview.port}/bai-viet/ngay-day-du/")
        banner = page.get_by_role("note")
        expect(banner).to_contain_text("Bản nháp")
        expect(banner).to_be_visible()
        expect(page.locator("h1")).to_have_text("Ngày đầy đủ, phường cụ thể")
        assert page.locator('meta[name="robots"]').get_attribute("content") == "noindex"
        assert not page.problems
    finally:
        preview.stop.set()
        preview.thread.join(30)


def test_serve_without_drafts_leaves_a_draft_out(page, tmp_path):
    preview = start(tmp_path, _make_draft)
    try:
        preview.said(r"^built \d+ articles \(1 draft left out; --drafts shows them\)")
        response = page.goto(f"http://127.0.0.1:{preview.port}/bai-viet/ngay-day-du/")
        assert response.status == 404
        page.goto(f"http://127.0.0.1:{preview.port}/")
        expect(page.locator("main")).not_to_contain_text("Ngày đầy đủ, phường cụ thể")
    finally:
        preview.stop.set()
        preview.thread.join(30)
