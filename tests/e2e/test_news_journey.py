"""News of issue #11, in Chromium at 360 px: a ward officer writes an announcement in her province's
section and submits it; her province approves it; it appears on the home page."""

import re

import pytest
from playwright.sync_api import expect

from cms.models import NewsIndexPage, NewsPage
from tests.e2e.test_producer_onboarding import admin_login

pytestmark = pytest.mark.e2e

TITLE = "Chi hội Bát Tràng mời chị em họp bàn hàng Tết"


def click_hidden(page, selector: str) -> None:
    """Wagtail keeps secondary actions in a drop-down; press the button itself, as the menu item would."""
    page.locator(selector).first.evaluate("button => button.click()")


def test_a_ward_officers_announcement_is_approved_by_her_province_and_reaches_the_home_page(
    new_phone_context, storefront, staff_password, shot
):
    base = storefront.url
    section = NewsIndexPage.objects.get(unit__level=1, unit__province_code=1)  # Hà Nội
    ward = new_phone_context().new_page()
    admin_login(ward, base, "canbo.battrang", staff_password)
    ward.goto(f"{base}/admin/pages/add/cms/newspage/{section.pk}/")
    ward.locator("#id_title").fill(TITLE)
    ward.locator("#id_summary").fill("Tối thứ Sáu, nhà văn hoá thôn 3: chọn sản phẩm và lên lịch livestream bán Tết.")
    ward.locator("#id_kind").select_option(label="Thông báo")
    editor = ward.locator(".Draftail-Editor [contenteditable=true]").first
    editor.click()
    editor.press_sequentially("Kính mời chị em hội viên đến dự đông đủ.")
    expect(editor).to_contain_text("Kính mời chị em")
    # Draftail writes its hidden field a moment after the last key (a debounce), as it would before a person
    # reaches for the menu.
    expect(ward.locator("input[name=body]")).to_have_value(re.compile("Kính mời chị em"))
    shot(ward, "news-01-ward-writes")
    click_hidden(ward, 'button[name="action-submit"]')
    expect(ward).to_have_url(re.compile(r"/admin/pages/\d+/"))
    page = NewsPage.objects.get(title=TITLE)
    assert page.workflow_in_progress and not page.live
    assert "Kính mời chị em hội viên" in page.get_latest_revision_as_object().body

    # The province officer approves it from the page's editor
    province = new_phone_context().new_page()
    admin_login(province, base, "canbo.hanoi", staff_password)
    province.goto(f"{base}/admin/pages/{page.pk}/edit/")
    shot(province, "news-02-province-reviews")
    click_hidden(province, '[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])')
    expect(province).to_have_url(re.compile(rf"/admin/pages/{section.pk}/$"))  # back in her section's listing
    page.refresh_from_db()
    assert page.live

    # A buyer sees it on the home page and opens it
    buyer = new_phone_context().new_page()
    buyer.goto(base + "/")
    link = buyer.get_by_role("link", name=re.compile(re.escape(TITLE)))
    expect(link).to_be_visible()
    link.click()
    expect(buyer.get_by_role("heading", level=1)).to_have_text(TITLE)
    shot(buyer, "news-03-on-the-site")
