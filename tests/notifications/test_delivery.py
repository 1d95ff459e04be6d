"""notify(): the in-app notice, then the channels she has and wants — Zalo first for a phone-only
seller, SMS when Zalo fails for good, retries with backoff, and never the same message twice."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from marketplace.notifications.models import Delivery, Notification
from marketplace.notifications.preferences import preference_save
from marketplace.notifications.services import BACKOFF_MINUTES, Texts, deliveries_send_due, notify
from marketplace.notifications.tasks import send_delivery
from producers.models import VerificationRequest
from producers.services.verification import verification_decide
from tests.notifications.conftest import PHONE

pytestmark = pytest.mark.django_db

TEXTS = Texts(title="Đơn hàng mới", body="Đơn CPN-1 đang chờ chị xác nhận.", link="/seller/",
              email_subject="Đơn hàng mới CPN-1", email_body="Chào chị…",
              sms="Chợ Phụ nữ: đơn mới CPN-1, chị vào Kênh người bán để xác nhận.",
              zalo_params={"order_code": "CPN-1"})


def _notify(user, key="order:1:seller", **kwargs):
    return notify(key=key, kind="order_seller", texts=TEXTS, user=user, **kwargs)


def test_a_phone_only_seller_gets_her_verification_result_by_zalo_and_in_the_app(
    ha_noi_producer, phone_only_seller, ha_noi_staff, zalo, sms, django_capture_on_commit_callbacks
):
    request = VerificationRequest.objects.create(producer=ha_noi_producer)

    with django_capture_on_commit_callbacks(execute=True):
        verification_decide(request=request, by=ha_noi_staff, decision="approved")

    [message] = zalo.sent
    assert message["phone"] == "84912000111" and message["template_id"] == "301"
    assert message["template_data"]["shop_name"] == "HTX Rau sạch Ba Đình"
    assert message["tracking_id"]
    assert sms.sent == [] and mail.outbox == []
    delivery = Delivery.objects.get()
    assert (delivery.channel, delivery.status, delivery.provider_message_id) == ("zalo", "sent", "zns-1")
    notice = Notification.objects.get(recipient=phone_only_seller)
    assert "đã được Hội xác minh" in notice.title and notice.read_at is None and notice.link == "/seller/"


def test_zalo_failing_for_good_falls_back_to_sms_without_accents(
    phone_only_seller, zalo, sms, django_capture_on_commit_callbacks
):
    zalo.not_on_zalo.add("84912000111")

    with django_capture_on_commit_callbacks(execute=True):
        _notify(phone_only_seller)

    zalo_row = Delivery.objects.get(channel="zalo")
    assert zalo_row.status == "failed" and zalo_row.last_error.startswith("Zalo -118")
    [text] = sms.sent
    assert text["Phone"] == "0912000111" and text["SmsType"] == "2" and text["IsUnicode"] == "0"
    assert text["Brandname"] == "CHOPHUNU"
    assert text["Content"] == "Cho Phu nu: don moi CPN-1, chi vao Kenh nguoi ban de xac nhan."
    assert Delivery.objects.get(channel="sms").status == "sent"


def test_a_temporary_failure_is_retried_with_backoff_then_sent(phone_only_seller, zalo, sms):
    zalo.fail_next(-100, "Internal error", times=2)
    start = timezone.now()
    delivery = _notify(phone_only_seller).deliveries[0]

    assert send_delivery.delay(delivery.pk).get() == "queued"
    delivery.refresh_from_db()
    assert delivery.attempts == 1 and delivery.next_attempt_at >= start + timedelta(minutes=BACKOFF_MINUTES[0])
    assert deliveries_send_due(now=start) == 0 and len(zalo.requests) == 1  # not due yet

    assert deliveries_send_due(now=start + timedelta(minutes=1, seconds=5)) == 0
    delivery.refresh_from_db()
    assert delivery.attempts == 2 and delivery.next_attempt_at >= start + timedelta(minutes=6)

    assert deliveries_send_due(now=start + timedelta(minutes=7)) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("sent", 3, "")
    assert len(zalo.sent) == 3 and sms.sent == []


def test_after_the_last_attempt_the_delivery_fails_visibly(phone_only_seller, zalo, settings):
    settings.SMS_PROVIDER = ""  # no fallback
    zalo.fail_next(-100, "Internal error", times=10)
    delivery = _notify(phone_only_seller).deliveries[0]
    moment = timezone.now()
    for _attempt in range(6):
        deliveries_send_due(now=moment)
        moment += timedelta(hours=1)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("failed", 4)
    assert len(zalo.requests) == 4


def test_sent_once_when_notify_is_called_twice_and_the_task_runs_twice(
    phone_only_seller, zalo, sms, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = _notify(phone_only_seller)
        second = _notify(phone_only_seller)
    send_delivery.delay(first.deliveries[0].pk)
    deliveries_send_due(now=timezone.now() + timedelta(hours=1))

    assert second.deliveries == [] and first.notification == second.notification
    assert len(zalo.sent) == 1 and Delivery.objects.count() == 1 and Notification.objects.count() == 1


def test_an_sms_opt_out_is_honoured(phone_only_seller, zalo, sms, django_capture_on_commit_callbacks):
    preference_save(phone_only_seller, ["zalo"])
    zalo.not_on_zalo.add("84912000111")

    with django_capture_on_commit_callbacks(execute=True):
        _notify(phone_only_seller)

    assert sms.sent == [] and Delivery.objects.filter(channel="sms").count() == 0
    assert Delivery.objects.get().status == "failed"


def test_opting_out_of_every_channel_leaves_the_in_app_notice(phone_only_seller, zalo, sms):
    preference_save(phone_only_seller, [])

    notified = _notify(phone_only_seller, send_now=True)

    assert notified.deliveries == [] and notified.notification is not None
    assert zalo.requests == [] and sms.requests == []


def test_without_provider_settings_she_gets_the_in_app_notice_only(phone_only_seller, no_providers,
                                                                   django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notified = _notify(phone_only_seller)

    assert notified.deliveries == [] and Delivery.objects.count() == 0
    assert Notification.objects.filter(recipient=phone_only_seller).count() == 1


def test_someone_with_an_email_keeps_getting_email_by_default(ha_noi_producer, zalo, sms,
                                                              django_capture_on_commit_callbacks):
    from tests.factories_producers import member_of

    seller = member_of(ha_noi_producer, email="lan@example.vn", phone=PHONE)
    with django_capture_on_commit_callbacks(execute=True):
        _notify(seller)

    assert [message.to for message in mail.outbox] == [["lan@example.vn"]]
    assert zalo.requests == [] and sms.requests == []


def test_a_buyer_without_an_account_is_reached_at_the_checkout_phone(zalo, sms, settings):
    settings.ZALO_ZNS_TEMPLATES = {}  # no template for this kind: straight to SMS

    notified = notify(key="order:7:buyer", kind="order_buyer", texts=TEXTS, phone="+84987654321", send_now=True)

    assert notified.notification is None and notified.sent == 1
    assert sms.sent[0]["Phone"] == "0987654321"


def test_wrong_sms_keys_fail_for_good_and_are_not_retried(phone_only_seller, sms, settings):
    settings.ESMS_SECRET_KEY = "wrong"
    preference_save(phone_only_seller, ["sms"])

    _notify(phone_only_seller, send_now=True)
    deliveries_send_due(now=timezone.now() + timedelta(hours=2))

    delivery = Delivery.objects.get()
    assert delivery.status == "failed" and delivery.last_error.startswith("eSMS 101")
    assert len(sms.requests) == 1


def test_a_long_sms_is_cut_to_one_gsm_message(phone_only_seller, sms):
    preference_save(phone_only_seller, ["sms"])
    long_texts = Texts(title="x", sms="Chợ Phụ nữ " * 40)

    notify(key="long", kind="order_seller", texts=long_texts, user=phone_only_seller, send_now=True)

    assert len(sms.sent[0]["Content"]) == 160 and sms.sent[0]["Content"].isascii()
