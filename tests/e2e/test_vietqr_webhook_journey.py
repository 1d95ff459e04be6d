"""Issue #13, VietQR paid automatically: the buyer keeps her order page open, the (stub) bank reports the
transfer through the signed SePay webhook, and the page turns paid by itself."""

import pytest
from playwright.sync_api import expect

from marketplace.catalogue.models import ProductVariant
from marketplace.catalogue.selectors import products_visible
from marketplace.orders.models import Checkout, Order
from tests.e2e.test_checkout_journey import fill_checkout
from tests.payments.bank_stub import SECRET, post_live, transfer

pytestmark = pytest.mark.e2e


def a_variant_payable_by_vietqr() -> ProductVariant:
    variant = (
        ProductVariant.objects.filter(product__in=products_visible(), stock__gt=5)
        .exclude(product__producer__bank_account_number="").exclude(product__producer__bank_bin="")
        .select_related("product__producer").order_by("product_id", "id").first()
    )
    if variant is None:
        pytest.fail("the demo data has no producer with a bank account and a product in stock")
    return variant


def test_a_buyer_pays_by_vietqr_and_her_open_order_page_turns_paid(new_phone_context, storefront, settings, shot):
    settings.BANK_WEBHOOK_PROVIDER, settings.SEPAY_WEBHOOK_SECRET = "sepay", SECRET
    variant = a_variant_payable_by_vietqr()
    page = new_phone_context().new_page()

    page.goto(f"{storefront.url}{variant.product.get_absolute_url()}?variant={variant.pk}")
    page.locator(".buy-bar").get_by_role("button", name="Mua ngay").click()
    reference = fill_checkout(page, "Chuyển khoản VietQR", shot, "vietqr-01-checkout")
    order = Checkout.objects.get(reference=reference).orders.get()
    page.goto(storefront.url + order.get_absolute_url())
    expect(page.get_by_role("img", name="Mã VietQR")).to_be_visible()
    expect(page.locator("main")).to_contain_text("đơn tự chuyển sang")
    shot(page, "vietqr-02-waiting")

    status, answer = post_live(storefront.url, transfer(
        content=f"{order.number} chuyen tien", amount=order.total,
        account=variant.product.producer.bank_account_number,
    ))

    assert status == 200, answer
    expect(page.locator(".status")).to_have_text("Đã xác nhận", timeout=15_000)  # no reload by hand
    expect(page.locator("main")).to_contain_text("Đã thanh toán")
    shot(page, "vietqr-03-paid")
    order.refresh_from_db()
    assert order.status == Order.Status.CONFIRMED and order.payment_status == Order.PaymentStatus.PAID
