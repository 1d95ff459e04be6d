"""Chốt đơn during a live: one short form, a COD order at the live price, stock and cap taken; undo."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from marketplace.catalogue.models import ProductVariant
from marketplace.livestreams.models import PinnedProduct
from marketplace.orders.models import Checkout, Order, OrderLine
from tests.factories import HUE, ProducerFactory, ProductFactory
from tests.factories_live import LiveSessionFactory, ended_session, live_session, pin
from tests.factories_producers import member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def host(db):
    return ProducerFactory(name="HTX Mật ong Ba Vì", slug="mat-ong-ba-vi", province_code=HUE,
                           shipping_flat_fee=30_000)


@pytest.fixture
def owner(host):
    return member_of(host, username="chu-mat-ong")


@pytest.fixture
def seller(client, owner):
    client.force_login(owner)
    return client


@pytest.fixture
def session(host):
    return live_session(host=host, title="Live mật ong tối nay")


@pytest.fixture
def honey(session):
    """A1: Mật ong hoa nhãn — Chai 500 ml, 100.000 ₫, live 80.000 ₫, 10 in stock, 5 at the live price."""
    product = ProductFactory(producer=session.host, name="Mật ong hoa nhãn",
                             variants=[{"name": "Chai 500 ml", "price": 100_000, "stock": 10}])
    return pin(session, variant=product.variants.get(), live_price=80_000, cap=5)


def order_data(**changes) -> dict:
    data = {"contact_name": "Chị Lan", "phone": "0912 345 678", "code": "a1", "quantity": "2",
            "address": "Thôn Đông, xã Ba Vì", "province_code": "", "note": ""}
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def quick_url(session) -> str:
    return reverse("seller_live:quick", args=[session.pk])


def state(honey: PinnedProduct):
    honey.refresh_from_db()
    return Order.objects.count(), ProductVariant.objects.get(pk=honey.variant_id).stock, honey.cap_left


def test_the_form_is_made_for_the_keyboard(seller, session, honey):
    page = seller.get(quick_url(session)).content.decode()
    assert 'name="contact_name"' in page and "autofocus" in page.split('name="contact_name"')[0][-300:] + \
        page.split('name="contact_name"')[1][:300]
    # The legend of codes sits above the form, with live prices.
    assert page.index("A1") < page.index('name="contact_name"')
    assert "80.000\u00a0₫" in page and "còn 5 suất" in page
    assert page.index('name="contact_name"') < page.index('name="phone"') < page.index('name="code"') \
        < page.index('name="quantity"') < page.index('name="address"') < page.index("Chốt đơn</button>")
    assert 'value="1"' in page.split('name="quantity"')[1][:200]


def test_quick_order_creates_a_cod_live_order_at_the_live_price(seller, owner, session, honey):
    response = seller.post(quick_url(session), order_data())

    assert response.status_code == 302 and response["Location"] == quick_url(session)
    order = Order.objects.get()
    line = order.lines.get()
    assert order.source == Order.Source.LIVE and order.live_session == session
    assert order.checkout.payment_method == Checkout.PaymentMethod.COD
    assert order.status == Order.Status.CONFIRMED
    assert (line.unit_price, line.quantity, line.line_total, line.live_pin_id) == (80_000, 2, 160_000, honey.pk)
    assert order.checkout.phone == "+84912345678" and order.checkout.province_code == HUE
    assert order.checkout.ward_code is None
    assert state(honey) == (1, 8, 3)
    assert order.status_changes.get().actor == owner

    page = seller.get(quick_url(session)).content.decode()
    assert (f"Đã chốt đơn {order.number} cho Chị Lan: 2 × Mật ong hoa nhãn — Chai 500 ml = 160.000\u00a0₫"
            in page)
    # The form is empty again, ready for the next comment.
    assert 'value="Chị Lan"' not in page
    assert order.number in page


def test_pickup_needs_no_address(seller, session, honey, host):
    response = seller.post(quick_url(session), order_data(address="", pickup="on", quantity="1"))
    assert response.status_code == 302
    checkout = Order.objects.get().checkout
    assert checkout.pickup and checkout.province_code == host.province_code
    assert Order.objects.get().shipping_fee == 0


def test_province_can_be_chosen(seller, session, honey):
    seller.post(quick_url(session), order_data(province_code="1"))
    assert Order.objects.get().checkout.province_code == 1


def _refused(client, session, honey, data, message):
    before = state(honey)
    response = client.post(quick_url(session), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert state(honey) == before
    return page


@pytest.mark.parametrize(("changes", "message"), [
    ({"code": "B7"}, "Không có mã «B7» trong phiên này. Các mã: A1, A2."),
    ({"code": ""}, "Hãy ghi mã sản phẩm, ví dụ A1."),
    ({"quantity": "0"}, "Số lượng từ 1 đến 9999."),
    ({"quantity": "100000"}, "Số lượng từ 1 đến 9999."),
    ({"quantity": "hai"}, "Hãy nhập một số nguyên"),
    ({"quantity": "-1"}, "Số lượng từ 1 đến 9999."),
    ({"phone": "12345"}, "Số điện thoại di động có 10 chữ số"),
    ({"phone": "0912abc678"}, "Số điện thoại chỉ gồm chữ số"),
    ({"phone": ""}, "Hãy ghi số điện thoại người mua."),
    ({"contact_name": ""}, "Hãy ghi tên người mua."),
    ({"address": ""}, "Hãy ghi địa chỉ giao hàng, hoặc chọn «Nhận tại cơ sở»."),
    ({"province_code": "999"}, "Lựa chọn này không có trong danh sách"),
    ({"quantity": "11"}, "Chỉ còn 10 chai «Mật ong hoa nhãn — Chai 500 ml»."),
    ({"quantity": "6"}, "Giá live của «Mật ong hoa nhãn — Chai 500 ml» chỉ còn 5 suất: hãy giảm số lượng."),
], ids=["unknown-code", "no-code", "zero", "huge", "text", "negative", "short-phone", "letters-phone", "no-phone",
        "no-name", "no-address", "bad-province", "over-stock", "over-cap"])
def test_bad_input_is_refused_with_the_typed_values_kept(seller, session, honey, changes, message):
    pin(session, live_price=None)  # A2, a second code for the list of valid codes
    page = _refused(seller, session, honey, order_data(**changes), message)
    if changes.get("contact_name") != "":
        assert 'value="Chị Lan"' in page
    assert 'value="Thôn Đông, xã Ba Vì"' in page or changes.get("address") == ""


def test_cap_used_up_is_refused_and_nothing_changes(seller, session, honey):
    PinnedProduct.objects.filter(pk=honey.pk).update(cap_left=0)
    _refused(seller, session, honey, order_data(quantity="1"), "Mã A1 đã hết suất giá live.")


def test_legend_says_when_the_cap_is_used_up(seller, session, honey):
    PinnedProduct.objects.filter(pk=honey.pk).update(cap_left=0)
    assert "hết suất" in seller.get(quick_url(session)).content.decode()


def test_pin_without_live_price_sells_at_the_normal_price(seller, session):
    plain = pin(session, price=55_000, live_price=None)
    seller.post(quick_url(session), order_data(code=plain.code, quantity="1"))
    assert Order.objects.get().lines.get().unit_price == 55_000


def test_session_not_live_is_refused(seller, host):
    scheduled = LiveSessionFactory(host=host)
    plain = pin(scheduled)
    page = seller.get(quick_url(scheduled)).content.decode()
    assert "Phiên chưa bắt đầu" in page
    _refused(seller, scheduled, plain, order_data(), "Phiên chưa bắt đầu hoặc đã kết thúc: chỉ chốt đơn trong lúc live.")


def test_session_ended_past_the_grace_is_refused(seller, host):
    ended = ended_session(host=host, ended_minutes_ago=settings.LIVE_PRICE_GRACE_MINUTES + 5)
    plain = pin(ended)
    _refused(seller, ended, plain, order_data(), "Phiên chưa bắt đầu hoặc đã kết thúc")


def test_undo_within_the_window_gives_back_stock_and_cap(seller, session, honey):
    seller.post(quick_url(session), order_data())
    order = Order.objects.get()
    assert "Huỷ" in seller.get(quick_url(session)).content.decode()

    response = seller.post(reverse("seller_live:quick_cancel", args=[session.pk, order.pk]))

    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == Order.Status.CANCELLED
    assert state(honey) == (1, 10, 5)


def test_undo_after_the_window_is_refused(seller, session, honey):
    seller.post(quick_url(session), order_data())
    order = Order.objects.get()
    late = timezone.now() - timedelta(minutes=settings.LIVE_QUICK_ORDER_UNDO_MINUTES + 1)
    Order.objects.filter(pk=order.pk).update(placed_at=late)
    assert f'action="{reverse("seller_live:quick_cancel", args=[session.pk, order.pk])}"' not in \
        seller.get(quick_url(session)).content.decode()

    response = seller.post(reverse("seller_live:quick_cancel", args=[session.pk, order.pk]), follow=True)

    assert "Chỉ huỷ nhanh được đơn chốt khi live trong 5 phút đầu" in response.content.decode()
    order.refresh_from_db()
    assert order.status == Order.Status.CONFIRMED
    assert state(honey) == (1, 8, 3)


def test_undo_by_get_changes_nothing(seller, session, honey):
    seller.post(quick_url(session), order_data())
    order = Order.objects.get()
    assert seller.get(reverse("seller_live:quick_cancel", args=[session.pk, order.pk])).status_code == 302
    order.refresh_from_db()
    assert order.status == Order.Status.CONFIRMED


def test_co_host_seller_orders_a_partner_code_and_sees_only_what_is_hers(client, session, honey):
    partner = ProducerFactory(name="HTX Chè Tân Cương")
    session.co_hosts.add(partner)
    host_client = Client()
    host_client.force_login(member_of(session.host))
    host_client.post(quick_url(session), order_data(contact_name="Người mua của chủ trì"))
    host_order = Order.objects.get()

    client.force_login(member_of(partner))
    tea = pin(session, variant=ProductFactory(producer=partner, name="Chè búp").variants.get(), live_price=None)
    client.post(quick_url(session), order_data(contact_name="Người mua chè", code=tea.code, quantity="1"))
    client.post(quick_url(session), order_data(contact_name="Khách nhờ chị chè ghi", quantity="1"))
    client.get(quick_url(session))  # the success lines are read once

    page = client.get(quick_url(session)).content.decode()
    assert "Người mua chè" in page and "Khách nhờ chị chè ghi" in page
    assert "Người mua của chủ trì" not in page
    response = client.post(reverse("seller_live:quick_cancel", args=[session.pk, host_order.pk]))
    assert response.status_code == 404
    host_order.refresh_from_db()
    assert host_order.status == Order.Status.CONFIRMED
    by_her = Order.objects.get(checkout__contact_name="Khách nhờ chị chè ghi")
    assert by_her.producer == session.host
    assert client.post(reverse("seller_live:quick_cancel", args=[session.pk, by_her.pk])).status_code == 302
    by_her.refresh_from_db()
    assert by_her.status == Order.Status.CANCELLED


def test_the_quick_page_query_count_does_not_grow_with_orders(seller, session, honey, django_assert_max_num_queries):
    def place(n):
        for index in range(n):
            seller.post(quick_url(session), order_data(contact_name=f"Khách {index}", quantity="1",
                                                       code=pin(session, live_price=None).code))

    place(2)
    with django_assert_max_num_queries(25) as few:
        seller.get(quick_url(session))
    count = len(few.captured_queries)  # read now: the next request resets the query log
    place(8)
    with django_assert_max_num_queries(count):
        seller.get(quick_url(session))
    assert OrderLine.objects.count() == 10


def test_every_mistake_is_shown_at_once_with_the_cursor_on_the_first(seller, session, honey):
    page = _refused(seller, session, honey, order_data(phone="0912", code="Z9"), "Không có mã «Z9» trong phiên này.")
    assert "Số điện thoại di động có 10 chữ số" in page
    phone_input = page[page.index('name="phone"') - 200:page.index('name="phone"') + 200]
    name_input = page[page.index('name="contact_name"') - 200:page.index('name="contact_name"') + 200]
    assert "autofocus" in phone_input and "autofocus" not in name_input


def test_the_sellers_order_pages_say_the_order_was_taken_during_a_live(client):
    from marketplace.orders.quick_orders import quick_order_place
    from tests.factories_live import live_session, pin
    from tests.factories_producers import member_of

    session = live_session()
    offer = pin(session, live_price=80_000)
    seller = member_of(session.host)
    order = quick_order_place(session=session, by=seller, contact_name="Lê Thị Hoa", phone="0987654321",
                              code=offer.code, quantity=1, address="Số 5 Nguyễn Trãi, Hà Nội")
    client.force_login(seller)

    listing = client.get("/seller/orders/").content.decode()
    detail = client.get(f"/seller/orders/{order.number}/").content.decode()

    assert "Chốt khi live" in listing
    assert "Chốt khi live" in detail and session.title in detail
