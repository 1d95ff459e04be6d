"""Staff refund an order from its admin page, through the seller's form and the one refund service."""

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse

from marketplace.orders.models import Order, OrderStatusChange
from marketplace.orders.transitions import order_transition
from marketplace.payments.models import CardRefund
from tests.factories import HUE
from tests.factories_orders import order_for
from tests.factories_producers import staff_user
from tests.payments.card_helpers import card_checkout, pay, variant
from tests.payments.stripe_stub import post_event, session_event, stripe_stub_running
from tests.staff.conftest import logged_in
from tests.staff.helpers import is_refused

S, P = Order.Status, Order.PaymentStatus
BUYER_EMAIL = "mai@example.vn"  # order_for's buyer
CARD_BUYER_EMAIL = "lan@example.vn"  # tests.orders.conftest.place's buyer
REFUNDS = "/v1/refunds"


def refund_url(order) -> str:
    return reverse("union_orders:refund", args=[order.pk])


def inspect_url(order) -> str:
    return reverse("union_orders:inspect", args=[order.pk])


def buyer_mails(address: str = BUYER_EMAIL) -> list:
    return [message for message in mail.outbox if message.to == [address]]


def snapshot(order) -> tuple:
    order.refresh_from_db()
    return order.status, order.payment_status, order.status_changes.count(), order.stock_released_at


def stock_of(v) -> int:
    v.refresh_from_db()
    return v.stock


@pytest.fixture
def ha_noi_variant(world):
    return world.ha_noi.product.variants.get()


@pytest.fixture
def delivered_cod(world, ha_noi_variant) -> Order:
    """A Hà Nội COD order of 2 × 100.000 ₫ + 30.000 ₫ shipping, delivered and so paid in cash."""
    order = order_for(world.ha_noi.producer, variant=ha_noi_variant, quantity=2, shipping_fee=30_000,
                      status=S.DELIVERED, payment_status=P.PAID)
    assert order.total == 230_000
    return order


@pytest.fixture
def stub(settings):
    with stripe_stub_running(settings) as running:
        yield running


@pytest.fixture
def paid_card_order(world, client, stub) -> Order:
    """A card order of a producer of Hà Nội's ward unit, paid through Stripe's signed webhook."""
    rau = variant(price=100_000, stock=10)
    producer = rau.product.producer
    producer.union_unit = world.tree.ha_noi_ward
    producer.save(update_fields=["union_unit"])
    checkout = card_checkout((rau, 2))
    pay(client, checkout)
    order = checkout.orders.get()
    assert (order.status, order.payment_status) == (S.CONFIRMED, P.PAID)
    return order


def test_ha_noi_staff_refund_a_paid_cod_order(ha_noi_client, world, delivered_cod, ha_noi_variant,
                                              django_capture_on_commit_callbacks):
    order, before = delivered_cod, stock_of(ha_noi_variant)
    page = ha_noi_client.get(inspect_url(order)).content.decode()
    assert refund_url(order) in page and "Có thể hoàn tối đa" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = ha_noi_client.post(refund_url(order), {"amount": f"{order.total:,}".replace(",", "."),
                                                          "reason": "Hàng dập nát", "restock": "on"}, follow=True)

    assert "Đã ghi nhận hoàn tiền cho đơn" in response.content.decode()
    order.refresh_from_db()
    assert (order.status, order.payment_status) == (S.REFUNDED, P.REFUNDED)
    change = order.status_changes.order_by("-id").first()
    assert (change.to_status, change.role, change.actor) == (S.REFUNDED, OrderStatusChange.Role.STAFF,
                                                             world.ha_noi_staff)
    assert "Hàng dập nát" in change.reason and "230.000" in change.reason
    assert stock_of(ha_noi_variant) == before + 2
    [email] = buyer_mails()  # one email, not one from the view and another from the service
    assert order.number in email.subject and "hoàn tiền" in email.subject
    assert refund_url(order) not in ha_noi_client.get(inspect_url(order)).content.decode()


def test_a_partial_card_refund_goes_through_stripe(ha_noi_client, world, paid_card_order, stub,
                                                   django_capture_on_commit_callbacks):
    order = paid_card_order

    with django_capture_on_commit_callbacks(execute=True):
        response = ha_noi_client.post(refund_url(order), {"amount": "50000", "reason": "Thiếu một bó rau"},
                                      follow=True)

    assert "Đã ghi nhận hoàn tiền" in response.content.decode()
    [sent] = stub.posts(REFUNDS)
    assert sent.form["amount"] == "50000"
    order.refresh_from_db()
    assert (order.status, order.payment_status) == (S.CONFIRMED, P.PARTIALLY_REFUNDED)
    [refund] = order.card_refunds.all()
    assert (refund.amount, refund.status, refund.by) == (50_000, CardRefund.Status.SUCCEEDED, world.ha_noi_staff)
    note = order.status_changes.last()  # a partial refund is a row of the order's history, its status unchanged
    assert (note.from_status, note.to_status) == (S.CONFIRMED, S.CONFIRMED)
    assert "Thiếu một bó rau" in note.reason and note.actor == world.ha_noi_staff
    assert len(buyer_mails(CARD_BUYER_EMAIL)) == 1
    left = order.total - 50_000
    page = ha_noi_client.get(inspect_url(order)).content.decode()
    assert "Thiếu một bó rau" in page and f'value="{left}"' in page

    # More than what is left is the form's answer; Stripe is not asked.
    response = ha_noi_client.post(refund_url(order), {"amount": str(left + 1), "reason": "x"})
    assert response.status_code == 200 and "chỉ còn có thể hoàn tối đa" in response.content.decode()
    assert len(stub.posts(REFUNDS)) == 1

    ha_noi_client.post(refund_url(order), {"amount": str(left), "reason": "Hoàn nốt"})
    order.refresh_from_db()
    assert (order.status, order.payment_status) == (S.REFUNDED, P.REFUNDED)
    assert order.status_changes.order_by("-id").first().role == OrderStatusChange.Role.STAFF


def test_staff_give_back_a_card_payment_made_after_the_order_was_cancelled(ha_noi_client, world, client, stub):
    rau = variant(price=100_000)
    rau.product.producer.union_unit = world.tree.ha_noi_ward
    rau.product.producer.save(update_fields=["union_unit"])
    checkout = card_checkout((rau, 1))
    order = checkout.orders.get()
    order_transition(order=order, to_status=S.CANCELLED, actor=None, role="buyer", reason="Đổi ý")
    post_event(client, session_event("checkout.session.completed", checkout, session_id="cs_test_late"))
    assert refund_url(order) in ha_noi_client.get(inspect_url(order)).content.decode()

    ha_noi_client.post(refund_url(order), {"amount": str(order.total), "reason": "Đơn đã huỷ"})

    order.refresh_from_db()
    assert (order.status, order.payment_status) == (S.CANCELLED, P.REFUNDED)


def test_hue_staff_get_404_for_a_ha_noi_order_and_nothing_changes(world, delivered_cod,
                                                                 django_capture_on_commit_callbacks):
    hue_client = logged_in(world.hue_staff)
    before = snapshot(delivered_cod)

    with django_capture_on_commit_callbacks(execute=True):
        response = hue_client.post(refund_url(delivered_cod), {"amount": "1000", "reason": "x"})

    assert response.status_code == 404
    assert snapshot(delivered_cod) == before and mail.outbox == []


def test_another_units_order_or_a_huge_id_is_404(ha_noi_client, world):
    hue_order = order_for(world.hue.producer, variant=world.hue.product.variants.get(), province_code=HUE,
                          status=S.DELIVERED, payment_status=P.PAID)
    assert ha_noi_client.post(refund_url(hue_order), {"amount": "1000", "reason": "x"}).status_code == 404
    assert ha_noi_client.post("/admin/orders/99999999999999999999/refund/", {}).status_code == 404
    hue_order.refresh_from_db()
    assert hue_order.status == S.DELIVERED


def test_viewing_orders_is_not_enough_to_refund(world, delivered_cod):
    reader = staff_user(world.tree.ha_noi, username="chi-xem")
    reader.user_permissions.add(*Permission.objects.filter(codename__in=["access_admin", "view_order"]))
    reader_client = logged_in(reader)
    before = snapshot(delivered_cod)

    page = reader_client.get(inspect_url(delivered_cod))
    assert page.status_code == 200 and refund_url(delivered_cod) not in page.content.decode()
    assert is_refused(reader_client.post(refund_url(delivered_cod), {"amount": "1000", "reason": "x"}))
    assert snapshot(delivered_cod) == before


def test_the_refund_url_takes_posts_only(ha_noi_client, delivered_cod):
    assert ha_noi_client.get(refund_url(delivered_cod)).status_code == 405


@pytest.mark.parametrize(("data", "message"), [
    ({"amount": "0", "reason": "x"}, "Số tiền hoàn phải lớn hơn 0"),
    ({"amount": "abc", "reason": "x"}, "Hãy nhập số tiền bằng chữ số"),
    ({"amount": "230001", "reason": "x"}, "không thể lớn hơn tổng đơn"),
    ({"amount": "", "reason": "x"}, "Hãy ghi số tiền hoàn"),
    ({"amount": "1000", "reason": "  "}, "Hãy ghi lý do hoàn tiền."),
    ({"amount": "1000"}, "Hãy ghi lý do hoàn tiền."),
])
def test_bad_input_is_shown_on_the_order_page_and_changes_nothing(ha_noi_client, delivered_cod, data, message,
                                                                  django_capture_on_commit_callbacks):
    before = snapshot(delivered_cod)

    with django_capture_on_commit_callbacks(execute=True):
        response = ha_noi_client.post(refund_url(delivered_cod), data)

    page = response.content.decode()
    assert response.status_code == 200 and message in page and "Chưa hoàn tiền" in page
    assert delivered_cod.number in page  # still the order page, with the form open
    assert snapshot(delivered_cod) == before and mail.outbox == []


def test_an_unpaid_order_is_refused_with_a_message(ha_noi_client, world, ha_noi_variant,
                                                   django_capture_on_commit_callbacks):
    unpaid = order_for(world.ha_noi.producer, variant=ha_noi_variant)  # COD, confirmed, not yet paid
    assert refund_url(unpaid) not in ha_noi_client.get(inspect_url(unpaid)).content.decode()
    before = snapshot(unpaid)

    with django_capture_on_commit_callbacks(execute=True):
        response = ha_noi_client.post(refund_url(unpaid), {"amount": "1000", "reason": "x"}, follow=True)

    assert response.redirect_chain[-1][0] == inspect_url(unpaid)
    assert "Đơn này hiện không thể hoàn tiền." in response.content.decode()
    assert snapshot(unpaid) == before and mail.outbox == []


def test_the_seller_refund_sends_one_email_too(world, delivered_cod, django_capture_on_commit_callbacks):
    seller_client = logged_in(world.ha_noi.owner)

    with django_capture_on_commit_callbacks(execute=True):
        seller_client.post(f"/seller/orders/{delivered_cod.number}/actions/refund/",
                           {"amount": "230000", "reason": "Hàng vỡ"})

    delivered_cod.refresh_from_db()
    assert delivered_cod.status == S.REFUNDED
    assert delivered_cod.status_changes.order_by("-id").first().role == OrderStatusChange.Role.SELLER
    assert len(buyer_mails()) == 1
