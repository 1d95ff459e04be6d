"""Reviews of issue #12, in Chromium at 360 px: a buyer whose order was delivered reviews the product with a
photo from her phone; the seller answers; both show on the product page."""

import re

import pytest
from playwright.sync_api import expect

from marketplace.catalogue.models import ProductVariant
from marketplace.catalogue.selectors import products_visible
from marketplace.orders.models import Order
from marketplace.reviews.models import Review
from tests.e2e.test_livestream_journey import seller_logs_in
from tests.e2e.test_producer_onboarding import jpeg_bytes
from tests.factories_orders import order_for

pytestmark = pytest.mark.e2e


def test_a_delivered_buyer_reviews_with_a_photo_and_the_seller_answers(new_phone_context, storefront,
                                                                       staff_password, shot):
    base = storefront.url
    variant = (ProductVariant.objects.filter(product__in=products_visible(), product__rating_count=0)
               .select_related("product__producer").order_by("pk").first())
    product = variant.product
    order = order_for(product.producer, variant=variant, quantity=1, status=Order.Status.DELIVERED,
                      contact_name="Lê Thị Thu")

    buyer = new_phone_context().new_page()
    buyer.goto(f"{base}/orders/{order.token}/")
    buyer.get_by_role("link", name="Đánh giá sản phẩm").click()
    expect(buyer.get_by_role("heading", name=product.name)).to_be_visible()
    buyer.get_by_label(re.compile("5 sao — rất hài lòng")).check()
    buyer.get_by_label("Nhận xét (không bắt buộc)").fill("Đóng gói cẩn thận, dùng rất thích.")
    buyer.get_by_label(re.compile("Ảnh")).set_input_files(
        files=[{"name": "hang.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes("#3a7d44")}])
    shot(buyer, "review-01-form")
    buyer.get_by_role("button", name="Gửi đánh giá").click()
    expect(buyer.get_by_text("Cảm ơn bạn đã đánh giá")).to_be_visible()
    review = Review.objects.get(order=order)
    assert review.stars == 5 and review.photos.count() == 1 and review.author_name == "Thu"

    seller = new_phone_context().new_page()
    seller_logs_in(seller, base, product.producer, staff_password, "/seller/reviews/")
    seller.get_by_label("Trả lời người mua (chỉ một lần)").first.fill("Cảm ơn chị Thu, hẹn gặp lại chị!")
    seller.get_by_role("button", name="Gửi trả lời").first.click()
    expect(seller.get_by_text("Đã gửi câu trả lời")).to_be_visible()
    shot(seller, "review-02-seller-answers")

    buyer.goto(base + product.get_absolute_url())
    reviews = buyer.locator(".reviews")
    expect(reviews).to_contain_text("Đóng gói cẩn thận")
    expect(reviews).to_contain_text("Cảm ơn chị Thu, hẹn gặp lại chị!")
    expect(reviews.locator(".review-photos img")).to_have_count(1)
    shot(buyer, "review-03-on-the-product")
