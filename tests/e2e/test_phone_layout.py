"""What a buyer sees on the first screen of a 360 × 780 phone: products, not chrome."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

SCREEN = {"width": 360, "height": 780}


def _usable_bottom(page) -> float:
    """The top of whatever is fixed to the bottom edge (the navigation or the buy bar)."""
    return page.evaluate(
        "Math.min(...[...document.querySelectorAll('.bottom-nav, .buy-bar')]"
        ".map(e => e.getBoundingClientRect().top).filter(t => t > 0), window.innerHeight)"
    )


def _whole_cards_on_screen(page) -> int:
    bottom = _usable_bottom(page)
    return page.evaluate(
        "(bottom) => [...document.querySelectorAll('main .card')].filter(c => {"
        " const r = c.getBoundingClientRect(); return r.top >= 0 && r.bottom <= bottom; }).length",
        bottom,
    )


def test_the_header_is_one_compact_sticky_row_with_the_bottom_navigation(new_phone_context, storefront, shot):
    page = new_phone_context(viewport=SCREEN).new_page()
    page.goto(storefront.url + "/products/")

    header = page.locator(".site-header .header-row").bounding_box()
    assert header["height"] <= 60
    page.mouse.wheel(0, 1500)
    page.wait_for_timeout(200)
    assert page.locator(".site-header").bounding_box()["y"] == 0  # still there after scrolling
    nav = page.get_by_role("navigation", name="Menu chính")
    for tab in ("Trang chủ", "Danh mục", "Live", "Giỏ hàng", "Tài khoản"):
        box = nav.get_by_role("link", name=tab).bounding_box()
        assert box["height"] >= 44 and box["y"] + box["height"] <= SCREEN["height"]
    shot(page, "phone-listing-scrolled")

    nav.get_by_role("link", name="Danh mục").click()
    expect(page).to_have_url(storefront.url + "/danh-muc/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Danh mục sản phẩm")


def test_home_shows_products_and_the_listing_four_cards_on_the_first_screen(new_phone_context, storefront):
    page = new_phone_context(viewport=SCREEN).new_page()

    page.goto(storefront.url + "/")
    assert _whole_cards_on_screen(page) >= 1
    page.goto(storefront.url + "/products/")
    assert _whole_cards_on_screen(page) >= 4


def test_the_product_page_keeps_its_buy_bar_in_view_and_confirms_the_add(new_phone_context, storefront, demo_facts, shot):
    page = new_phone_context(viewport=SCREEN).new_page()
    page.goto(storefront.url + demo_facts.product_url)

    add = page.locator(".buy-bar").get_by_role("button", name="Thêm vào giỏ")
    expect(add).to_be_in_viewport()
    expect(page.locator(".buying-terms")).to_contain_text(re.compile("(Phí|Miễn phí) giao"))
    page.mouse.wheel(0, 2000)
    expect(add).to_be_in_viewport()

    add.click()
    view_cart = page.locator(".cart-toast").get_by_role("link", name="Xem giỏ hàng")
    expect(view_cart).to_be_in_viewport()
    expect(page.locator("[data-cart-count]")).to_have_text("1")
    shot(page, "phone-product-added")
    page.locator(".cart-toast").get_by_role("button", name="Tiếp tục mua").click()
    expect(view_cart).to_have_count(0)

    page.locator(".buy-bar").get_by_role("button", name="Mua ngay").click()
    expect(page).to_have_url(storefront.url + "/checkout/")
