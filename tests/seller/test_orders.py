"""The seller's orders: the list and its filters, the order page's actions, the packing slip."""

from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.catalogue.models import ProductVariant
from marketplace.orders.models import Order, OrderStatusChange
from tests.factories_orders import order_for
from tests.factories_producers import member_of

S = Order.Status


@pytest.fixture
def variant(product) -> ProductVariant:
    return product.variants.get(name="Chai 500 ml")


@pytest.fixture
def cod_order(shop, variant) -> Order:
    return order_for(shop, variant=variant, quantity=2)


def detail_url(order) -> str:
    return f"/seller/orders/{order.number}/"


def action_url(order, action: str) -> str:
    return f"/seller/orders/{order.number}/actions/{action}/"


def page_text(response) -> str:
    return response.content.decode()


def status_of(order) -> str:
    order.refresh_from_db()
    return order.status


def stock_of(variant) -> int:
    variant.refresh_from_db()
    return variant.stock


# --- The list -------------------------------------------------------------------------------------


def test_the_list_shows_her_orders_only(seller_client, shop, rival, cod_order):
    theirs = order_for(rival)
    page = page_text(seller_client.get("/seller/orders/"))
    assert cod_order.number in page and "Phạm Thị Mai" in page
    assert theirs.number not in page


def test_filter_by_status(seller_client, shop, variant, cod_order):
    packed = order_for(shop, variant=variant, status=S.PACKED)
    page = page_text(seller_client.get("/seller/orders/", {"status": "packed"}))
    assert packed.number in page and cod_order.number not in page


def test_filter_by_dates(seller_client, shop, variant):
    now = timezone.now()
    old = order_for(shop, variant=variant, placed_at=now - timedelta(days=40))
    recent = order_for(shop, variant=variant, placed_at=now - timedelta(days=2))
    since = timezone.localdate() - timedelta(days=10)
    page = page_text(seller_client.get("/seller/orders/", {"date_from": since.isoformat()}))
    assert recent.number in page and old.number not in page
    until = (timezone.localdate() - timedelta(days=30)).strftime("%d/%m/%Y")
    page = page_text(seller_client.get("/seller/orders/", {"date_to": until}))
    assert old.number in page and recent.number not in page


@pytest.mark.parametrize("query", [{"date_from": "abc"}, {"date_to": "2025-13-45"}, {"status": "lost"},
                                   {"date_from": "2025-05-01", "date_to": "2025-01-01"}])
def test_bad_filters_are_reported_and_ignored(seller_client, cod_order, query):
    response = seller_client.get("/seller/orders/", query)
    assert response.status_code == 200
    page = page_text(response)
    assert "bỏ qua" in page
    assert cod_order.number in page  # the bad filter was left out, so the order is still listed


def test_pagination(seller_client, shop, variant):
    orders = [order_for(shop, variant=variant, quantity=1) for _ in range(21)]
    first = page_text(seller_client.get("/seller/orders/"))
    second = page_text(seller_client.get("/seller/orders/", {"page": "2"}))
    assert orders[-1].number in first and orders[0].number not in first
    assert orders[0].number in second and "Trang 2/2" in second
    assert seller_client.get("/seller/orders/", {"page": "abc"}).status_code == 200
    assert seller_client.get("/seller/orders/", {"page": "999"}).status_code == 200


def test_the_dashboard_counts_new_orders_and_orders_to_ship(seller_client, shop, variant, cod_order):
    order_for(shop, variant=variant, status=S.PACKED)
    order_for(shop, variant=variant, status=S.PACKED)
    page = page_text(seller_client.get("/seller/"))
    assert "<strong>1</strong> đơn mới" in page and "<strong>2</strong> cần gửi" in page


# --- The order page -------------------------------------------------------------------------------


def test_the_order_page_shows_lines_buyer_address_and_buttons(seller_client, cod_order):
    page = page_text(seller_client.get(detail_url(cod_order)))
    assert "Mật ong hoa nhãn" in page and "Chai 500 ml" in page
    assert "Phạm Thị Mai" in page and "0912 000 111" in page and "12 Hàng Bạc" in page
    assert cod_order.checkout.ward_name in page and "Hà Nội" in page
    assert "Gọi trước khi giao" in page
    assert "330.000" in page  # 2 × 150.000 + 30.000
    assert "Đóng gói" in page and "Huỷ đơn" in page
    assert "Gửi hàng" not in page and "Hoàn tiền" not in page and "Đã nhận chuyển khoản" not in page


def test_pack_ship_deliver(seller_client, cod_order, owner):
    seller_client.post(action_url(cod_order, "pack"))
    assert status_of(cod_order) == S.PACKED
    response = seller_client.post(action_url(cod_order, "ship"),
                                  {"carrier": "Viettel Post", "tracking_number": "vtp123456789"}, follow=True)
    assert "đã gửi đi" in page_text(response)
    cod_order.refresh_from_db()
    assert cod_order.status == S.SHIPPED and (cod_order.carrier, cod_order.tracking_number) == (
        "Viettel Post", "VTP123456789")
    seller_client.post(action_url(cod_order, "deliver"))
    cod_order.refresh_from_db()
    assert cod_order.status == S.DELIVERED and cod_order.payment_status == Order.PaymentStatus.PAID
    change = cod_order.status_changes.last()
    assert (change.role, change.actor) == ("seller", owner)
    timeline = page_text(seller_client.get(detail_url(cod_order)))
    assert "Đã đóng gói" in timeline and "Đang giao" in timeline and "Người bán" in timeline


def test_a_move_that_makes_no_sense_is_refused(seller_client, cod_order):
    response = seller_client.post(action_url(cod_order, "deliver"), follow=True)
    assert "Không thể chuyển đơn" in page_text(response)
    assert status_of(cod_order) == S.CONFIRMED


def test_an_unknown_action_is_404_and_get_changes_nothing(seller_client, cod_order):
    assert seller_client.post(action_url(cod_order, "explode")).status_code == 404
    assert seller_client.get(action_url(cod_order, "pack")).status_code == 302
    assert status_of(cod_order) == S.CONFIRMED


@pytest.mark.parametrize(("data", "message"), [
    ({"carrier": "GHN"}, "Hãy ghi mã vận đơn"),
    ({"carrier": "GHN", "tracking_number": "   "}, "Hãy ghi mã vận đơn"),
    ({"carrier": "x" * 5000, "tracking_number": "GHN1"}, "Dài quá: tối đa 80 ký tự"),
    ({"carrier": "GHN", "tracking_number": "<script>"}, "Mã vận đơn chỉ gồm"),
    ({"tracking_number": "GHN1"}, "Hãy ghi đơn vị vận chuyển"),
])
def test_shipping_needs_a_carrier_and_a_tracking_number(seller_client, shop, variant, data, message):
    order = order_for(shop, variant=variant, status=S.PACKED)
    response = seller_client.post(action_url(order, "ship"), data)
    assert response.status_code == 200
    assert message in page_text(response)
    order.refresh_from_db()
    assert order.status == S.PACKED and order.tracking_number == ""


def test_cancel_with_a_reason_puts_the_stock_back(seller_client, cod_order, variant):
    before = stock_of(variant)
    seller_client.post(action_url(cod_order, "cancel"), {"reason": "Hết mật ong vụ này"})
    assert status_of(cod_order) == S.CANCELLED
    assert stock_of(variant) == before + 2
    assert cod_order.status_changes.last().reason == "Hết mật ong vụ này"


@pytest.mark.parametrize("reason", ["", "   "])
def test_cancel_without_a_reason_is_refused(seller_client, cod_order, variant, reason):
    before = stock_of(variant)
    response = seller_client.post(action_url(cod_order, "cancel"), {"reason": reason})
    assert "Hãy cho người mua biết lý do huỷ đơn." in page_text(response)
    assert status_of(cod_order) == S.CONFIRMED and stock_of(variant) == before


def test_a_paid_order_cannot_be_cancelled(seller_client, shop, variant):
    order = order_for(shop, variant=variant, payment_method="vietqr", payment_status=Order.PaymentStatus.PAID)
    response = seller_client.post(action_url(order, "cancel"), {"reason": "Hết hàng"}, follow=True)
    assert "hãy hoàn tiền thay vì huỷ" in page_text(response)
    assert status_of(order) == S.CONFIRMED


# --- Payments: VietQR received, refunds ------------------------------------------------------------


def test_the_seller_confirms_a_vietqr_transfer(seller_client, shop, variant):
    order = order_for(shop, variant=variant, status=S.PENDING_PAYMENT, payment_method="vietqr")
    assert "Đã nhận chuyển khoản" in page_text(seller_client.get(detail_url(order)))
    response = seller_client.post(action_url(order, "paid"), follow=True)
    assert "Đã ghi nhận chuyển khoản" in page_text(response)
    order.refresh_from_db()
    assert (order.status, order.payment_status) == (S.CONFIRMED, Order.PaymentStatus.PAID)


def test_confirming_a_transfer_of_a_cash_order_is_refused(seller_client, cod_order):
    response = seller_client.post(action_url(cod_order, "paid"), follow=True)
    assert "Chỉ đơn chuyển khoản VietQR" in page_text(response)
    cod_order.refresh_from_db()
    assert cod_order.payment_status == Order.PaymentStatus.UNPAID


@pytest.fixture
def delivered_vietqr_order(shop, variant) -> Order:
    return order_for(shop, variant=variant, status=S.DELIVERED, payment_method="vietqr",
                     payment_status=Order.PaymentStatus.PAID)


def test_refund_of_a_bank_transfer_is_recorded_with_restock(seller_client, delivered_vietqr_order, variant):
    order = delivered_vietqr_order
    before = stock_of(variant)
    page = page_text(seller_client.get(detail_url(order)))
    assert "Hoàn tiền" in page and "Huỷ đơn" not in page
    response = seller_client.post(action_url(order, "refund"), {"amount": "330.000", "reason": "Hàng vỡ",
                                                               "restock": "on"}, follow=True)
    assert "Đã ghi nhận hoàn tiền" in page_text(response)
    order.refresh_from_db()
    assert (order.status, order.payment_status) == (S.REFUNDED, Order.PaymentStatus.REFUNDED)
    assert stock_of(variant) == before + 2
    change = order.status_changes.last()
    assert change.role == OrderStatusChange.Role.SELLER and "330.000" in change.reason and "Hàng vỡ" in change.reason


def test_refund_without_restock_keeps_the_stock(seller_client, delivered_vietqr_order, variant):
    before = stock_of(variant)
    seller_client.post(action_url(delivered_vietqr_order, "refund"), {"amount": "330000", "reason": "Giao chậm"})
    assert status_of(delivered_vietqr_order) == S.REFUNDED
    assert stock_of(variant) == before


@pytest.mark.parametrize(("amount", "message"), [
    ("0", "Số tiền hoàn phải lớn hơn 0"),
    ("330001", "không thể lớn hơn tổng đơn"),
    ("abc", "Hãy nhập số tiền bằng chữ số"),
    ("", "Hãy ghi số tiền hoàn"),
    ("-5", "Hãy nhập số tiền bằng chữ số"),
    ("9" * 19, "không thể lớn hơn tổng đơn"),
    ("9" * 25, "Dài quá"),
])
def test_bad_refund_amounts_are_refused(seller_client, delivered_vietqr_order, amount, message):
    response = seller_client.post(action_url(delivered_vietqr_order, "refund"), {"amount": amount, "reason": "x"})
    assert response.status_code == 200
    assert message in page_text(response)
    delivered_vietqr_order.refresh_from_db()
    assert delivered_vietqr_order.status == S.DELIVERED
    assert delivered_vietqr_order.payment_status == Order.PaymentStatus.PAID


def test_refund_needs_a_reason(seller_client, delivered_vietqr_order):
    response = seller_client.post(action_url(delivered_vietqr_order, "refund"), {"amount": "1000", "reason": " "})
    assert "Hãy ghi lý do hoàn tiền." in page_text(response)
    assert status_of(delivered_vietqr_order) == S.DELIVERED


def test_an_unpaid_order_cannot_be_refunded(seller_client, cod_order):
    response = seller_client.post(action_url(cod_order, "refund"), {"amount": "1000", "reason": "x"}, follow=True)
    assert "không thể hoàn tiền" in page_text(response)
    assert status_of(cod_order) == S.CONFIRMED


# --- The packing slip ------------------------------------------------------------------------------


def test_the_packing_slip_of_a_cash_order_shows_what_to_collect(seller_client, shop, cod_order):
    response = seller_client.get(f"/seller/orders/{cod_order.number}/slip/")
    page = page_text(response)
    assert response.status_code == 200 and "@media print" in page
    assert shop.name in page and cod_order.number in page
    assert "Phạm Thị Mai" in page and "0912 000 111" in page and "12 Hàng Bạc" in page
    assert "Mật ong hoa nhãn" in page and "Thu hộ (COD)" in page and "330.000" in page


def test_the_packing_slip_of_a_paid_order_collects_nothing(seller_client, delivered_vietqr_order):
    page = page_text(seller_client.get(f"/seller/orders/{delivered_vietqr_order.number}/slip/"))
    assert "Thu hộ" not in page and "không thu tiền" in page


# --- A sold variant is not deleted from the product form -------------------------------------------


def test_deleting_a_sold_variant_is_refused(seller_client, product, variant, cod_order):
    other = product.variants.get(name="Chai 1 lít")
    data = {
        "name": product.name, "category": product.category_id, "unit": "chai", "description": "Mật ong",
        "status": product.status,
        "variants-TOTAL_FORMS": "2", "variants-INITIAL_FORMS": "2", "variants-MIN_NUM_FORMS": "1",
        "variants-MAX_NUM_FORMS": "20",
        "variants-0-id": variant.pk, "variants-0-name": variant.name, "variants-0-price": variant.price,
        "variants-0-weight_grams": "0", "variants-0-DELETE": "on",
        "variants-1-id": other.pk, "variants-1-name": other.name, "variants-1-price": other.price,
        "variants-1-weight_grams": "0",
    }
    response = seller_client.post(f"/seller/products/{product.pk}/", data)
    assert response.status_code == 200
    assert "Không thể xoá phân loại đã có người đặt mua (Chai 500 ml)" in page_text(response)
    assert ProductVariant.objects.filter(pk=variant.pk).exists()


# --- Card refunds go through the Stripe module (its real SDK against the local stub) ---------------


def test_a_card_order_is_refunded_through_stripe_from_the_seller_centre(db, client, settings):
    from tests.payments.card_helpers import card_checkout, pay, variant
    from tests.payments.stripe_stub import stripe_stub_running

    with stripe_stub_running(settings) as stub:
        checkout = card_checkout((variant(price=100_000, stock=10), 2))
        pay(client, checkout)
        order = checkout.orders.get()
        seller = member_of(order.producer, username="ban-the")
        client.force_login(seller)
        response = client.post(action_url(order, "refund"), {"amount": "50.000", "reason": "Thiếu hàng"},
                                follow=True)
        assert "Đã ghi nhận hoàn tiền" in page_text(response)
        [sent] = stub.posts("/v1/refunds")
        assert sent.form["amount"] == "50000"
    order.refresh_from_db()
    assert (order.status, order.payment_status) == (S.CONFIRMED, Order.PaymentStatus.PARTIALLY_REFUNDED)


def test_a_card_refund_refused_by_the_gateway_changes_nothing(client, settings, shop, owner, variant):
    settings.STRIPE_SECRET_KEY = ""
    order = order_for(shop, variant=variant, payment_method="card", payment_status=Order.PaymentStatus.PAID)
    client.force_login(owner)
    response = client.post(action_url(order, "refund"), {"amount": "1000", "reason": "x"}, follow=True)
    assert "Chưa cấu hình cổng thanh toán thẻ" in page_text(response)
    order.refresh_from_db()
    assert (order.status, order.payment_status) == (S.CONFIRMED, Order.PaymentStatus.PAID)
