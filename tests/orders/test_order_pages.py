"""The buyer's order page (private link), cancelling, confirming receipt, and "my orders"."""

import pytest
from django.core import mail
from django.test import Client

from marketplace.catalogue.models import ProductVariant
from marketplace.orders.models import Order
from marketplace.orders.transitions import order_transition
from tests.factories import ProducerFactory, ProductFactory
from tests.factories_producers import UserFactory, member_of
from tests.orders.conftest import place

pytestmark = pytest.mark.django_db


@pytest.fixture
def seller(db):
    producer = ProducerFactory(name="HTX Chè Tân Cương")
    return member_of(producer, email="che@htx.vn", first_name="Người Bán Riêng Tư")


@pytest.fixture
def order(seller):
    producer = seller.producer_memberships.get().producer
    variant = ProductFactory(producer=producer, name="Chè búp", variants=[{"price": 80_000, "stock": 10}]).variants.get()
    return place([(variant.pk, 2)]).orders.get()


def move(order, *statuses, actor):
    for status in statuses:
        order_transition(order=order, to_status=status, actor=actor, role="seller", reason="Hết hàng",
                         carrier="VNPost", tracking_number="EB123")


def test_the_order_page_shows_the_order_its_timeline_and_cod_instructions(client, order, seller):
    move(order, "packed", "shipped", actor=seller)

    page = client.get(f"/orders/{order.token}/").content.decode()

    assert order.number in page and "HTX Chè Tân Cương" in page and "Chè búp" in page
    assert "160.000" in page and f"{160_000 + order.shipping_fee:,}".replace(",", ".") in page  # fee: the table
    assert "Thanh toán khi nhận hàng" in page and "VNPost" in page and "EB123" in page
    assert "Đã đóng gói" in page and "Đang giao" in page
    assert "Người Bán Riêng Tư" not in page  # who acted stays private; what and when are shown


def test_a_wrong_token_is_not_found_and_cannot_act(client, order):
    assert client.get("/orders/not-a-real-token/").status_code == 404
    assert client.post("/orders/not-a-real-token/cancel/").status_code == 404
    one_character_off = order.token[:-1] + ("y" if order.token[-1] != "y" else "z")
    assert client.post(f"/orders/{one_character_off}/cancel/").status_code == 404
    order.refresh_from_db()
    assert order.status == Order.Status.CONFIRMED


@pytest.mark.parametrize("token", ["%00", "abc%00def", "x" * 5000])
def test_a_nonsense_token_is_not_found_on_every_database(client, token):
    assert client.get(f"/orders/{token}/").status_code == 404
    assert client.post(f"/orders/{token}/cancel/").status_code == 404


def test_the_buyer_cancels_before_packing_with_a_reason(client, order, django_capture_on_commit_callbacks):
    variant = order.lines.get().variant
    page = client.get(f"/orders/{order.token}/").content.decode()
    assert "Huỷ đơn" in page and "Đã nhận hàng" not in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/orders/{order.token}/cancel/", {"reason": "Đặt nhầm"})

    order.refresh_from_db()
    assert response.status_code == 302 and order.status == Order.Status.CANCELLED
    assert ProductVariant.objects.get(pk=variant.pk).stock == 10
    assert order.status_changes.last().reason == "Đặt nhầm"
    page = client.get(response.url).content.decode()
    assert "Đã huỷ đơn" in page and "Đặt nhầm" in page and "Huỷ đơn</button>" not in page
    assert sorted(m.to[0] for m in mail.outbox) == ["che@htx.vn", "lan@example.vn"]
    assert all("đã bị huỷ" in m.subject for m in mail.outbox)

    again = client.post(f"/orders/{order.token}/cancel/", follow=True)
    assert "Không thể chuyển đơn" in again.content.decode()
    assert order.status_changes.filter(to_status="cancelled").count() == 1
    assert ProductVariant.objects.get(pk=variant.pk).stock == 10


def test_cancelling_is_refused_once_the_seller_has_packed(client, order, seller):
    move(order, "packed", actor=seller)

    page = client.get(f"/orders/{order.token}/").content.decode()
    response = client.post(f"/orders/{order.token}/cancel/", follow=True)

    assert "Huỷ đơn</button>" not in page
    assert "Bạn không thể chuyển đơn này sang «Đã huỷ»" in response.content.decode()
    order.refresh_from_db()
    assert order.status == Order.Status.PACKED


def test_the_buyer_confirms_receipt_once_delivered(client, order, seller, django_capture_on_commit_callbacks):
    move(order, "packed", "shipped", actor=seller)
    assert "Đã nhận hàng</button>" not in client.get(f"/orders/{order.token}/").content.decode()
    assert client.post(f"/orders/{order.token}/received/", follow=True).status_code == 200
    order.refresh_from_db()
    assert order.status == Order.Status.SHIPPED

    move(order, "delivered", actor=seller)
    assert "Đã nhận hàng</button>" in client.get(f"/orders/{order.token}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/orders/{order.token}/received/")

    order.refresh_from_db()
    assert order.status == Order.Status.COMPLETED
    assert any("đã hoàn tất" in m.subject for m in mail.outbox)


def test_my_orders_needs_an_account(client):
    response = client.get("/orders/")

    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_my_orders_lists_only_the_accounts_orders_newest_first_paginated(client, seller):
    producer = seller.producer_memberships.get().producer
    variant = ProductFactory(producer=producer, variants=[{"price": 10_000, "stock": 100}]).variants.get()
    buyer, stranger = UserFactory(), UserFactory()
    mine = [place([(variant.pk, 1)], buyer=buyer).orders.get() for _ in range(12)]
    theirs = place([(variant.pk, 1)], buyer=stranger).orders.get()
    guest = place([(variant.pk, 1)]).orders.get()
    client.force_login(buyer)

    first = client.get("/orders/").content.decode()
    second = client.get("/orders/?page=2").content.decode()

    assert "Đơn của tôi" in first and 'href="/accounts/" aria-current="page"' in first  # under "Tài khoản"
    assert mine[-1].number in first and mine[0].number not in first and mine[0].number in second
    for page in (first, second):
        assert theirs.number not in page and guest.number not in page
    assert client.get("/orders/?page=abc").status_code == 200


def test_the_account_sees_its_checkout_from_any_session_but_others_do_not(seller):
    producer = seller.producer_memberships.get().producer
    variant = ProductFactory(producer=producer).variants.get()
    buyer, stranger = UserFactory(), UserFactory()
    checkout = place([(variant.pk, 1)], buyer=buyer)
    owner_client, stranger_client = Client(), Client()
    owner_client.force_login(buyer)
    stranger_client.force_login(stranger)

    assert owner_client.get(f"/checkout/{checkout.reference}/").status_code == 200
    assert stranger_client.get(f"/checkout/{checkout.reference}/").status_code == 404


def test_the_order_page_keeps_its_token_out_of_other_sites_yet_its_buttons_pass_the_csrf_check(order):
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(order.get_absolute_url())

    # "no-referrer" made browsers post `Origin: null`, which the CSRF check refuses (403 on every button).
    assert page["Referrer-Policy"] == "same-origin"
    assert 'name="referrer"' not in page.content.decode()
    token = page.cookies["csrftoken"].value
    response = browser.post(f"{order.get_absolute_url()}cancel/", {"csrfmiddlewaretoken": token, "reason": "Đổi ý"},
                            HTTP_ORIGIN="http://testserver")
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == Order.Status.CANCELLED
