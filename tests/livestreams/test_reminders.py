"""Reminder emails: rows sent by beat or after a session event, each at most once per subscriber."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from django.utils import timezone

from marketplace.livestreams import reminders, services, tasks
from marketplace.livestreams.models import LiveSession, ReminderDelivery
from tests.factories_live import LiveSessionFactory, ended_session, live_session, subscription

pytestmark = pytest.mark.django_db
Kind = ReminderDelivery.Kind


class FailingBackend(BaseEmailBackend):
    """A mail server that refuses every message."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("máy chủ thư không trả lời")


def soon_session(minutes=20, **fields):
    return LiveSessionFactory(starts_at=timezone.now() + timedelta(minutes=minutes), **fields)


def assert_can_unsubscribe(message, row):
    path = reverse("livestreams:unsubscribe", args=[row.token])
    assert path in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    assert message.extra_headers["List-Unsubscribe"].endswith(f"{path}>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_beat_sends_the_starting_soon_reminder_once_to_active_subscribers_only():
    session = soon_session(title="Gạo nếp Điện Biên")
    active = subscription(session, email="lan@example.vn")
    subscription(session, email="chua-xac-nhan@example.vn", confirmed=False)
    gone = subscription(session, email="da-huy@example.vn")
    gone.unsubscribed_at = timezone.now()
    gone.save()

    first = reminders.live_tick()
    second = reminders.live_tick()

    assert first["sent"] == 1 and second["sent"] == 0
    assert [message.to for message in mail.outbox] == [["lan@example.vn"]]
    message = mail.outbox[0]
    local_start = timezone.localtime(session.starts_at).strftime("%H:%M")
    assert message.subject == f"Sắp live: Gạo nếp Điện Biên lúc {local_start}"
    assert "http://" in message.body
    assert_can_unsubscribe(message, active)
    assert ReminderDelivery.objects.get().sent_at is not None
    assert reminders.reminders_sent_count(session) == 1


def test_no_reminder_before_the_window_then_one_inside_it():
    session = LiveSessionFactory()  # in two hours
    subscription(session)

    reminders.live_tick()
    assert mail.outbox == []

    reminders.live_tick(session.starts_at - timedelta(minutes=25))
    assert len(mail.outbox) == 1


def test_no_starting_soon_reminder_for_cancelled_or_started_sessions():
    cancelled = soon_session(state=LiveSession.State.CANCELLED, cancel_reason="Mưa bão")
    subscription(cancelled)
    started = live_session(starts_at=timezone.now() + timedelta(minutes=5))
    subscription(started)

    reminders.live_tick()

    assert mail.outbox == []
    assert not ReminderDelivery.objects.exists()


def test_a_row_made_before_an_unsubscribe_or_a_cancel_is_dropped_unsent(django_capture_on_commit_callbacks):
    left = soon_session()
    row = subscription(left)
    called_off = soon_session()
    subscription(called_off, email="hoa@example.vn")
    reminders.deliveries_before_start_create()
    row.unsubscribed_at = timezone.now()
    row.save()
    LiveSession.objects.filter(pk=called_off.pk).update(state=LiveSession.State.CANCELLED)

    assert reminders.deliveries_send_due() == 0

    assert mail.outbox == []
    assert not ReminderDelivery.objects.exists()


def test_starting_the_session_emails_live_now_once(django_capture_on_commit_callbacks):
    session = soon_session(minutes=10, title="Mật ong rừng")
    row = subscription(session)
    subscription(session, email="chua@example.vn", confirmed=False)

    with django_capture_on_commit_callbacks(execute=True):
        services.session_start(session=session, by=None)
    with django_capture_on_commit_callbacks(execute=True):
        services.session_start(session=session, by=None)
    reminders.live_tick()

    assert [message.subject for message in mail.outbox] == ["Đang live: Mật ong rừng"]
    assert mail.outbox[0].to == ["nguoixem@example.vn"]
    assert_can_unsubscribe(mail.outbox[0], row)


def test_a_replay_link_emails_the_replay_once(django_capture_on_commit_callbacks):
    session = ended_session(title="Chè Thái Nguyên")
    row = subscription(session)

    with django_capture_on_commit_callbacks(execute=True):
        services.session_set_replay(session=session, by=None, replay_url="https://www.youtube.com/watch?v=replay00001")
    with django_capture_on_commit_callbacks(execute=True):
        services.session_set_replay(session=session, by=None, replay_url="https://www.youtube.com/watch?v=replay00002")

    assert [message.subject for message in mail.outbox] == ["Xem lại: Chè Thái Nguyên"]
    assert "https://www.youtube.com/watch?v=replay00001" in mail.outbox[0].body
    assert_can_unsubscribe(mail.outbox[0], row)


def test_cancelling_emails_the_reason_and_no_starting_soon_reminder_follows(django_capture_on_commit_callbacks):
    session = soon_session(title="Bánh đa & kẹo lạc")
    row = subscription(session)

    with django_capture_on_commit_callbacks(execute=True):
        services.session_cancel(session=session, by=None, reason="Chủ cơ sở bị ốm")
    reminders.live_tick()

    assert [message.subject for message in mail.outbox] == ["Phiên live đã huỷ: Bánh đa & kẹo lạc"]
    assert "Lý do: Chủ cơ sở bị ốm" in mail.outbox[0].body
    assert_can_unsubscribe(mail.outbox[0], row)


def test_the_confirmation_email_can_unsubscribe_too(client, django_capture_on_commit_callbacks):
    session = soon_session()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("livestreams:subscribe", args=[session.pk]), {"email": "lan@example.vn"})

    row = session.subscriptions.get()
    assert_can_unsubscribe(mail.outbox[0], row)


def test_a_failed_send_is_counted_and_retried_later_never_twice(settings):
    session = soon_session()
    subscription(session)
    settings.EMAIL_BACKEND = "tests.livestreams.test_reminders.FailingBackend"
    now = timezone.now()

    assert reminders.live_tick(now)["sent"] == 0
    delivery = ReminderDelivery.objects.get()
    assert (delivery.attempts, delivery.sent_at, delivery.claimed_at) == (1, None, None)
    assert "SMTPServerDisconnected" in delivery.last_error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert reminders.live_tick(now)["sent"] == 0  # waits a little before trying again
    assert reminders.live_tick(now + timedelta(minutes=2))["sent"] == 1
    assert reminders.live_tick(now + timedelta(minutes=3))["sent"] == 0

    delivery.refresh_from_db()
    assert len(mail.outbox) == 1
    assert (delivery.attempts, delivery.last_error) == (2, "")
    assert delivery.sent_at is not None


def test_a_send_that_keeps_failing_stops_after_the_set_attempts(settings):
    settings.LIVE_REMINDER_MAX_ATTEMPTS = 3
    settings.EMAIL_BACKEND = "tests.livestreams.test_reminders.FailingBackend"
    session = soon_session()
    subscription(session)
    now = timezone.now()

    for hour in range(6):
        reminders.live_tick(now + timedelta(hours=hour))

    delivery = ReminderDelivery.objects.get()
    assert delivery.attempts == 3
    assert delivery.sent_at is None


def test_two_workers_claiming_one_row_only_one_gets_it():
    session = live_session()
    subscription(session)
    reminders.deliveries_queue(session=session, kind=Kind.LIVE_NOW)
    delivery = ReminderDelivery.objects.get()

    assert reminders.delivery_claim(delivery.pk) is True
    assert reminders.delivery_claim(delivery.pk) is False
    assert reminders.delivery_send(delivery.pk) is False
    assert mail.outbox == []


def test_a_claim_left_by_a_crashed_worker_is_taken_again_after_a_while():
    session = live_session()
    subscription(session)
    reminders.deliveries_queue(session=session, kind=Kind.LIVE_NOW)
    delivery = ReminderDelivery.objects.get()
    reminders.delivery_claim(delivery.pk, now=timezone.now() - timedelta(minutes=11))

    assert reminders.deliveries_send_due() == 1
    assert len(mail.outbox) == 1


def test_queueing_twice_makes_one_row_per_subscriber():
    session = live_session()
    subscription(session, email="a@example.vn")
    subscription(session, email="b@example.vn")

    reminders.deliveries_queue(session=session, kind=Kind.LIVE_NOW)
    reminders.deliveries_queue(session=session, kind=Kind.LIVE_NOW)

    assert ReminderDelivery.objects.filter(kind=Kind.LIVE_NOW).count() == 2


def test_beat_ends_a_session_left_live_past_its_end():
    forgotten = live_session(starts_at=timezone.now() - timedelta(hours=3), ends_at=timezone.now() - timedelta(hours=2))
    running = live_session()

    result = reminders.live_tick()

    forgotten.refresh_from_db()
    running.refresh_from_db()
    assert result["ended"] == 1
    assert forgotten.state == LiveSession.State.ENDED and running.state == LiveSession.State.LIVE


def test_the_beat_task_runs_the_tick():
    session = soon_session()
    subscription(session)

    result = tasks.live_tick.delay().get()

    assert result["sent"] == 1
    assert len(mail.outbox) == 1
