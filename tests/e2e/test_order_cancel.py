"""A buyer cancels her order from its private page in a real browser, as a guest and signed in, with and
without JavaScript. (The page once told the browser to send no referrer, so the browser posted
`Origin: null` and Django's CSRF check answered 403 to every button there.)"""

import re

import pytest
from playwright.sync_api import expect

from marketplace.orders.models import Checkout, Order
from producers.models import ProducerMember
from tests.e2e.test_checkout_journey import add_to_cart, fill_checkout, picks_from_two_producers

pytestmark = pytest.mark.e2e


def order_one_item(page, base: str, pick, shot, name: str) -> Order:
    add_to_cart(page, base, pick, quantity=1, items_after=1)
    page.goto(f"{base}/checkout/")
    reference = fill_checkout(page, "Thanh toán khi nhận hàng", shot, name)
    return Checkout.objects.get(reference=reference).orders.get()


def cancel_from_its_page(page, base: str, order: Order, shot, name: str) -> None:
    page.goto(base + order.get_absolute_url())
    page.get_by_text("Huỷ đơn này").click()  # tucked away under the order's main actions
    page.get_by_label(re.compile("Lý do")).fill("Tôi đặt nhầm")
    with page.expect_response(re.compile(r"/cancel/$")) as posted:
        page.get_by_role("button", name="Huỷ đơn").click()
    assert posted.value.status != 403
    expect(page.locator("main")).to_contain_text(f"Đã huỷ đơn {order.number}")
    shot(page, name)
    order.refresh_from_db()
    assert order.status == Order.Status.CANCELLED


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_guest_cancels_her_order_from_its_private_page(new_phone_context, storefront, shot, javascript):
    buyer = new_phone_context(java_script_enabled=javascript).new_page()
    order = order_one_item(buyer, storefront.url, picks_from_two_producers()[0], shot, "cancel-01-guest-form")

    cancel_from_its_page(buyer, storefront.url, order, shot, f"cancel-02-guest-cancelled-{javascript}")


def test_a_signed_in_buyer_cancels_her_order_from_its_page(new_phone_context, storefront, shot, staff_password):
    base = storefront.url
    pick = picks_from_two_producers()[0]
    # Any account buys; the owner of another producer is one the demo has with a known password.
    account = ProducerMember.objects.exclude(producer_id=pick.producer_id).filter(
        role=ProducerMember.Role.OWNER).select_related("user").first().user
    buyer = new_phone_context().new_page()
    buyer.goto(f"{base}/accounts/login/")
    buyer.get_by_label("Số điện thoại hoặc email").fill("0" + account.phone.removeprefix("+84"))
    buyer.get_by_label("Mật khẩu").fill(staff_password)
    buyer.get_by_role("button", name="Đăng nhập").click()
    buyer.get_by_role("link", name="Tài khoản").click()
    expect(buyer.get_by_role("button", name="Đăng xuất")).to_be_visible()

    order = order_one_item(buyer, base, pick, shot, "cancel-03-account-form")

    assert order.checkout.buyer_id == account.pk
    cancel_from_its_page(buyer, base, order, shot, "cancel-04-account-cancelled")
