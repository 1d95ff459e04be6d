"""The site's existing messages now reach phone-only people too: orders (seller and buyer)."""

import pytest
from django.core import mail

from marketplace.notifications.models import Delivery, Notification
from marketplace.orders.models import Checkout
from marketplace.orders.notifications import order_notify_send
from producers.models import ProducerMember
from tests.factories import ProducerFactory
from tests.factories_orders import order_for
from tests.factories_producers import UserFactory, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(db):
    producer = ProducerFactory(name="HTX Gạo Điện Biên")
    member_of(producer, email=None, phone="+84912000222", username="chu-htx")
    member_of(producer, email="thu@htx.vn", role="helper")
    return producer


def test_a_new_order_reaches_the_phone_only_owner_by_zalo_and_the_app_and_the_helper_by_email(shop, zalo, sms):
    order = order_for(shop)
    Checkout.objects.filter(pk=order.checkout_id).update(email="")  # the buyer gave her phone only

    order_notify_send(order.pk, "placed")

    owner_zalo = [message for message in zalo.sent if message["phone"] == "84912000222"]
    assert len(owner_zalo) == 1 and owner_zalo[0]["template_id"] == "302"
    assert owner_zalo[0]["template_data"]["order_code"] == order.number
    buyer_zalo = [message for message in zalo.sent if message["phone"] == "84912000111"]
    assert len(buyer_zalo) == 1 and buyer_zalo[0]["template_id"] == "303"
    assert [message.to for message in mail.outbox] == [["thu@htx.vn"]]
    notice = Notification.objects.get(recipient__username="chu-htx")
    assert order.number in notice.title and notice.link.endswith(f"/seller/orders/{order.number}/")
    assert Notification.objects.count() == 2  # the owner and the helper; the buyer has no account


def test_the_task_running_again_after_a_mail_failure_does_not_resend_the_zalo_messages(shop, zalo, sms):
    order = order_for(shop)
    order_notify_send(order.pk, "paid")
    order_notify_send(order.pk, "paid")

    assert len([message for message in zalo.sent if message["phone"] == "84912000222"]) == 1
    assert Delivery.objects.filter(channel="zalo").count() == 1  # the buyer gave an email: email only


def test_a_buyer_with_an_account_gets_the_notice_in_her_account(shop, no_providers):
    order = order_for(shop)
    buyer = UserFactory(email=None, phone="+84987000333")
    Checkout.objects.filter(pk=order.checkout_id).update(buyer=buyer)

    order_notify_send(order.pk, "shipped")

    notice = Notification.objects.get(recipient=buyer)
    assert order.number in notice.title and notice.link == order.get_absolute_url()
    assert Delivery.objects.count() == 0  # no SMS/Zalo without settings (emails still go as before)


def test_a_member_who_opted_out_of_email_gets_no_order_email(shop, no_providers):
    from marketplace.notifications.preferences import preference_save

    helper = ProducerMember.objects.get(producer=shop, role="helper").user
    preference_save(helper, [])
    order = order_for(shop)

    order_notify_send(order.pk, "placed")

    assert all("thu@htx.vn" not in message.to for message in mail.outbox)
    assert Notification.objects.filter(recipient=helper).count() == 1  # still in the app


def test_a_buyers_message_reaches_the_phone_only_owner_by_sms_and_in_the_app(shop, sms, settings):
    from marketplace.conversations.models import OrderMessage
    from marketplace.conversations.notifications import message_email

    settings.ZALO_ZNS_ACCESS_TOKEN = ""  # no Zalo: SMS straight away
    order = order_for(shop)
    message = OrderMessage.objects.create(order=order, sender=OrderMessage.Sender.BUYER, text="Giao trước 5 giờ nhé")

    message_email(message.pk)
    message_email(message.pk)  # the task retried: nothing twice

    [text] = sms.sent
    assert text["Phone"] == "0912000222" and order.number in text["Content"] and text["Content"].isascii()
    notice = Notification.objects.get(recipient__username="chu-htx")
    assert notice.body == "Giao trước 5 giờ nhé" and notice.link.endswith(f"/seller/orders/{order.number}/messages/")
    assert [message.to for message in mail.outbox] == [["thu@htx.vn"], ["thu@htx.vn"]]  # email as before
