"""Issue #13, delivery and money: a buyer orders cash on delivery from her phone; the seller, on hers,
creates the GHN waybill from the order page (stub GHN); the stub carrier reports the parcel delivered
through the tracking webhook; the buyer's page says "Đã giao" with the tracking link, and the seller's
statement shows what the marketplace now owes her (GHN collected the cash for the marketplace).

(The in-app notices and Zalo/SMS go out after the commit, which the shared-connection live server
never reaches; tests/notifications proves them.)"""

import json
import urllib.request

import pytest
from playwright.sync_api import expect

from marketplace.accounts.phone import normalise_phone
from marketplace.core.money import format_vnd
from marketplace.delivery.models import Shipment
from marketplace.orders.models import Checkout, Order
from producers.models import ProducerMember
from tests.delivery.ghn_stub import SHOP_ID, WEBHOOK_SECRET, callback, ghn_stub_running
from tests.e2e.test_checkout_journey import fill_checkout
from tests.e2e.test_producer_onboarding import unused_phone
from tests.e2e.test_seller_phone_form_journey import logs_in
from tests.factories import ProducerFactory, ProductFactory
from tests.factories_producers import member_of

pytestmark = pytest.mark.e2e


@pytest.fixture
def phone_only_seller(storefront):
    producer = ProducerFactory(name="HTX Chè Tân Cương Hà Thu", slug="htx-che-tan-cuong-ha-thu-e2e")
    phone = unused_phone()
    member_of(producer, role=ProducerMember.Role.OWNER, username="che-ha-thu-e2e", phone=normalise_phone(phone),
              first_name="Hà Thị Thu", email="")
    product = ProductFactory(producer=producer, name="Chè búp Tân Cương hộp 200 g",
                             variants=[{"name": "Hộp 200 g", "price": 180_000, "stock": 20}])
    variant = product.variants.get()
    variant.weight_grams = 250
    variant.save(update_fields=["weight_grams"])
    return producer, phone, variant


def ghn_reports(base: str, waybill: str, status: str) -> int:
    """The stub carrier calls our tracking webhook the way GHN does: JSON, the secret in the path."""
    body = json.dumps(callback(waybill, status, shop_id=SHOP_ID), ensure_ascii=False).encode()
    request = urllib.request.Request(f"{base}/delivery/ghn/webhook/{WEBHOOK_SECRET}/", data=body,
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=10) as answer:
        return answer.status


def test_seller_ships_by_ghn_the_carrier_delivers_and_her_statement_shows_what_is_owed(
    new_phone_context, storefront, settings, shot, phone_only_seller
):
    producer, seller_phone, variant = phone_only_seller
    with ghn_stub_running(settings) as ghn:
        buyer = new_phone_context().new_page()
        buyer.goto(f"{storefront.url}{variant.product.get_absolute_url()}")
        buyer.locator(".buy-bar").get_by_role("button", name="Mua ngay").click()
        reference = fill_checkout(buyer, "Thanh toán khi nhận hàng", shot, "ghn-01-checkout")
        order = Checkout.objects.get(reference=reference).orders.get()
        assert order.producer_id == producer.pk and order.status == Order.Status.CONFIRMED

        seller = new_phone_context().new_page()
        logs_in(seller, storefront.url, seller_phone)
        seller.goto(f"{storefront.url}/seller/orders/{order.number}/")
        seller.get_by_role("link", name="Tạo vận đơn GHN").click()
        expect(seller.locator("main")).to_contain_text(format_vnd(order.total))  # GHN collects the total
        shot(seller, "ghn-02-quote")
        seller.get_by_role("button", name="Xác nhận tạo vận đơn").click()

        shipment = Shipment.objects.get(order=order)
        expect(seller.get_by_role("heading", name="Vận đơn GHN")).to_be_visible()
        expect(seller.locator("main")).to_contain_text(shipment.waybill)
        shot(seller, "ghn-03-waybill")
        assert len(ghn.posts("shipping-order/create")) == 1

        assert ghn_reports(storefront.url, shipment.waybill, "delivering") == 200
        assert ghn_reports(storefront.url, shipment.waybill, "delivered") == 200

    buyer.goto(storefront.url + order.get_absolute_url())
    expect(buyer.locator(".status")).to_have_text("Đã giao")
    expect(buyer.get_by_role("link", name=shipment.waybill)).to_have_attribute("href", f"{settings.GHN_TRACKING_URL}{shipment.waybill}")
    shot(buyer, "ghn-04-buyer-delivered")

    seller.goto(f"{storefront.url}/seller/so-du/")
    closing = seller.locator("p", has_text="Số dư cuối kỳ")
    expect(closing).to_contain_text(format_vnd(order.total))  # no fee by default: all of it is hers
    expect(seller.locator("main")).to_contain_text(order.number)
    shot(seller, "ghn-05-statement")
    order.refresh_from_db()
    assert order.status == Order.Status.DELIVERED and order.tracking_number == shipment.waybill
