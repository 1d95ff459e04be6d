"""Messages of issue #12, in Chromium at 360 px: a guest asks the seller about her order through the order's
private link; the seller answers from the seller centre; the guest reads the answer."""

import re

import pytest
from playwright.sync_api import expect

from marketplace.catalogue.models import ProductVariant
from marketplace.catalogue.selectors import products_visible
from tests.e2e.test_livestream_journey import seller_logs_in
from tests.factories_orders import order_for

pytestmark = pytest.mark.e2e


def test_a_buyer_asks_on_her_order_and_the_seller_answers(new_phone_context, storefront, staff_password, shot):
    base = storefront.url
    variant = (ProductVariant.objects.filter(product__in=products_visible(), stock__gte=2)
               .select_related("product__producer").order_by("-pk").first())
    order = order_for(variant.product.producer, variant=variant, quantity=1)

    buyer = new_phone_context().new_page()
    buyer.goto(f"{base}/orders/{order.token}/")
    buyer.get_by_role("link", name="Nhắn người bán").click()
    buyer.get_by_role("textbox", name="Tin nhắn", exact=True).fill("Chị ơi, giao giúp em trước 5 giờ chiều thứ Bảy nhé.")
    buyer.get_by_role("button", name="Gửi", exact=True).click()
    expect(buyer.get_by_text("Đã gửi tin nhắn cho người bán")).to_be_visible()

    seller = new_phone_context().new_page()
    seller_logs_in(seller, base, order.producer, staff_password, f"/seller/orders/{order.number}/")
    seller.get_by_role("link", name=re.compile("Trao đổi với người mua")).click()
    expect(seller.locator(".thread")).to_contain_text("trước 5 giờ chiều thứ Bảy")
    seller.get_by_role("textbox", name="Tin nhắn", exact=True).fill("Dạ vâng, em giao sáng thứ Bảy ạ.")
    seller.get_by_role("button", name="Gửi", exact=True).click()
    expect(seller.get_by_text("Đã gửi tin nhắn cho người mua")).to_be_visible()
    shot(seller, "messages-01-seller")

    buyer.reload()
    expect(buyer.locator(".bubble").last).to_contain_text("em giao sáng thứ Bảy")
    shot(buyer, "messages-02-buyer")
