""" "Theo dõi" a producer: an account follows and unfollows with one button; a guest leaves an email and
confirms it by the link sent to it (so nobody can sign up someone else's mailbox); every email carries a
one-click unsubscribe link. The token in the links is random and looked up in the database, like the
livestream reminders' ("Nhắc tôi"). The producer only ever sees the count.
"""

from dataclasses import dataclass
from functools import partial

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core import cache_version
from marketplace.core.throttle import throttle_allows, throttle_hit, throttle_once
from producers import follow_notifications
from producers.models import Producer, ProducerFollow

EMAIL_MAX_LENGTH = 254
TOKEN_MAX_LENGTH = 64
# Follow requests one client address may make per hour (each may send a confirmation email).
REQUESTS_PER_ADDRESS_HOUR = 20
# Confirmation emails one mailbox may receive per hour, whatever the producers and client addresses.
CONFIRMATIONS_PER_EMAIL_HOUR = 5
# An unconfirmed follow asking again gets the confirmation email again, at most this often.
CONFIRMATION_RESEND_SECONDS = 10 * 60


class FollowError(Exception):
    def __init__(self, message: str, *, field: str = ""):
        super().__init__(message)
        self.message, self.field = message, field


@dataclass(frozen=True)
class FollowOutcome:
    follow: ProducerFollow | None  # None: an account that did not follow asked to stop
    # "followed", "unfollowed", "pending" (waiting for the link), "already" (nothing changed).
    status: str
    confirmation_sent: bool = False


@dataclass(frozen=True)
class FollowState:
    count: int
    following: bool


# --- reads ----------------------------------------------------------------------------------------


def producer_for_follow(slug: str) -> Producer | None:
    """The producer a visitor may follow: public, that is verified."""
    return Producer.objects.filter(slug=slug, verification_status=Producer.Verification.VERIFIED).first()


def follower_count(producer: Producer) -> int:
    return ProducerFollow.objects.active().filter(producer=producer).count()


def follow_state(*, producer: Producer, user) -> FollowState:
    """The count, and whether the signed-in account follows (two small indexed queries at most)."""
    count = follower_count(producer)
    following = (
        bool(count)
        and getattr(user, "is_authenticated", False)
        and (ProducerFollow.objects.active().filter(producer=producer, user=user).exists())
    )
    return FollowState(count=count, following=following)


def follow_for_token(token) -> ProducerFollow | None:
    token = (token or "").strip() if isinstance(token, str) else ""
    if not token or len(token) > TOKEN_MAX_LENGTH:
        return None
    return ProducerFollow.objects.select_related("producer").filter(token=token).first()


# --- writes ---------------------------------------------------------------------------------------


def follow_email_clean(raw) -> str:
    email = raw.strip() if isinstance(raw, str) else ""
    if not email:
        raise FollowError(_("Hãy nhập email để nhận tin từ nhà sản xuất này."), field="email")
    if len(email) > EMAIL_MAX_LENGTH:
        raise FollowError(_("Email dài quá (tối đa 254 ký tự)."), field="email")
    try:
        validate_email(email)
    except ValidationError:
        raise FollowError(_("Email này chưa đúng, hãy viết như ten@example.com."), field="email") from None
    return email.lower()  # one person, one row: mailboxes treat addresses case-insensitively in practice


def follow_set(*, producer: Producer, user, following: bool) -> FollowOutcome:
    """A signed-in account follows (`following=True`) or stops following; repeating changes nothing.

    Her own address needs no confirmation. A guest follow left earlier with that address becomes hers."""
    if not getattr(user, "is_authenticated", False):
        raise FollowError(_("Hãy đăng nhập, hoặc để lại email để theo dõi."))
    email = (user.email or "").strip().lower()
    now = timezone.now()
    with transaction.atomic():
        producer = _locked_public(producer)
        follow = ProducerFollow.objects.select_for_update().filter(producer=producer, user=user).first()
        if follow is None and email:
            follow = (
                ProducerFollow.objects.select_for_update()
                .filter(producer=producer, email=email, user__isnull=True)
                .first()
            )
        if not following:
            if follow is None or not follow.active:
                return FollowOutcome(follow, "already")
            follow.unsubscribed_at = now
            follow.save(update_fields=["unsubscribed_at"])
            return FollowOutcome(follow, "unfollowed")
        if follow is not None and follow.active and follow.user_id == user.pk:
            return FollowOutcome(follow, "already")
        if follow is None:
            follow = ProducerFollow(producer=producer, email=email)
        follow.user, follow.confirmed_at, follow.unsubscribed_at = user, now, None
        try:
            with transaction.atomic():
                follow.save()
        except IntegrityError:  # a twin request saved it a moment ago
            return FollowOutcome(ProducerFollow.objects.get(producer=producer, user=user), "already")
    return FollowOutcome(follow, "followed")


def follow_request(*, producer: Producer, email, client_address: str = "") -> FollowOutcome:
    """A guest follows with an email address: pending until she opens the link we send to it."""
    email = follow_email_clean(email)
    address_key = f"follow:address:{client_address}" if client_address else ""
    if not throttle_allows(address_key, REQUESTS_PER_ADDRESS_HOUR):
        raise FollowError(_("Bạn đã gửi nhiều yêu cầu quá. Hãy thử lại sau ít phút."))
    throttle_hit(address_key, 3600)
    with transaction.atomic():
        producer = _locked_public(producer)
        follow = ProducerFollow.objects.select_for_update().filter(producer=producer, email=email).first()
        if follow is None:
            try:
                with transaction.atomic():
                    follow = ProducerFollow.objects.create(producer=producer, email=email)
            except IntegrityError:  # a twin request created it a moment ago
                return FollowOutcome(ProducerFollow.objects.get(producer=producer, email=email), "already")
            status = "pending"
        elif follow.unsubscribed_at is not None:
            # Coming back after unsubscribing: the address is proven again before any news goes there.
            follow.unsubscribed_at, follow.confirmed_at = None, None
            follow.save(update_fields=["unsubscribed_at", "confirmed_at"])
            status = "pending"
        else:
            status = "already"
        sent = follow.confirmed_at is None and _may_send_confirmation(follow)
        if sent:
            transaction.on_commit(partial(_queue_confirmation, follow.pk), robust=True)
    return FollowOutcome(follow, status, confirmation_sent=sent)


def follow_confirm(*, follow: ProducerFollow) -> ProducerFollow:
    """Confirm from the emailed link; safe to repeat. An unsubscribed follow stays unsubscribed."""
    ProducerFollow.objects.filter(
        pk=follow.pk, confirmed_at__isnull=True, unsubscribed_at__isnull=True
    ).update(confirmed_at=timezone.now())
    cache_version.bump()  # the producer's kept pages show the follower count
    follow.refresh_from_db(fields=["confirmed_at", "unsubscribed_at"])
    return follow


def follow_unsubscribe(*, follow: ProducerFollow) -> ProducerFollow:
    """Stop every further email about this producer to this follower; safe to repeat."""
    ProducerFollow.objects.filter(pk=follow.pk, unsubscribed_at__isnull=True).update(
        unsubscribed_at=timezone.now()
    )
    cache_version.bump()
    follow.refresh_from_db(fields=["unsubscribed_at"])
    return follow


def follow_confirmation_send(follow_id: int) -> int:
    """Email the confirmation link (called by the task); nothing when confirmed or unsubscribed meanwhile."""
    follow = (
        ProducerFollow.objects.select_related("producer", "user")
        .filter(pk=follow_id, confirmed_at__isnull=True, unsubscribed_at__isnull=True)
        .first()
    )
    if follow is None:
        return 0
    return follow_notifications.follow_confirmation_notify(follow=follow)


def _locked_public(producer: Producer) -> Producer:
    producer = Producer.objects.select_for_update().filter(pk=producer.pk).first()
    if producer is None or not producer.is_verified:
        raise FollowError(_("Nhà sản xuất này hiện không nhận người theo dõi."))
    return producer


def _may_send_confirmation(follow: ProducerFollow) -> bool:
    """At most one confirmation per follow per CONFIRMATION_RESEND_SECONDS, and a few per mailbox per hour."""
    email_key = f"follow:email:{follow.email}"
    if not throttle_allows(email_key, CONFIRMATIONS_PER_EMAIL_HOUR):
        return False
    if not throttle_once(f"follow:confirmation:{follow.pk}", CONFIRMATION_RESEND_SECONDS):
        return False
    throttle_hit(email_key, 3600)
    return True


def _queue_confirmation(follow_id: int) -> None:
    from producers.tasks import send_follow_confirmation

    send_follow_confirmation.delay(follow_id)
