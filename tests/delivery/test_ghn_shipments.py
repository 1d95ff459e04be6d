"""The seller ships an order through GHN: quote, waybill (once), label, GHN's errors, GHN switched off."""

import pytest
from django.urls import reverse

from marketplace.delivery.models import Shipment
from marketplace.orders.models import Order, OrderStatusChange
from tests.delivery.ghn_stub import FEE, SHOP_ID, TOKEN

pytestmark = pytest.mark.django_db


def test_quote_shows_fee_cod_and_weight(seller_client, ghn, cod_order):
    response = seller_client.get(reverse("seller:order_ghn", args=[cod_order.number]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "32.500" in page and "1400 g" in page
    assert f"{cod_order.total:,}".replace(",", ".") in page  # COD = the order's total, unpaid cash order
    [quote] = ghn.posts("/shipping-order/fee")
    assert (quote.token, quote.shop_id) == (TOKEN, SHOP_ID)
    assert quote.body["weight"] == 1400 and quote.body["cod_value"] == cod_order.total
    assert quote.body["to_province_name"] == cod_order.checkout.province_name
    assert quote.body["to_ward_name"]
    assert not Shipment.objects.exists()


def test_create_ships_the_order_once_even_on_double_submit(seller_client, ghn, cod_order):
    url = reverse("seller:order_ghn", args=[cod_order.number])
    first = seller_client.post(url)
    second = seller_client.post(url)
    assert first.status_code == second.status_code == 302
    shipment = Shipment.objects.get()
    assert len(ghn.posts("/shipping-order/create")) == 1
    cod_order.refresh_from_db()
    assert cod_order.status == Order.Status.SHIPPED
    assert (cod_order.carrier, cod_order.tracking_number) == ("GHN", shipment.waybill)
    assert (shipment.fee, shipment.cod_amount, shipment.weight_grams) == (FEE, cod_order.total, 1400)
    body = ghn.posts("/shipping-order/create")[0].body
    assert body["client_order_code"] == cod_order.number and body["to_phone"] == "0912000111"
    assert body["cod_amount"] == cod_order.total and body["payment_type_id"] == 1
    assert OrderStatusChange.objects.filter(order=cod_order, to_status="shipped").count() == 1
    page = seller_client.get(reverse("seller:order_detail", args=[cod_order.number])).content.decode()
    assert "đã có vận đơn GHN" in page and shipment.waybill in page and "In phiếu gửi hàng" in page


def test_confirmed_order_goes_through_packed(seller_client, ghn, shop, honey):
    from tests.factories_orders import order_for

    order = order_for(shop, variant=honey, status=Order.Status.CONFIRMED, payment_method="card",
                      payment_status=Order.PaymentStatus.PAID)
    seller_client.post(reverse("seller:order_ghn", args=[order.number]))
    order.refresh_from_db()
    assert order.status == Order.Status.SHIPPED
    assert list(order.status_changes.order_by("pk").values_list("to_status", flat=True))[-2:] == ["packed", "shipped"]
    assert Shipment.objects.get().cod_amount == 0  # paid by card: nothing to collect


def test_ghn_error_is_shown_in_vietnamese_and_nothing_changes(seller_client, ghn, cod_order):
    ghn.fail_next("Số điện thoại người nhận không hợp lệ")
    response = seller_client.post(reverse("seller:order_ghn", args=[cod_order.number]), follow=True)
    page = response.content.decode()
    assert "GHN từ chối yêu cầu: Số điện thoại người nhận không hợp lệ" in page
    cod_order.refresh_from_db()
    assert cod_order.status == Order.Status.PACKED and not cod_order.tracking_number
    assert not Shipment.objects.exists()


def test_ghn_unreachable_is_a_clear_message(seller_client, settings, cod_order):
    settings.GHN_API_URL, settings.GHN_TOKEN, settings.GHN_SHOP_ID = "http://127.0.0.1:9", "t", "1"
    settings.GHN_WEBHOOK_SECRET = "s"
    response = seller_client.post(reverse("seller:order_ghn", args=[cod_order.number]), follow=True)
    assert "Không kết nối được GHN" in response.content.decode()
    assert not Shipment.objects.exists()


def test_label_redirects_to_ghn_print_page(seller_client, ghn, cod_order):
    seller_client.post(reverse("seller:order_ghn", args=[cod_order.number]))
    waybill = Shipment.objects.get().waybill
    response = seller_client.get(reverse("seller:order_ghn_label", args=[cod_order.number]))
    assert response.status_code == 302
    assert response["Location"] == f"http://127.0.0.1:{ghn.port}/a5/public-api/printA5?token=print-{waybill}"
    assert ghn.posts("/a5/gen-token")[0].body == {"order_codes": [waybill]}


def test_label_without_shipment_says_so(seller_client, ghn, cod_order):
    response = seller_client.get(reverse("seller:order_ghn_label", args=[cod_order.number]), follow=True)
    assert "chưa có vận đơn GHN" in response.content.decode()


@pytest.mark.parametrize("status", [Order.Status.PENDING_PAYMENT, Order.Status.DELIVERED, Order.Status.CANCELLED])
def test_orders_not_ready_get_no_waybill(seller_client, ghn, shop, honey, status):
    from tests.factories_orders import order_for

    order = order_for(shop, variant=honey, status=status)
    response = seller_client.post(reverse("seller:order_ghn", args=[order.number]), follow=True)
    assert "Chỉ tạo vận đơn cho đơn đã xác nhận hoặc đã đóng gói." in response.content.decode()
    assert not ghn.posts("/shipping-order/create") and not Shipment.objects.exists()


def test_pickup_order_needs_no_waybill(seller_client, ghn, cod_order):
    cod_order.checkout.pickup = True
    cod_order.checkout.save(update_fields=["pickup"])
    response = seller_client.get(reverse("seller:order_ghn", args=[cod_order.number]), follow=True)
    assert "nhận tại cơ sở nên không cần vận đơn" in response.content.decode()
    assert not ghn.requests


def test_without_settings_only_the_manual_form(seller_client, settings, cod_order):
    settings.GHN_API_URL = settings.GHN_TOKEN = settings.GHN_SHOP_ID = settings.GHN_WEBHOOK_SECRET = ""
    page = seller_client.get(reverse("seller:order_detail", args=[cod_order.number])).content.decode()
    assert "Tạo vận đơn GHN" not in page
    assert 'name="carrier"' in page and 'name="tracking_number"' in page
    response = seller_client.post(reverse("seller:order_ghn", args=[cod_order.number]), follow=True)
    assert "Chưa bật giao hàng qua GHN" in response.content.decode()
    assert not Shipment.objects.exists()
    # and the hand-typed way still ships it
    seller_client.post(reverse("seller:order_action", args=[cod_order.number, "ship"]),
                       {"carrier": "Viettel Post", "tracking_number": "VTP123"})
    cod_order.refresh_from_db()
    assert (cod_order.status, cod_order.carrier) == (Order.Status.SHIPPED, "Viettel Post")


def test_rival_cannot_create_or_print(client, ghn, rival_owner, cod_order):
    client.force_login(rival_owner)
    for name in ("seller:order_ghn", "seller:order_ghn_label"):
        assert client.post(reverse(name, args=[cod_order.number])).status_code == 404
        assert client.get(reverse(name, args=[cod_order.number])).status_code == 404
    assert not ghn.requests and not Shipment.objects.exists()


def test_buyer_page_shows_carrier_and_tracking_link(client, seller_client, ghn, cod_order):
    seller_client.post(reverse("seller:order_ghn", args=[cod_order.number]))
    waybill = Shipment.objects.get().waybill
    page = client.get(cod_order.get_absolute_url()).content.decode()
    assert f'href="https://donhang.ghn.vn/?order_code={waybill}"' in page
    assert "Đang giao" in page and "GHN" in page


def test_ghn_order_is_not_delivered_by_hand(seller_client, ghn, cod_order):
    seller_client.post(reverse("seller:order_ghn", args=[cod_order.number]))
    page = seller_client.get(reverse("seller:order_detail", args=[cod_order.number])).content.decode()
    assert reverse("seller:order_action", args=[cod_order.number, "deliver"]) not in page
    response = seller_client.post(reverse("seller:order_action", args=[cod_order.number, "deliver"]), follow=True)
    assert "tự chuyển sang “Đã giao” khi GHN báo" in response.content.decode()
    assert Order.objects.get(pk=cod_order.pk).status == Order.Status.SHIPPED
