"""notify(): one message to one person on every channel she has and wants, plus the in-app notice.

Email goes to who has an address and wants email; the phone channels (Zalo, SMS) are a chain: the
first one she wants that is switched on is tried, and when it fails for good (not on Zalo, refused)
the next one gets its own delivery row. Sending happens after the commit, in a Celery task; a
temporary failure is retried by beat after 1, 5, then 30 minutes, and the row is marked failed after
MAX_ATTEMPTS so staff see it (and can send it again).
"""

from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from marketplace.notifications import email as email_channel
from marketplace.notifications import sms, zalo
from marketplace.notifications.errors import SendError
from marketplace.notifications.models import Channel, Delivery, Notification
from marketplace.notifications.preferences import PHONE_CHANNELS, default_channels, user_channels

BACKOFF_MINUTES = (1, 5, 30)
MAX_ATTEMPTS = len(BACKOFF_MINUTES) + 1
# A claimed row is left alone this long: a worker that dies mid-send lets another try after it.
LEASE = timedelta(minutes=10)
DUE_BATCH = 100


@dataclass
class Texts:
    """What to say: short in-app title/body, email subject+body, one SMS line, ZNS template params."""

    title: str
    body: str = ""
    link: str = ""
    email_subject: str = ""
    email_body: str = ""
    sms: str = ""
    zalo_params: dict = field(default_factory=dict)


@dataclass
class Notified:
    notification: Notification | None
    deliveries: list  # the rows this call created (none when the key was seen before)
    sent: int = 0  # how many went out now, with send_now


def notify(*, key: str, kind: str, texts: Texts, user=None, phone: str = "", email: str = "",
           send_now: bool = False) -> Notified:
    """Record the in-app notice (for an account) and queue one delivery per wanted channel; idempotent by key.

    Without an account, `phone`/`email` are the checkout's. Deliveries are sent after the commit, or at
    once with `send_now` (for callers that are themselves a task running after the commit).
    """
    notification = None
    if user is not None:
        phone, email = user.phone or "", user.email or ""
        notification = _notification(user, key, kind, texts)
        wanted = user_channels(user)
    else:
        wanted = default_channels(email=email, phone=phone)
    rows = []
    if Channel.EMAIL in wanted and email and texts.email_subject:
        rows.append((Channel.EMAIL, email, {"subject": texts.email_subject, "body": texts.email_body}, None))
    chain = [_phone_step(channel, kind, texts) for channel in wanted if channel in PHONE_CHANNELS]
    chain = [step for step in chain if step is not None]
    if phone and chain:
        first, *rest = chain
        rows.append((first["channel"], phone, first["payload"], rest or None))
    created = [
        _queue(key=key, kind=kind, channel=channel, address=address, payload=payload, fallback=fallback,
               notification=notification, recipient=user, after_commit=not send_now)
        for channel, address, payload, fallback in rows
    ]
    created = [delivery for delivery in created if delivery is not None]
    sent = sum(delivery_send(delivery.pk) == Delivery.Status.SENT for delivery in created) if send_now else 0
    return Notified(notification, created, sent)


def _notification(user, key: str, kind: str, texts: Texts) -> Notification:
    notification, _created = Notification.objects.get_or_create(
        recipient=user, key=key,
        defaults={"kind": kind, "title": texts.title[:200], "body": texts.body[:500], "link": texts.link[:300]},
    )
    return notification


def _phone_step(channel: str, kind: str, texts: Texts) -> dict | None:
    if channel == Channel.ZALO and zalo.available(kind):
        return {"channel": Channel.ZALO.value,
                "payload": {"template_id": zalo.template_for(kind), "params": texts.zalo_params}}
    if channel == Channel.SMS and sms.available() and texts.sms:
        return {"channel": Channel.SMS.value, "payload": {"text": texts.sms}}
    return None


def _queue(*, key, kind, channel, address, payload, fallback, notification, recipient,
           after_commit: bool = True) -> Delivery | None:
    """The new delivery row, or None when this key already reached this address on this channel."""
    try:
        with transaction.atomic():
            delivery, created = Delivery.objects.get_or_create(
                key=key, channel=channel, address=address,
                defaults={"kind": kind, "payload": payload, "fallback": fallback, "notification": notification,
                          "recipient": recipient},
            )
    except IntegrityError:  # a concurrent notify() with the same key made it first
        return None
    if not created:
        return None
    if after_commit:
        _send_after_commit(delivery.pk)
    return delivery


def _send_after_commit(delivery_id: int) -> None:
    from marketplace.notifications.tasks import send_delivery  # the task module imports this one

    # robust: a broker outage must not undo the change that caused the message; beat picks the row up.
    transaction.on_commit(partial(send_delivery.delay, delivery_id), robust=True)


def delivery_send(delivery_id: int, *, now=None) -> str:
    """Try one queued delivery once, if it is due and nobody else holds it. Returns its status afterwards."""
    now = now or timezone.now()
    claimed = (
        Delivery.objects.filter(pk=delivery_id, status=Delivery.Status.QUEUED)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .update(attempts=F("attempts") + 1, next_attempt_at=now + LEASE)
    )
    delivery = Delivery.objects.get(pk=delivery_id)
    if not claimed:
        return delivery.status
    try:
        provider_id = _channel_send(delivery)
    except SendError as error:
        _failed_attempt(delivery, error, now)
    else:
        Delivery.objects.filter(pk=delivery.pk).update(
            status=Delivery.Status.SENT, sent_at=now, provider_message_id=provider_id[:100], last_error="",
            next_attempt_at=None)
        delivery.status = Delivery.Status.SENT
    return delivery.status


def _channel_send(delivery: Delivery) -> str:
    payload = delivery.payload
    if delivery.channel == Channel.EMAIL:
        return email_channel.send(delivery.address, payload["subject"], payload["body"])
    if delivery.channel == Channel.ZALO:
        if not zalo.available(delivery.kind):
            raise SendError("Zalo ZNS chưa được cấu hình", permanent=True)
        return zalo.send(delivery.address, payload["template_id"], payload["params"],
                         tracking_id=f"d{delivery.pk}")
    if not sms.available():
        raise SendError("SMS chưa được cấu hình", permanent=True)
    return sms.send(delivery.address, payload["text"], request_id=f"chophunu-{delivery.pk}")


def _failed_attempt(delivery: Delivery, error: SendError, now) -> None:
    message = str(error)[:500]
    if error.permanent or delivery.attempts >= MAX_ATTEMPTS:
        with transaction.atomic():
            Delivery.objects.filter(pk=delivery.pk).update(
                status=Delivery.Status.FAILED, last_error=message, next_attempt_at=None)
            if delivery.fallback:
                step, *rest = delivery.fallback
                _queue(key=delivery.key, kind=delivery.kind, channel=step["channel"], address=delivery.address,
                       payload=step["payload"], fallback=rest or None, notification=delivery.notification,
                       recipient=delivery.recipient)
        delivery.status = Delivery.Status.FAILED
        return
    wait = timedelta(minutes=BACKOFF_MINUTES[delivery.attempts - 1])
    Delivery.objects.filter(pk=delivery.pk).update(last_error=message, next_attempt_at=now + wait)


def deliveries_send_due(*, now=None) -> int:
    """Beat, every minute: retry the deliveries whose next attempt is due (and any the broker lost)."""
    now = now or timezone.now()
    due = list(
        Delivery.objects.filter(status=Delivery.Status.QUEUED)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:DUE_BATCH]
    )
    return sum(delivery_send(pk, now=now) == Delivery.Status.SENT for pk in due)


def delivery_retry(delivery: Delivery) -> bool:
    """Staff's "gửi lại": a failed delivery gets a fresh set of attempts."""
    updated = Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.FAILED).update(
        status=Delivery.Status.QUEUED, attempts=0, next_attempt_at=None)
    if updated:
        _send_after_commit(delivery.pk)
    return bool(updated)


def notifications_mark_read(user, notification_id: int | None = None) -> int:
    """Mark one of her notifications (or all of them) read; another person's id changes nothing."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())
