""""Nhắc tôi": subscribing an email address to one session's reminders, confirming it, unsubscribing it.

An address typed by a guest (or one other than the signed-in account's) is confirmed by a link sent to
it before any reminder goes there, so nobody can sign up someone else's mailbox. The account's own
address is confirmed at once. The token in the links is random and looked up in the database.
"""

from dataclasses import dataclass
from functools import partial

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.livestreams.errors import LiveError
from marketplace.livestreams.models import LiveSession, LiveSubscription
from producers.models import Producer

EMAIL_MAX_LENGTH = 254
TOKEN_MAX_LENGTH = 64
# An unconfirmed address asking again gets the confirmation email again, at most this often.
CONFIRMATION_RESEND_MINUTES = 10
# Confirmation emails one client address may cause per hour (they go to addresses nobody has proven yet).
CONFIRMATIONS_PER_ADDRESS_HOUR = 20
OPEN_STATES = (LiveSession.State.SCHEDULED, LiveSession.State.LIVE)


@dataclass(frozen=True)
class SubscribeOutcome:
    subscription: LiveSubscription
    # "confirmed": active now; "pending": waiting for the confirmation link; "already": nothing changed.
    status: str
    confirmation_sent: bool = False


def session_for_reminders(session_id) -> LiveSession | None:
    """The session a visitor may subscribe to: public (its host verified) and not over."""
    return (
        LiveSession.objects.select_related("host")
        .filter(pk=session_id, host__verification_status=Producer.Verification.VERIFIED)
        .first()
    )


def subscription_email_clean(raw) -> str:
    email = (raw or "").strip()
    if not email:
        raise LiveError(_("Hãy nhập email để nhận nhắc."), field="email")
    if len(email) > EMAIL_MAX_LENGTH:
        raise LiveError(_("Email dài quá (tối đa 254 ký tự)."), field="email")
    try:
        validate_email(email)
    except ValidationError:
        raise LiveError(_("Email này chưa đúng, hãy viết như ten@example.com."), field="email") from None
    # One person, one row: mailboxes treat addresses case-insensitively in practice.
    return email.lower()


def subscription_request(*, session: LiveSession, email: str, user=None, client_address: str = "") -> SubscribeOutcome:
    """Subscribe an address (the account's when left empty); a repeat changes nothing."""
    account_email = (getattr(user, "email", "") or "").strip() if getattr(user, "is_authenticated", False) else ""
    email = subscription_email_clean(email or account_email)
    own = bool(account_email) and email == account_email.lower()
    if not own and not _address_may_ask(client_address):
        raise LiveError(_("Bạn đã gửi nhiều yêu cầu quá. Hãy thử lại sau ít phút."))
    with transaction.atomic():
        session = LiveSession.objects.select_for_update().select_related("host").get(pk=session.pk)
        if not session.host.is_verified:
            raise LiveError(_("Phiên live này không còn nhận đăng ký nhắc."))
        if session.state not in OPEN_STATES:
            raise LiveError(_("Phiên live đã kết thúc hoặc đã huỷ, không đăng ký nhắc được nữa."))
        subscription = LiveSubscription.objects.select_for_update().filter(session=session, email=email).first()
        now = timezone.now()
        if subscription is None:
            subscription = _create(session=session, email=email, user=user if own else None,
                                   confirmed_at=now if own else None)
            if subscription is None:  # a twin request created it a moment ago
                return SubscribeOutcome(
                    LiveSubscription.objects.get(session=session, email=email), "already")
            status = "confirmed" if own else "pending"
        elif subscription.unsubscribed_at is not None:
            # Coming back after unsubscribing: a guest proves the address again.
            subscription.unsubscribed_at = None
            subscription.confirmed_at = now if own else None
            if own:
                subscription.user = user
            subscription.save(update_fields=["unsubscribed_at", "confirmed_at", "user"])
            status = "confirmed" if own else "pending"
        elif subscription.confirmed_at is None and own:
            # The account's owner is signed in: that proves the address a guest form left unconfirmed.
            subscription.confirmed_at, subscription.user = now, user
            subscription.save(update_fields=["confirmed_at", "user"])
            status = "confirmed"
        else:
            status = "already"
        sent = False
        if subscription.confirmed_at is None and _may_send_confirmation(subscription, client_address):
            transaction.on_commit(partial(_queue_confirmation, subscription.pk), robust=True)
            sent = True
    return SubscribeOutcome(subscription, status, confirmation_sent=sent)


def subscription_for_token(token) -> LiveSubscription | None:
    token = (token or "").strip()
    if not token or len(token) > TOKEN_MAX_LENGTH:
        return None
    return LiveSubscription.objects.select_related("session", "session__host").filter(token=token).first()


def subscription_confirm(*, subscription: LiveSubscription) -> LiveSubscription:
    """Confirm from the emailed link; safe to repeat. An unsubscribed address stays unsubscribed."""
    LiveSubscription.objects.filter(pk=subscription.pk, confirmed_at__isnull=True,
                                    unsubscribed_at__isnull=True).update(confirmed_at=timezone.now())
    subscription.refresh_from_db(fields=["confirmed_at", "unsubscribed_at"])
    return subscription


def subscription_unsubscribe(*, subscription: LiveSubscription) -> LiveSubscription:
    """Stop every further reminder to this address for this session; safe to repeat."""
    LiveSubscription.objects.filter(pk=subscription.pk, unsubscribed_at__isnull=True).update(
        unsubscribed_at=timezone.now())
    subscription.refresh_from_db(fields=["unsubscribed_at"])
    return subscription


def _create(*, session, email, user, confirmed_at) -> LiveSubscription | None:
    try:
        with transaction.atomic():
            return LiveSubscription.objects.create(session=session, email=email, user=user, confirmed_at=confirmed_at)
    except IntegrityError:
        return None


def _address_may_ask(client_address: str) -> bool:
    return not client_address or (cache.get(_address_key(client_address)) or 0) < CONFIRMATIONS_PER_ADDRESS_HOUR


def _address_key(client_address: str) -> str:
    return f"live-remind:confirmations:{client_address}"


def _may_send_confirmation(subscription: LiveSubscription, client_address: str) -> bool:
    """At most one confirmation per subscription per CONFIRMATION_RESEND_MINUTES; counted per client address."""
    if not cache.add(f"live-remind:confirmation:{subscription.pk}", 1, CONFIRMATION_RESEND_MINUTES * 60):
        return False
    if client_address:
        key = _address_key(client_address)
        if not cache.add(key, 1, 3600):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, 3600)
    return True


def _queue_confirmation(subscription_id: int) -> None:
    from marketplace.livestreams.tasks import send_subscription_confirmation

    send_subscription_confirmation.delay(subscription_id)


def confirmation_send(subscription_id: int) -> int:
    """Email the confirmation link (called by the task); nothing when confirmed or unsubscribed meanwhile."""
    from marketplace.livestreams import reminders

    subscription = (LiveSubscription.objects.select_related("session", "session__host")
                    .filter(pk=subscription_id, confirmed_at__isnull=True, unsubscribed_at__isnull=True).first())
    if subscription is None or subscription.session.state not in OPEN_STATES:
        return 0
    return reminders.email_send(subscription=subscription, template="confirm")
