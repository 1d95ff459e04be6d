"""A buyer on a 360 px phone finds fish sauce without typing diacritics, narrows it to a province and
reads the price and the producer — first with JavaScript, then with JavaScript switched off."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

VND_PRICE = re.compile(r"^\d{1,3}(\.\d{3})*\s₫")  # "85.000 ₫"; the space is a no-break space


def browse_search_filter_open(page, storefront, facts, shot, prefix: str) -> None:
    # Given the home page on a phone
    page.goto(storefront.url + "/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    shot(page, f"{prefix}1-home")

    # When she searches without diacritics
    page.get_by_role("searchbox", name="Tìm sản phẩm").fill("nuoc mam")
    page.get_by_role("button", name="Tìm", exact=True).click()

    # Then fish sauce is found
    expect(page).to_have_url(re.compile(r"/products/\?q=nuoc\+mam"))
    results = page.locator(".results .card-title")
    expect(results.filter(has_text="Nước mắm").first).to_be_visible()
    shot(page, f"{prefix}2-search")

    # When she narrows the results to the product's province in the "Bộ lọc" panel
    page.locator("details.filters > summary", has_text="Bộ lọc").click()
    provinces = page.get_by_role("group", name="Tỉnh/thành phố")
    provinces.get_by_role("radio", name=re.compile(rf"^{re.escape(facts.province_name)}\b")).check()
    shot(page, f"{prefix}3-filters")
    page.get_by_role("button", name="Áp dụng").click()

    # Then only that province's products remain, the search kept
    expect(page).to_have_url(re.compile(rf"province={facts.province_codename}"))
    expect(page).to_have_url(re.compile(r"q=nuoc\+mam"))
    expect(results.filter(has_text=facts.product_name)).to_have_count(1)
    for meta in page.locator(".results .card").all():
        expect(meta).to_contain_text(facts.province_name)
    shot(page, f"{prefix}4-filtered")

    # When she opens the product
    page.get_by_role("link", name=facts.product_name).first.click()

    # Then she reads its price in đồng and who made it
    expect(page).to_have_url(storefront.url + facts.product_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(facts.product_name)
    price = page.locator(".product-info .price")
    expect(price).to_have_text(VND_PRICE)
    expect(price).to_contain_text(facts.price_text)
    expect(page.locator(".producer-card")).to_contain_text(facts.producer_name)
    shot(page, f"{prefix}5-product")


def test_phone_buyer_searches_without_diacritics_filters_by_province_and_opens_product(
    page, storefront, demo_facts, shot
):
    browse_search_filter_open(page, storefront, demo_facts, shot, prefix="journey-")


def test_the_same_path_works_with_javascript_switched_off(new_phone_context, storefront, demo_facts, shot):
    page = new_phone_context(java_script_enabled=False).new_page()
    browse_search_filter_open(page, storefront, demo_facts, shot, prefix="nojs-")
