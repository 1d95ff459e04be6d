"""A product page kept for visitors without a session still works for the next one: her own CSRF token,
her cart, and, once she has a cart, the same kept page with her own cart count filled in."""

import pytest
from playwright.sync_api import expect

from tests.e2e.test_checkout_journey import add_to_cart, picks_from_two_producers

pytestmark = pytest.mark.e2e


def test_a_second_visitor_buys_from_the_kept_product_page(storefront, new_phone_context, shot):
    pick = picks_from_two_producers()[0]
    first = new_phone_context().new_page()
    first.goto(storefront.url + pick.product_url)  # the first visitor's view is kept

    buyer = new_phone_context().new_page()
    answer = buyer.goto(storefront.url + pick.product_url)
    assert answer.headers.get("x-page-cache") == "hit"

    add_to_cart(buyer, storefront.url, pick, quantity=2, items_after=2)
    shot(buyer, "kept-page-added")

    # the kept page again (a guest with a cart shares it) with her count, once any "added" message is read;
    # the first visitor's cart is still empty
    buyer.goto(storefront.url + pick.product_url)
    again = buyer.goto(storefront.url + pick.product_url)
    assert again.headers.get("x-page-cache") == "hit"
    expect(buyer.locator("[data-cart-count]")).to_have_text("2")
    first.reload()
    expect(first.locator("[data-cart-count]")).to_have_text("0")
