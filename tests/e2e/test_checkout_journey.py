"""A guest on a 360 px phone buys from two producers at once and pays on delivery; one seller packs and
ships her order; the buyer follows it by her private link. Another buyer pays by VietQR and gets the
code to scan. The cart and the checkout also work with JavaScript switched off."""

import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

from marketplace.catalogue.models import ProductVariant
from marketplace.catalogue.selectors import products_visible
from marketplace.core.money import format_vnd
from marketplace.orders.models import Checkout
from producers.models import ProducerMember

pytestmark = pytest.mark.e2e

MIN_STOCK = 6  # more than the journeys buy, whatever ran before
BUYER = {"name": "Trần Thị Mai", "phone": "0912 345 678", "province": "Hà Nội", "ward": "Phường Tây Hồ",
         "street": "12 ngõ 52 Tô Ngọc Vân"}
CARRIER, TRACKING = "Viettel Post", "VTP123456789"
CHECKOUT_DONE = re.compile(r"/checkout/(CK-[A-Z0-9-]+)/$")


@dataclass(frozen=True)
class Pick:
    variant_name: str
    product_name: str
    product_url: str
    producer_id: int
    producer_name: str


def picks_from_two_producers() -> list[Pick]:
    """A variant in stock from each of two producers that sell on the storefront and take bank transfers."""
    variants = (
        ProductVariant.objects.filter(product__in=products_visible(), stock__gte=MIN_STOCK)
        .exclude(product__producer__bank_bin="").exclude(product__producer__bank_account_number="")
        .select_related("product__producer").order_by("product__producer_id", "product_id", "sort_order", "id")
    )
    picks: dict[int, Pick] = {}
    for variant in variants:
        product = variant.product
        if product.producer_id not in picks:
            picks[product.producer_id] = Pick(
                variant.name, product.name, product.get_absolute_url(), product.producer_id, product.producer.name
            )
        if len(picks) == 2:
            return list(picks.values())
    pytest.fail("the demo data has no two producers with a visible product in stock")


def add_to_cart(page, base: str, pick: Pick, quantity: int, items_after: int) -> None:
    page.goto(base + pick.product_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(pick.product_name)
    page.get_by_role("radio", name=re.compile(rf"^{re.escape(pick.variant_name)} —")).check()
    page.get_by_label("Số lượng").fill(str(quantity))
    page.get_by_role("button", name="Thêm vào giỏ").click()
    expect(page.locator(".cart-messages")).to_contain_text("Đã thêm")
    expect(page.locator(".cart-messages").get_by_role("link", name="Xem giỏ hàng")).to_be_in_viewport()
    expect(page.locator("[data-cart-count]")).to_have_text(str(items_after))


def open_cart_and_go_to_checkout(page, base: str, picks: list[Pick], shot, name: str) -> None:
    page.locator(".header-cart").click()  # the cart in the sticky header, with its count
    expect(page).to_have_url(f"{base}/cart/")
    for pick in picks:
        expect(page.locator(".cart-group", has_text=pick.producer_name)).to_contain_text(pick.product_name)
    shot(page, name)
    page.get_by_role("link", name="Đặt hàng").click()
    expect(page).to_have_url(f"{base}/checkout/")


def fill_checkout(page, payment: str, shot, name: str) -> str:
    """Fills the form the way a phone without the ward list would, places the order; the checkout reference."""
    page.get_by_label("Họ tên người nhận").fill(BUYER["name"])
    page.get_by_label("Số điện thoại").fill(BUYER["phone"])
    page.get_by_label("Tỉnh/thành phố").select_option(label=BUYER["province"])
    page.get_by_role("button", name="Chọn tỉnh").click()  # the wards arrive with a reload, no JavaScript needed

    expect(page.get_by_role("status")).to_contain_text("Đã có danh sách phường/xã")
    expect(page.get_by_label("Họ tên người nhận")).to_have_value(BUYER["name"])  # nothing typed was lost
    page.get_by_label("Phường/xã/đặc khu").select_option(label=BUYER["ward"])
    page.get_by_label("Số nhà, đường, thôn/xóm").fill(BUYER["street"])
    page.get_by_role("radio", name=payment).check()
    shot(page, name)
    page.get_by_role("button", name="Đặt hàng").click()

    expect(page).to_have_url(CHECKOUT_DONE)
    expect(page.get_by_role("heading", level=1)).to_have_text("Đã đặt hàng")
    return CHECKOUT_DONE.search(page.url).group(1)


def expect_one_order_per_producer(page, reference: str, picks: list[Pick]) -> dict[int, str]:
    """The confirmation lists the checkout's orders with their numbers; producer id -> order number."""
    orders = list(Checkout.objects.get(reference=reference).orders.select_related("producer"))
    assert sorted(order.producer_id for order in orders) == sorted(pick.producer_id for pick in picks)
    expect(page.get_by_text(f"Mã đặt hàng {reference}: {len(picks)} đơn")).to_be_visible()
    for order in orders:
        entry = page.locator("li", has=page.get_by_role("heading", name=order.number))
        expect(entry).to_contain_text(order.producer.name)
        expect(entry).to_contain_text(format_vnd(order.total))
    return {order.producer_id: order.number for order in orders}


def seller_packs_and_ships(page, base: str, producer_id: int, number: str, password: str, shot) -> None:
    owner = ProducerMember.objects.get(producer_id=producer_id, role=ProducerMember.Role.OWNER).user
    national_phone = "0" + owner.phone.removeprefix("+84")

    page.goto(f"{base}/seller/orders/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_label("Số điện thoại hoặc email").fill(national_phone)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()

    expect(page).to_have_url(f"{base}/seller/orders/")
    entry = page.locator(".seller-order", has_text=number)
    expect(entry).to_contain_text("Đã xác nhận")
    expect(entry).to_contain_text(BUYER["name"])
    shot(page, "checkout-05-seller-orders")
    entry.get_by_role("link", name=number).click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(number)
    expect(page.get_by_text("Thu tiền khi giao")).to_be_visible()  # cash on delivery: she collects it
    page.get_by_role("button", name="Đóng gói").click()
    expect(page.get_by_text(f"Đơn {number} đã đóng gói.")).to_be_visible()
    expect(page.locator("h1 .status")).to_have_text("Đã đóng gói")

    page.locator("summary", has_text="Gửi hàng").click()
    page.get_by_label("Đơn vị vận chuyển").fill(CARRIER)
    page.get_by_label("Mã vận đơn").fill(TRACKING.lower())  # typed in lower case, kept in capitals
    shot(page, "checkout-06-seller-ship")
    page.get_by_role("button", name="Xác nhận đã gửi hàng").click()
    expect(page.get_by_text(f"Đơn {number} đã gửi đi.")).to_be_visible()
    expect(page.locator("h1 .status")).to_have_text("Đang giao")
    expect(page.get_by_text(f"{CARRIER} · {TRACKING}")).to_be_visible()
    shot(page, "checkout-07-seller-shipped")


def test_guest_buys_from_two_producers_cash_on_delivery_and_follows_the_shipped_order(
    new_phone_context, storefront, staff_password, shot
):
    base = storefront.url
    picks = picks_from_two_producers()
    buyer = new_phone_context().new_page()

    # Given a guest who puts products of two producers in her cart
    add_to_cart(buyer, base, picks[0], quantity=2, items_after=2)
    shot(buyer, "checkout-01-product")
    add_to_cart(buyer, base, picks[1], quantity=1, items_after=3)
    open_cart_and_go_to_checkout(buyer, base, picks, shot, "checkout-02-cart")

    # When she checks out with cash on delivery
    expect(buyer.get_by_role("radio", name="Chuyển khoản VietQR")).to_be_visible()  # both producers have a bank
    reference = fill_checkout(buyer, "Thanh toán khi nhận hàng", shot, "checkout-03-form")

    # Then she has two orders, one per producer, each with its number
    numbers = expect_one_order_per_producer(buyer, reference, picks)
    expect(buyer.locator(".cart-total")).to_contain_text("Thanh toán khi nhận hàng")
    expect(buyer.locator("[data-cart-count]")).to_have_text("0")
    shot(buyer, "checkout-04-done")
    shipped_producer, shipped_number = picks[0].producer_id, numbers[picks[0].producer_id]
    private_link = buyer.get_by_role("heading", name=shipped_number).get_by_role("link").get_attribute("href")
    assert re.fullmatch(r"/orders/[^/]+/", private_link), private_link

    # When her seller packs the order and ships it with a tracking number
    seller_packs_and_ships(new_phone_context().new_page(), base, shipped_producer, shipped_number, staff_password, shot)

    # Then the buyer, by her private link, sees it on its way with the tracking number
    buyer.goto(base + private_link)
    expect(buyer.get_by_role("heading", level=1)).to_have_text(f"Đơn {shipped_number}")
    expect(buyer.locator("strong.status")).to_have_text("Đang giao")
    expect(buyer.get_by_text(TRACKING)).to_be_visible()
    expect(buyer.get_by_text(CARRIER)).to_be_visible()
    history = buyer.locator(".status-changes li")
    expect(history).to_have_count(3)  # confirmed, packed, shipped
    expect(history.last).to_contain_text("Đang giao")
    expect(buyer.get_by_role("button", name="Huỷ đơn")).to_have_count(0)  # too late to cancel once packed
    shot(buyer, "checkout-08-buyer-sees-shipped")

    # And the other producer's order has not moved
    other_number = numbers[picks[1].producer_id]
    buyer.goto(f"{base}/checkout/{reference}/")
    expect(buyer.locator("li", has=buyer.get_by_role("heading", name=other_number))).to_contain_text("Đã xác nhận")


def test_vietqr_checkout_shows_the_code_and_bank_details(new_phone_context, storefront, shot):
    base = storefront.url
    pick = picks_from_two_producers()[1]
    buyer = new_phone_context().new_page()

    add_to_cart(buyer, base, pick, quantity=1, items_after=1)
    open_cart_and_go_to_checkout(buyer, base, [pick], shot, "checkout-09-vietqr-cart")
    reference = fill_checkout(buyer, "Chuyển khoản VietQR", shot, "checkout-10-vietqr-form")

    order = Checkout.objects.get(reference=reference).orders.select_related("producer").get()
    entry = buyer.locator("li", has=buyer.get_by_role("heading", name=order.number))
    expect(entry).to_contain_text("Chờ thanh toán")
    shot(buyer, "checkout-11-vietqr-done")
    entry.get_by_role("link", name="Xem đơn và mã QR chuyển khoản").click()

    expect(buyer).to_have_url(f"{base}{order.get_absolute_url()}")
    qr = buyer.locator("svg", has=buyer.locator("title", has_text="Mã VietQR"))
    expect(qr).to_be_visible()
    box = qr.bounding_box()
    assert 120 <= box["width"] <= 360 - 2 * 8, f"the QR is {box['width']} px wide on a 360 px screen"
    details = buyer.locator("section", has=buyer.get_by_role("heading", name="Chuyển khoản bằng VietQR"))
    expect(details).to_contain_text(order.producer.bank_account_number)
    expect(details).to_contain_text(format_vnd(order.total))
    expect(details).to_contain_text(order.number)
    shot(buyer, "checkout-12-vietqr-order")


def test_cart_and_cash_on_delivery_checkout_work_without_javascript(new_phone_context, storefront, shot):
    base = storefront.url
    picks = picks_from_two_producers()
    buyer = new_phone_context(java_script_enabled=False).new_page()

    add_to_cart(buyer, base, picks[0], quantity=1, items_after=1)
    add_to_cart(buyer, base, picks[1], quantity=2, items_after=3)
    open_cart_and_go_to_checkout(buyer, base, picks, shot, "checkout-13-nojs-cart")
    reference = fill_checkout(buyer, "Thanh toán khi nhận hàng", shot, "checkout-14-nojs-form")

    expect_one_order_per_producer(buyer, reference, picks)
    shot(buyer, "checkout-15-nojs-done")
