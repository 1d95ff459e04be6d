"""GHN's tracking callback: moves the order forward only, once, whatever the replays and the order."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.urls import reverse

from marketplace.delivery.models import ReturnedParcelRecord, Shipment, TrackingEvent
from marketplace.delivery.returned_parcels import returned_parcel_count
from marketplace.ledger.models import LedgerTransaction
from marketplace.orders.models import Order
from tests.delivery.ghn_stub import callback, post_callback

pytestmark = pytest.mark.django_db
T0 = datetime(2026, 12, 5, 2, 0, tzinfo=UTC)


@pytest.fixture
def shipped(seller_client, ghn, cod_order):
    seller_client.post(reverse("seller:order_ghn", args=[cod_order.number]))
    cod_order.refresh_from_db()
    return cod_order, Shipment.objects.get()


def test_delivering_keeps_the_order_shipped(client, shipped):
    order, shipment = shipped
    response = post_callback(client, callback(shipment.waybill, "delivering", time=T0))
    assert response.status_code == 200 and response.json()["outcome"] == "recorded"
    order.refresh_from_db()
    shipment.refresh_from_db()
    assert order.status == Order.Status.SHIPPED and shipment.status == "delivering"


def test_delivered_delivers_and_records_cod_collected(client, shipped):
    order, shipment = shipped
    response = post_callback(client, callback(shipment.waybill, "delivered", time=T0, cod_amount=order.total))
    assert response.json()["outcome"] == "delivered"
    order.refresh_from_db()
    assert order.status == Order.Status.DELIVERED and order.delivered_at is not None
    assert order.payment_status == Order.PaymentStatus.PAID
    assert order.status_changes.filter(to_status="delivered", role="system").count() == 1
    # GHN collected the cash for the marketplace: the ledger says so, once
    collected = LedgerTransaction.objects.filter(order=order, kind=LedgerTransaction.Kind.COD_COLLECTED)
    assert collected.count() == 1


def test_replayed_five_times_changes_once(client, shipped):
    order, shipment = shipped
    for _ in range(5):
        assert post_callback(client, callback(shipment.waybill, "delivered", time=T0)).status_code == 200
    assert TrackingEvent.objects.filter(status="delivered").count() == 1
    assert order.status_changes.filter(to_status="delivered").count() == 1
    assert LedgerTransaction.objects.filter(order=order, kind=LedgerTransaction.Kind.COD_COLLECTED).count() == 1


def test_out_of_order_never_moves_back(client, shipped):
    order, shipment = shipped
    post_callback(client, callback(shipment.waybill, "delivered", time=T0))
    post_callback(client, callback(shipment.waybill, "delivering", time=T0 - timedelta(hours=3)))
    post_callback(client, callback(shipment.waybill, "returned", time=T0 + timedelta(hours=1)))
    order.refresh_from_db()
    shipment.refresh_from_db()
    assert order.status == Order.Status.DELIVERED
    assert shipment.status == "delivered"
    assert TrackingEvent.objects.count() == 3  # all kept as received


def test_returned_cod_releases_stock_once_and_counts_against_the_phone(
    client, shipped, honey, django_capture_on_commit_callbacks
):
    order, shipment = shipped
    assert Order.objects.get(pk=order.pk).stock_released_at is None
    with django_capture_on_commit_callbacks(execute=True):
        for status, hours in (("return", 0), ("returning", 1), ("returned", 2), ("returned", 2), ("return", 0)):
            post_callback(client, callback(shipment.waybill, status, time=T0 + timedelta(hours=hours)))
    order.refresh_from_db()
    honey.refresh_from_db()
    assert order.status == Order.Status.RETURNED and order.get_status_display() == "Hoàn hàng"
    assert honey.stock == 10  # 8 + the 2 that came back, once
    assert order.payment_status == Order.PaymentStatus.UNPAID
    assert returned_parcel_count(order.producer_id, order.checkout.phone) == 1
    assert ReturnedParcelRecord.objects.get().phone_key != order.checkout.phone  # kept as an HMAC only
    assert [message.subject for message in mail.outbox].count(f"Đơn {order.number} bị hoàn hàng") == 2  # buyer, seller


def test_unknown_waybill_is_stored_and_answered_200(client, shipped):
    response = post_callback(client, callback("GHNNOPE", "delivered", time=T0))
    assert response.status_code == 200 and response.json()["outcome"] == "unknown waybill"
    event = TrackingEvent.objects.get(waybill="GHNNOPE")
    assert event.shipment is None and event.raw["Status"] == "delivered"


def test_forged_secret_is_403_and_changes_nothing(client, shipped):
    order, shipment = shipped
    response = post_callback(client, callback(shipment.waybill, "delivered", time=T0), secret="guessed-secret")
    assert response.status_code == 403
    assert not TrackingEvent.objects.exists()
    assert Order.objects.get(pk=order.pk).status == Order.Status.SHIPPED


def test_other_shop_is_403(client, shipped):
    _order, shipment = shipped
    response = post_callback(client, callback(shipment.waybill, "delivered", time=T0, shop_id="999"))
    assert response.status_code == 403
    assert not TrackingEvent.objects.exists()


@pytest.mark.parametrize("body", [b"not json", b"[]", b'{"OrderCode": "X"}',
                                  b'{"OrderCode": "X", "Status": "delivered", "Time": "yesterday"}',
                                  b'{"OrderCode": 5, "Status": "delivered", "Time": "2026-12-05T02:00:00Z"}'])
def test_bad_bodies_are_400(client, ghn, body):
    from tests.delivery.ghn_stub import WEBHOOK_SECRET

    response = client.post(f"/delivery/ghn/webhook/{WEBHOOK_SECRET}/", data=body, content_type="application/json")
    assert response.status_code == 400
    assert not TrackingEvent.objects.exists()


def test_other_callback_types_are_ignored(client, shipped):
    _order, shipment = shipped
    response = post_callback(client, callback(shipment.waybill, "delivered", time=T0, type="Update_weight"))
    assert response.json()["outcome"] == "ignored"
    assert not TrackingEvent.objects.exists()


def test_switched_off_webhook_is_404(client, settings):
    settings.GHN_API_URL = settings.GHN_TOKEN = settings.GHN_SHOP_ID = settings.GHN_WEBHOOK_SECRET = ""
    response = post_callback(client, callback("GHN1", "delivered", time=T0), secret="")
    assert response.status_code == 404
    response = client.post("/delivery/ghn/webhook/anything/", data="{}", content_type="application/json")
    assert response.status_code == 404


def test_get_is_refused(client, ghn):
    from tests.delivery.ghn_stub import WEBHOOK_SECRET

    assert client.get(f"/delivery/ghn/webhook/{WEBHOOK_SECRET}/").status_code == 405


def test_returned_card_order_is_not_counted_and_can_be_refunded(client, seller_client, ghn, shop, honey):
    from marketplace.orders.transitions import order_transition
    from tests.factories_orders import order_for

    order = order_for(shop, variant=honey, status=Order.Status.PACKED, payment_method="card",
                      payment_status=Order.PaymentStatus.PAID)
    seller_client.post(reverse("seller:order_ghn", args=[order.number]))
    shipment = Shipment.objects.get(order=order)
    post_callback(client, callback(shipment.waybill, "returned", time=T0))
    order.refresh_from_db()
    assert order.status == Order.Status.RETURNED and order.stock_released_at is not None
    assert not ReturnedParcelRecord.objects.exists()  # paid already: nothing refused at the door
    stock = honey.__class__.objects.get(pk=honey.pk).stock
    order_transition(order=order, to_status=Order.Status.REFUNDED, actor=None, role="staff", restock=True)
    assert honey.__class__.objects.get(pk=honey.pk).stock == stock  # released once only


def test_buyer_cannot_mark_returned(cod_order):
    from marketplace.orders.errors import OrderError
    from marketplace.orders.transitions import order_transition

    Order.objects.filter(pk=cod_order.pk).update(status=Order.Status.SHIPPED)
    cod_order.refresh_from_db()
    with pytest.raises(OrderError):
        order_transition(order=cod_order, to_status=Order.Status.RETURNED, actor=None, role="buyer")


def test_buyer_page_of_a_returned_order(client, shipped):
    order, shipment = shipped
    post_callback(client, callback(shipment.waybill, "returned", time=T0))
    page = client.get(order.get_absolute_url()).content.decode()
    assert "Hoàn hàng" in page and "đã chuyển hàng trả lại người bán" in page
    assert "Thanh toán khi nhận hàng:" not in page


def test_delivered_card_order_posts_no_cod(client, seller_client, ghn, shop, honey):
    from tests.factories_orders import order_for

    order = order_for(shop, variant=honey, status=Order.Status.PACKED, payment_method="card",
                      payment_status=Order.PaymentStatus.PAID)
    seller_client.post(reverse("seller:order_ghn", args=[order.number]))
    post_callback(client, callback(Shipment.objects.get(order=order).waybill, "delivered", time=T0))
    assert Order.objects.get(pk=order.pk).status == Order.Status.DELIVERED
    assert not LedgerTransaction.objects.filter(kind=LedgerTransaction.Kind.COD_COLLECTED).exists()
