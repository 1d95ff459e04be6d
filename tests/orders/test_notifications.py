"""Order emails: queued after commit, one copy to the buyer and one to the producer's members, in Vietnamese."""

import pytest
from django.core import mail
from django.db import transaction

from marketplace.orders.notifications import EVENTS, notify_order_change, order_notify_send
from marketplace.orders.transitions import order_transition
from tests.factories import ProducerFactory, ProductFactory
from tests.factories_producers import member_of
from tests.orders.conftest import place

pytestmark = pytest.mark.django_db


@pytest.fixture
def order(db):
    producer = ProducerFactory(name="HTX Gạo Điện Biên", bank_bin="970436", bank_account_number="0011223344",
                               bank_account_name="LO THI HOA")
    member_of(producer, email="hoa@htx.vn")
    member_of(producer, email="thu@htx.vn", role="helper")
    variant = ProductFactory(producer=producer, name="Gạo nếp", variants=[{"price": 50_000, "stock": 9}]).variants.get()
    return place([(variant.pk, 2)]).orders.get()


def buyer_mail():
    return next(m for m in mail.outbox if m.to == ["lan@example.vn"])


def seller_mail():
    return next(m for m in mail.outbox if "hoa@htx.vn" in m.to)


@pytest.mark.parametrize("event", EVENTS)
def test_every_event_mails_the_buyer_and_the_sellers_in_vietnamese(order, event):
    sent = order_notify_send(order.pk, event)

    assert sent == 2
    assert seller_mail().to == ["hoa@htx.vn", "thu@htx.vn"]
    for message in (buyer_mail(), seller_mail()):
        assert order.number in message.subject and "\n" not in message.subject
        # 100.000 ₫ of rice and the shipping of the union's table (orders/shipping.py), within Hà Nội
        total = f"{order.total:,}".replace(",", ".")
        assert "Gạo nếp" in message.body and total in message.body and "&" not in message.body
    # The private link lets its holder cancel as the buyer: only the buyer gets it.
    assert order.token in buyer_mail().body and order.token not in seller_mail().body


def test_the_shipped_mail_names_the_carrier_and_tracking_number(order):
    seller = order.producer.members.first().user
    for status in ("packed", "shipped"):
        order_transition(order=order, to_status=status, actor=seller, role="seller", carrier="Viettel Post",
                         tracking_number="VTP-778899")

    order_notify_send(order.pk, "shipped")

    assert "Viettel Post" in buyer_mail().body and "VTP-778899" in buyer_mail().body
    assert "đang được giao" in buyer_mail().subject


def test_the_cancelled_mail_gives_the_reason(order):
    seller = order.producer.members.first().user
    order_transition(order=order, to_status="cancelled", actor=seller, role="seller", reason="Mưa lũ, không giao được")

    order_notify_send(order.pk, "cancelled")

    assert "Mưa lũ, không giao được" in buyer_mail().body and "Mưa lũ" in seller_mail().body


def test_a_vietqr_order_mail_tells_how_to_transfer(db):
    producer = ProducerFactory(bank_bin="970436", bank_account_number="0011223344", bank_account_name="LO THI HOA")
    variant = ProductFactory(producer=producer).variants.get()
    order = place([(variant.pk, 1)], payment_method="vietqr").orders.get()

    order_notify_send(order.pk, "placed")

    body = buyer_mail().body
    assert "0011223344" in body and "LO THI HOA" in body and order.number in body and "Hãy chuyển trước" in body


def test_without_a_buyer_email_only_the_sellers_are_mailed(db):
    producer = ProducerFactory()
    member_of(producer, email="ban@htx.vn")
    variant = ProductFactory(producer=producer).variants.get()
    order = place([(variant.pk, 1)], email="").orders.get()

    assert order_notify_send(order.pk, "placed") == 1
    assert [m.to for m in mail.outbox] == [["ban@htx.vn"]]


def test_the_mail_is_queued_on_commit_and_dropped_on_rollback(order, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify_order_change(order, "confirmed")
    assert len(mail.outbox) == 2

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                notify_order_change(order, "confirmed")
                raise RuntimeError("the surrounding change failed")
        except RuntimeError:
            pass
    assert mail.outbox == []


def test_an_unknown_event_is_a_programming_error(order):
    with pytest.raises(ValueError):
        notify_order_change(order, "teleported")
    with pytest.raises(ValueError):
        order_notify_send(order.pk, "teleported")


def test_an_unpaid_order_that_expires_mails_both_sides(db, django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone

    from marketplace.orders.transitions import orders_expire_unpaid

    producer = ProducerFactory(bank_bin="970436", bank_account_number="0011223344")
    member_of(producer, email="ban@htx.vn")
    order = place([(ProductFactory(producer=producer).variants.get().pk, 1)], payment_method="vietqr").orders.get()

    with django_capture_on_commit_callbacks(execute=True):
        assert orders_expire_unpaid(now=timezone.now() + timedelta(hours=1)) == 1

    assert sorted(m.to[0] for m in mail.outbox) == ["ban@htx.vn", "lan@example.vn"]
    assert all(order.number in m.subject and "chưa thanh toán" in m.subject for m in mail.outbox)


def test_the_vietqr_code_travels_as_a_png_with_the_buyers_placed_email(db):
    producer = ProducerFactory(bank_bin="970436", bank_account_number="0011223344", bank_account_name="LO THI HOA")
    member_of(producer, email="hoa@htx.vn")
    variant = ProductFactory(producer=producer).variants.get()
    order = place([(variant.pk, 1)], payment_method="vietqr").orders.get()

    order_notify_send(order.pk, "placed")

    (name, content, mimetype), = buyer_mail().attachments
    assert (name, mimetype) == (f"VietQR-{order.number}.png", "image/png")
    assert content.startswith(b"\x89PNG\r\n\x1a\n")
    assert "Mã QR đính kèm" in buyer_mail().body
    assert seller_mail().attachments == []


def test_a_cash_on_delivery_mail_has_no_qr_attachment(order):
    order_notify_send(order.pk, "placed")

    assert buyer_mail().attachments == []


def test_links_in_order_emails_use_the_sites_public_address(order, settings):
    settings.SITE_URL = "https://chophunu.example.org"

    order_notify_send(order.pk, "placed")

    assert f"https://chophunu.example.org{order.get_absolute_url()}" in buyer_mail().body
    assert "https://chophunu.example.org/seller/" in seller_mail().body
    assert not any("127.0.0.1" in message.body for message in mail.outbox)
