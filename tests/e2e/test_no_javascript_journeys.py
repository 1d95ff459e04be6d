"""Issue #12 asks that the core journeys complete without JavaScript. A guest on a 360 × 780 phone with
scripts switched off browses by category, searches from the header, adds to the cart, edits the cart,
checks out cash on delivery, follows her order, writes to the seller with a photo and reads the answer,
then reviews the delivered order; "Mua ngay" takes her straight to the checkout."""

import re

import pytest
from playwright.sync_api import expect

from marketplace.catalogue.models import Product
from marketplace.orders.models import Checkout, Order, OrderStatusChange
from marketplace.orders.transitions import order_transition
from marketplace.reviews.models import Review
from tests.e2e.conftest import SHOTS_DIR
from tests.e2e.test_checkout_journey import BUYER, fill_checkout
from tests.e2e.test_livestream_journey import seller_logs_in
from tests.e2e.test_producer_onboarding import jpeg_bytes

pytestmark = pytest.mark.e2e

PHONE = {"width": 360, "height": 780}
QUESTION = "Chị ơi, chai bị móp thì em đổi được không ạ?"
ANSWER = "Dạ được chị, em đổi chai mới ngay."


def phone_without_javascript(new_phone_context):
    return new_phone_context(viewport=PHONE, java_script_enabled=False).new_page()


def screen(page, name: str) -> None:
    """What the phone shows right now, sticky header and bottom bar in place (`shot` takes the whole page)."""
    SHOTS_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS_DIR / f"{name}.png"), animations="disabled")


def in_stock_variant_to_choose(product: Product):
    """The last variant in stock: another than the one the page ticks first, when the product has two."""
    variant = product.variants.filter(stock__gte=3).order_by("-sort_order", "-id").first()
    assert variant is not None, f"the demo's “{product.name}” has no variant with 3 in stock"
    return variant


def browse_to_a_product(page, base: str, shot) -> str:
    """Home → "Danh mục" in the bottom bar → a category → a product in stock; the product's name."""
    page.goto(base + "/")
    page.locator(".bottom-nav").get_by_role("link", name="Danh mục").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Danh mục sản phẩm")
    shot(page, "nojs-01-categories")
    page.locator(".category-group h2 a").first.click()
    cards = page.locator(".card").filter(has_not=page.locator(".card-flag"))  # not sold out
    expect(cards.first).to_be_visible()
    shot(page, "nojs-02-category")
    name = cards.first.locator(".card-title").inner_text().strip()
    cards.first.locator(".card-link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    return name


def search_from_the_header(page, query: str, product_name: str, shot) -> None:
    search = page.get_by_role("searchbox", name="Tìm sản phẩm")
    search.fill(query)
    search.press("Enter")
    expect(page).to_have_url(re.compile(r"\?q="))
    result = page.locator(".card", has_text=product_name).first
    expect(result).to_be_visible()
    shot(page, "nojs-04-search")
    result.locator(".card-link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(product_name)


def add_to_cart(page, variant_name: str | None, quantity: int) -> None:
    if variant_name:
        page.get_by_role("radio", name=re.compile(rf"^{re.escape(variant_name)} —")).check()
    page.get_by_label("Số lượng").fill(str(quantity))
    page.locator(".buy-bar").get_by_role("button", name="Thêm vào giỏ").click()
    toast = page.locator(".cart-toast")
    expect(toast).to_contain_text("Đã thêm")
    expect(toast.get_by_role("link", name="Xem giỏ hàng")).to_be_in_viewport()
    expect(toast.get_by_role("link", name="Tiếp tục mua")).to_be_visible()


def test_a_guest_without_javascript_browses_buys_asks_the_seller_and_reviews(
    new_phone_context, storefront, demo_facts, staff_password, shot
):
    base = storefront.url
    searched = Product.objects.select_related("producer").get(name=demo_facts.product_name)
    variant = in_stock_variant_to_choose(searched)
    buyer = phone_without_javascript(new_phone_context)

    # She browses to a product by category and puts one in her cart
    browsed_name = browse_to_a_product(buyer, base, shot)
    add_to_cart(buyer, None, 1)
    shot(buyer, "nojs-03-added-from-category")

    # She finds another product with the header's search box, picks a variant and two of it
    search_from_the_header(buyer, "nước mắm Phú Quốc", searched.name, shot)
    add_to_cart(buyer, variant.name, 2)
    screen(buyer, "nojs-05-added-screen")
    shot(buyer, "nojs-05-added")

    # In the cart she changes the quantity and removes the first product, with the plain forms
    buyer.locator(".cart-toast").get_by_role("link", name="Xem giỏ hàng").click()
    expect(buyer).to_have_url(f"{base}/cart/")
    kept = buyer.locator(".cart-line", has_text=searched.name)
    kept.get_by_label("Số lượng").fill("3")
    kept.get_by_role("button", name="Cập nhật").click()
    expect(buyer.locator(".cart-line", has_text=searched.name).get_by_label("Số lượng")).to_have_value("3")
    buyer.locator(".cart-line", has_text=browsed_name).get_by_role("button", name=re.compile("^Xoá")).click()
    expect(buyer.locator(".cart-line")).to_have_count(1)
    expect(buyer.locator("[data-cart-count]")).to_have_text("3")
    shot(buyer, "nojs-06-cart")

    # She checks out cash on delivery (the wards come with the "Chọn tỉnh" reload)
    buyer.get_by_role("link", name="Đặt hàng").click()
    expect(buyer).to_have_url(f"{base}/checkout/")
    reference = fill_checkout(buyer, "Thanh toán khi nhận hàng", shot, "nojs-07-checkout")
    order = Checkout.objects.get(reference=reference).orders.get()
    assert [(line.variant_id, line.quantity) for line in order.lines.all()] == [(variant.pk, 3)]
    shot(buyer, "nojs-08-done")

    # Her order page says what comes next
    buyer.get_by_role("heading", name=order.number).get_by_role("link").click()
    expect(buyer.get_by_role("heading", level=1)).to_have_text(f"Đơn {order.number}")
    next_step = buyer.locator(".next-step")
    expect(next_step.get_by_role("heading", name="Tiếp theo")).to_be_visible()
    expect(next_step.locator("p")).not_to_be_empty()
    expect(buyer.locator("details.cancel-order")).not_to_have_attribute("open", "")
    shot(buyer, "nojs-09-order")
    order_page = buyer.url

    # She writes to the seller with a photo
    buyer.get_by_role("link", name="Nhắn người bán").click()
    buyer.get_by_role("textbox", name="Tin nhắn", exact=True).fill(QUESTION)
    buyer.get_by_label(re.compile("^Ảnh")).set_input_files(
        files=[{"name": "chai.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes("#8a5a2b")}]
    )
    buyer.get_by_role("button", name="Gửi", exact=True).click()
    expect(buyer.get_by_text("Đã gửi tin nhắn cho người bán")).to_be_visible()
    expect(buyer.locator(".thread")).to_contain_text(QUESTION)
    expect(buyer.locator(".thread img")).to_have_count(1)
    message = order.messages.get()
    assert message.sender == "buyer" and message.photo is not None

    # The seller answers from the seller centre, also without JavaScript
    seller = phone_without_javascript(new_phone_context)
    seller_logs_in(seller, base, order.producer, staff_password, f"/seller/orders/{order.number}/")
    seller.get_by_role("link", name=re.compile("Trao đổi với người mua")).click()
    expect(seller.locator(".thread")).to_contain_text(QUESTION)
    seller.get_by_role("textbox", name="Tin nhắn", exact=True).fill(ANSWER)
    seller.get_by_role("button", name="Gửi", exact=True).click()
    expect(seller.get_by_text("Đã gửi tin nhắn cho người mua")).to_be_visible()
    shot(seller, "nojs-10-seller-answers")

    buyer.reload()
    expect(buyer.locator(".bubble").last).to_contain_text(ANSWER)
    shot(buyer, "nojs-11-buyer-reads")

    # Once delivered, she reviews the product with stars and a few words
    for status in (Order.Status.PACKED, Order.Status.SHIPPED, Order.Status.DELIVERED):
        order_transition(order=order, to_status=status, actor=None, role=OrderStatusChange.Role.STAFF)
    buyer.goto(order_page)
    buyer.get_by_role("link", name="Đánh giá sản phẩm").click()
    expect(buyer.get_by_role("heading", name=searched.name)).to_be_visible()
    buyer.get_by_label(re.compile("4 sao")).check()
    buyer.get_by_label("Nhận xét (không bắt buộc)").fill("Nước mắm thơm, chai đóng kỹ.")
    shot(buyer, "nojs-12-review-form")
    buyer.get_by_role("button", name="Gửi đánh giá").click()
    expect(buyer.get_by_text("Cảm ơn bạn đã đánh giá")).to_be_visible()
    review = Review.objects.get(order=order)
    assert (review.product_id, review.stars, review.text) == (searched.pk, 4, "Nước mắm thơm, chai đóng kỹ.")
    shot(buyer, "nojs-13-reviewed")


def test_buy_now_without_javascript_goes_straight_to_the_checkout(
    new_phone_context, storefront, demo_facts, shot
):
    base = storefront.url
    product = Product.objects.get(name=demo_facts.product_name)
    variant = in_stock_variant_to_choose(product)
    buyer = phone_without_javascript(new_phone_context)

    buyer.goto(base + demo_facts.product_url)
    buyer.get_by_role("radio", name=re.compile(rf"^{re.escape(variant.name)} —")).check()
    shot(buyer, "nojs-14-product")
    buyer.locator(".buy-bar").get_by_role("button", name="Mua ngay").click()

    expect(buyer).to_have_url(f"{base}/checkout/")
    expect(buyer.locator("main")).to_contain_text(product.name)
    expect(buyer.locator("main")).to_contain_text(variant.name)
    shot(buyer, "nojs-15-checkout")

    # Choosing the province reloads the form at the address, the wards' notice on screen
    buyer.get_by_label("Tỉnh/thành phố").select_option(label=BUYER["province"])
    buyer.get_by_role("button", name="Chọn tỉnh").click()
    expect(buyer).to_have_url(f"{base}/checkout/#dia-chi")
    expect(buyer.get_by_role("status")).to_contain_text("Đã có danh sách phường/xã")
    expect(buyer.get_by_role("status")).to_be_in_viewport()
    expect(buyer.get_by_label("Phường/xã/đặc khu").locator("option", has_text=BUYER["ward"])).to_have_count(1)
    screen(buyer, "nojs-16-wards-screen")
