"""Reminder emails to a session's subscribers: each message at most once per subscriber.

A reminder is a ReminderDelivery row (unique per subscription and kind), never a long Celery countdown
(DESIGN.md): `deliveries_queue` makes the rows of an event (live now, replay, cancelled) and has them sent
after commit; beat's `live_tick` makes the "starting soon" rows when a session comes within
LIVE_REMINDER_MINUTES_BEFORE minutes and sends whatever is due, including earlier failures.

Sending a row: claim it with one conditional UPDATE (only one worker matches), check it still makes
sense (still subscribed, session still in the right state), send, mark it sent. A failed send frees the
claim and waits a little longer each time, up to LIVE_REMINDER_MAX_ATTEMPTS tries. A row that no longer
makes sense is deleted unsent. A claim left by a crashed worker may be taken again after STALE_CLAIM.
"""

import logging
import smtplib
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from marketplace.core.emails import email_render
from marketplace.core.links import absolute_url
from marketplace.livestreams.models import LiveSession, LiveSubscription, ReminderDelivery
from marketplace.notifications.services import Texts, notify
from producers.models import Producer

logger = logging.getLogger(__name__)
Kind = ReminderDelivery.Kind
State = LiveSession.State
STALE_CLAIM = timedelta(minutes=10)
SEND_BATCH = 500
TEMPLATES = {Kind.BEFORE_START: "before", Kind.LIVE_NOW: "live", Kind.REPLAY: "replay", Kind.CANCELLED: "cancelled"}


def deliveries_queue(*, session, kind) -> int:
    """Make one due row per active subscriber of the session (none twice) and send them after commit."""
    now = timezone.now()
    subscription_ids = _active(LiveSubscription.objects.filter(session_id=session.pk)).values_list("pk", flat=True)
    rows = [ReminderDelivery(subscription_id=pk, kind=kind, due_at=now) for pk in subscription_ids]
    ReminderDelivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=SEND_BATCH)
    if rows:
        transaction.on_commit(partial(_queue_send, session.pk, str(kind)), robust=True)
    return len(rows)


def live_tick(now=None) -> dict:
    """Beat, every minute: end forgotten sessions, make the "starting soon" rows, send what is due."""
    from marketplace.livestreams.services import sessions_auto_end

    now = now or timezone.now()
    ended = sessions_auto_end(now)
    queued = deliveries_before_start_create(now=now)
    sent = deliveries_send_due(now=now)
    return {"ended": ended, "queued": queued, "sent": sent}


def deliveries_before_start_create(*, now=None) -> int:
    now = now or timezone.now()
    soon = now + timedelta(minutes=settings.LIVE_REMINDER_MINUTES_BEFORE)
    subscription_ids = (
        _active(LiveSubscription.objects.filter(
            session__state=State.SCHEDULED, session__starts_at__gt=now, session__starts_at__lte=soon,
            session__host__verification_status=Producer.Verification.VERIFIED,
        ))
        .exclude(deliveries__kind=Kind.BEFORE_START)
        .values_list("pk", flat=True)
    )
    rows = [ReminderDelivery(subscription_id=pk, kind=Kind.BEFORE_START, due_at=now) for pk in subscription_ids]
    ReminderDelivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=SEND_BATCH)
    return len(rows)


def deliveries_send_due(*, now=None, session_id=None, kind=None) -> int:
    """Send the due unsent rows (of one session and kind, if given); returns how many went."""
    now = now or timezone.now()
    due = _claimable(ReminderDelivery.objects.filter(due_at__lte=now), now)
    if session_id is not None:
        due = due.filter(subscription__session_id=session_id)
    if kind is not None:
        due = due.filter(kind=kind)
    delivery_ids = list(due.order_by("due_at", "pk").values_list("pk", flat=True)[:SEND_BATCH])
    return sum(1 for delivery_id in delivery_ids if delivery_send(delivery_id, now=now))


def delivery_claim(delivery_id: int, *, now=None) -> bool:
    """Take the row for this worker; of two workers claiming at once, only one gets True."""
    now = now or timezone.now()
    claimed = _claimable(ReminderDelivery.objects.filter(pk=delivery_id), now).update(
        claimed_at=now, attempts=F("attempts") + 1)
    return claimed == 1


def delivery_send(delivery_id: int, *, now=None) -> bool:
    now = now or timezone.now()
    if not delivery_claim(delivery_id, now=now):
        return False
    delivery = ReminderDelivery.objects.select_related("subscription__session__host").get(pk=delivery_id)
    if not _still_wanted(delivery):
        ReminderDelivery.objects.filter(pk=delivery_id, sent_at__isnull=True).delete()
        return False
    try:
        email_send(subscription=delivery.subscription, template=TEMPLATES[delivery.kind])
    except Exception as error:  # noqa: BLE001 - any failure frees the row for a later try, then is logged
        if isinstance(error, (smtplib.SMTPException, OSError)):
            logger.warning("live reminder %s not sent: %s", delivery_id, error)
        else:
            logger.exception("live reminder %s not sent", delivery_id)
        ReminderDelivery.objects.filter(pk=delivery_id, sent_at__isnull=True).update(
            claimed_at=None, last_error=f"{type(error).__name__}: {error}"[:300],
            due_at=now + timedelta(minutes=delivery.attempts ** 2))
        return False
    ReminderDelivery.objects.filter(pk=delivery_id).update(sent_at=timezone.now(), claimed_at=None, last_error="")
    _notify_account(delivery)
    return True


def _notify_account(delivery: ReminderDelivery) -> None:
    """A subscriber with an account also sees the reminder in the app (and, phone-only, by Zalo/SMS if
    she chose it); the email above stays the subscription's own channel. Idempotent by the row's id."""
    subscription = delivery.subscription
    if subscription.user_id is None or delivery.kind not in (Kind.BEFORE_START, Kind.LIVE_NOW):
        return
    session = subscription.session
    with translation.override(settings.LANGUAGE_CODE):
        context = email_context(subscription)
        subject = email_render(f"livestreams/email/{TEMPLATES[delivery.kind]}", context)[0]
        texts = Texts(title=subject, body=session.title, link=reverse("livestreams:detail", args=[session.pk]),
                      sms=_("Chợ Phụ nữ: %(subject)s %(url)s") % {"subject": subject, "url": context["session_url"]},
                      zalo_params={"shop_name": session.host.name[:30], "title": session.title[:100],
                                   "time": context["starts_time"]})
    notify(key=f"live:{delivery.pk}", kind="live_starting", texts=texts, user=subscription.user, send_now=True)


def reminders_sent_count(session) -> int:
    return ReminderDelivery.objects.filter(subscription__session_id=session.pk, sent_at__isnull=False).count()


def email_send(*, subscription: LiveSubscription, template: str) -> int:
    """Render livestreams/email/<template>[_subject].txt for one subscriber and send it; raises on failure."""
    with translation.override(settings.LANGUAGE_CODE):
        context = email_context(subscription)
        subject, body = email_render(f"livestreams/email/{template}", context)
    headers = {
        "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return EmailMessage(subject, body, None, [subscription.email], headers=headers).send()


def email_context(subscription: LiveSubscription) -> dict:
    session = subscription.session
    site_url = absolute_url()
    starts = timezone.localtime(session.starts_at)
    return {
        "session": session,
        "host": session.host,
        "subscription": subscription,
        "starts_time": starts.strftime("%H:%M"),
        "starts_date": starts.strftime("%d/%m/%Y"),
        "site_url": site_url,
        "session_url": site_url + reverse("livestreams:detail", args=[session.pk]),
        "ics_url": site_url + reverse("livestreams:ics", args=[session.pk]),
        "confirm_url": site_url + reverse("livestreams:confirm", args=[subscription.token]),
        "unsubscribe_url": site_url + reverse("livestreams:unsubscribe", args=[subscription.token]),
    }


def _still_wanted(delivery: ReminderDelivery) -> bool:
    subscription = delivery.subscription
    session = subscription.session
    if not subscription.active:
        return False
    if delivery.kind == Kind.BEFORE_START:
        return session.state == State.SCHEDULED and session.host.is_verified
    if delivery.kind == Kind.LIVE_NOW:
        return session.state == State.LIVE
    if delivery.kind == Kind.REPLAY:
        return bool(session.replay_url)
    if delivery.kind == Kind.CANCELLED:
        return session.state == State.CANCELLED
    return False


def _active(subscriptions):
    return subscriptions.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)


def _claimable(deliveries, now):
    return deliveries.filter(
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - STALE_CLAIM),
        sent_at__isnull=True, attempts__lt=settings.LIVE_REMINDER_MAX_ATTEMPTS,
    )


def _queue_send(session_id: int, kind: str) -> None:
    from marketplace.livestreams.tasks import send_session_reminders

    send_session_reminders.delay(session_id, kind)
