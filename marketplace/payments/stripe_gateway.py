"""Card payments by Stripe: the only module that imports the SDK, and every Stripe error leaves it as a PaymentError.

One Stripe Checkout Session pays for a whole checkout, one line item per producer's order: the buyer
types her card once and is charged once, and the order ids in the session's metadata say what the
money was for. Each order keeps its own share, so refunds are made per order against that one
payment intent. Orders are fulfilled by the webhook (card_events), never by the success page.

VND is a zero-decimal currency for Stripe: amounts are whole đồng, sent as they are.
"""

import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import timedelta

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from marketplace.core.money import format_vnd
from marketplace.ledger.postings import post_card_refund
from marketplace.orders.models import Checkout, Order, OrderStatusChange
from marketplace.payments.card_refunds import next_refund_sequence, order_refundable_left, refund_settle
from marketplace.payments.errors import PaymentError
from marketplace.payments.models import CardPayment, CardRefund

logger = logging.getLogger(__name__)

CURRENCY = "vnd"
STRIPE_SESSION_MIN = timedelta(minutes=30)  # Stripe refuses a session that expires sooner or later than this
STRIPE_SESSION_MAX = timedelta(hours=24)
# A failed call may be sent again under the same key with the same parameters for this long; after
# that the session would no longer live Stripe's 30 minutes, so a new attempt starts.
RETRY_WINDOW = timedelta(minutes=5)
# The orders outlive their session a little, so Stripe's "expired" event cancels them rather than
# beat's expiry, which stays as the backstop when the event never comes.
ORDER_GRACE = timedelta(minutes=5)
WEBHOOK_TOLERANCE_SECONDS = 300
MAX_NETWORK_RETRIES = 2  # the SDK's own retries resend our idempotency key


def card_available() -> bool:
    return bool(settings.STRIPE_SECRET_KEY)


def checkout_session_start(*, checkout: Checkout, success_url: str, cancel_url: str) -> str:
    """The Stripe Checkout URL to send the buyer to, for the orders of the checkout still awaiting payment.

    A session still open is reused (a second click pays the same session); a call that failed on the
    network is resent under the same idempotency key; otherwise a new attempt gets a new key.
    """
    if not card_available():
        raise PaymentError(_("Hiện chưa nhận thanh toán bằng thẻ. Hãy chọn cách thanh toán khác."))
    attempt = _attempt_prepare(checkout, success_url=success_url, cancel_url=cancel_url)
    if attempt.open_url:
        return attempt.open_url
    try:
        session = _client().v1.checkout.sessions.create(attempt.params, options={"idempotency_key": attempt.key})
    except stripe.StripeError as error:
        if not isinstance(error, stripe.APIConnectionError):
            # Stripe keeps the answer it gave to a key: only a call that may never have arrived is resent.
            CardPayment.objects.filter(checkout=checkout, attempt=attempt.number).update(attempt_fingerprint="")
        raise _payment_error(error, _("Chưa mở được trang thanh toán thẻ. Xin thử lại hoặc chọn cách "
                                      "thanh toán khác.")) from error
    with transaction.atomic():
        card = CardPayment.objects.select_for_update().get(checkout=checkout)
        if card.attempt == attempt.number:
            card.session_id, card.session_url = session.id, session.url
            card.save(update_fields=["session_id", "session_url", "updated_at"])
    return session.url


def refund_order(*, order: Order, amount: int, by, restock: bool, reason: str = "") -> None:
    """Give `amount` đồng of a card-paid order back to the card; the whole total moves the order to refunded.

    Who may refund which order (the seller her producer's, staff their scope) is the caller's check;
    the orders domain records the amount and emails buyer and seller. `restock` is passed to the refunded
    transition (the goods came back); a partial refund leaves stock.
    """
    role = _role_of(by, order)
    refund, payment_intent = _refund_prepare(order, amount=amount, by=by)
    try:
        answer = _client().v1.refunds.create(
            {"payment_intent": payment_intent, "amount": amount,
             "metadata": {"order": order.number, "checkout": order.checkout.reference}},
            options={"idempotency_key": f"refund-{order.number}-{refund.sequence}"},
        )
    except stripe.StripeError as error:
        if isinstance(error, stripe.APIConnectionError):
            refund.delete()  # it may never have arrived: the next try resends the same key
        else:
            refund.status = CardRefund.Status.FAILED  # Stripe keeps its answer to this key: burn the number
            refund.save(update_fields=["status"])
        raise _payment_error(error, _("Cổng thanh toán thẻ chưa nhận yêu cầu hoàn tiền. Xin thử lại sau "
                                      "hoặc báo cán bộ Hội.")) from error
    if answer.status in {"failed", "canceled"}:
        refund.status, refund.stripe_refund_id = CardRefund.Status.FAILED, answer.id
        refund.save(update_fields=["status", "stripe_refund_id"])
        raise PaymentError(_("Ngân hàng không nhận khoản hoàn tiền này. Xin báo cán bộ Hội."))
    succeeded = answer.status == "succeeded"
    refund.status = CardRefund.Status.SUCCEEDED if succeeded else CardRefund.Status.PENDING
    refund.stripe_refund_id = answer.id
    refund.save(update_fields=["status", "stripe_refund_id"])
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        refund_settle(order=locked, actor=by, role=role, restock=restock, reason=reason)
        # Pending counts too: the orders domain already counts it as refunded (Stripe sends no failure event).
        post_card_refund(locked, amount, f"card-refund-{refund.pk}")
    order.refresh_from_db()


def webhook_event_verify(*, payload: bytes, signature: str) -> dict:
    """The event of a webhook call signed by Stripe within the last five minutes, or PaymentError."""
    secret = settings.STRIPE_WEBHOOK_SECRET
    if not secret:
        logger.error("A Stripe webhook arrived but STRIPE_WEBHOOK_SECRET is not set")
        raise PaymentError(_("Webhook Stripe chưa được cấu hình."))
    try:
        stripe.WebhookSignature.verify_header(payload, signature, secret, tolerance=WEBHOOK_TOLERANCE_SECONDS)
        event = json.loads(payload)
    except (stripe.SignatureVerificationError, ValueError) as error:  # UnicodeDecodeError is a ValueError
        raise PaymentError(_("Chữ ký hoặc nội dung webhook không hợp lệ.")) from error
    well_formed = (
        isinstance(event, dict) and isinstance(event.get("id"), str) and isinstance(event.get("type"), str)
        and isinstance(event.get("data"), dict) and isinstance(event["data"].get("object"), dict)
        and isinstance(event.get("created", 0), int)
    )
    if not well_formed:
        raise PaymentError(_("Chữ ký hoặc nội dung webhook không hợp lệ."))
    return event


@dataclass
class _Attempt:
    number: int = 0
    key: str = ""
    params: dict | None = None
    open_url: str = ""


def _attempt_prepare(checkout: Checkout, *, success_url: str, cancel_url: str) -> _Attempt:
    with transaction.atomic():
        orders = list(
            Order.objects.select_for_update().select_related("producer")
            .filter(checkout=checkout, status=Order.Status.PENDING_PAYMENT, payment_status=Order.PaymentStatus.UNPAID)
            .order_by("pk")
        )
        if checkout.payment_method != Checkout.PaymentMethod.CARD:
            raise PaymentError(_("Lần đặt hàng này không chọn thanh toán bằng thẻ."))
        if not orders:
            raise PaymentError(_("Không còn đơn nào chờ thanh toán: đơn đã được thanh toán hoặc đã huỷ."))
        card, _created = CardPayment.objects.select_for_update().get_or_create(checkout=checkout)
        now = timezone.now()
        if card.session_url and card.session_expires_at and card.session_expires_at - now > RETRY_WINDOW:
            return _Attempt(number=card.attempt, open_url=card.session_url)
        if (card.attempt and not card.session_id and card.attempt_fingerprint
                and card.session_expires_at - now >= STRIPE_SESSION_MIN + timedelta(minutes=1)):
            params = _session_params(checkout, orders, card.session_expires_at, success_url, cancel_url)
            if _fingerprint(params) == card.attempt_fingerprint:
                return _Attempt(number=card.attempt, key=_session_key(checkout, card.attempt), params=params)
        expires_at = _session_expiry(orders, now)
        params = _session_params(checkout, orders, expires_at, success_url, cancel_url)
        card.attempt += 1
        card.attempt_fingerprint = _fingerprint(params)
        card.session_id, card.session_url, card.session_expires_at = "", "", expires_at
        card.save()
        Order.objects.filter(pk__in=[order.pk for order in orders], expires_at__lt=expires_at + ORDER_GRACE).update(
            expires_at=expires_at + ORDER_GRACE
        )
    return _Attempt(number=card.attempt, key=_session_key(checkout, card.attempt), params=params)


def _session_key(checkout: Checkout, attempt: int) -> str:
    return f"checkout-{checkout.reference}-attempt-{attempt}"


def _session_expiry(orders: list[Order], now):
    """The orders' own payment deadline, pulled into the window Stripe allows (30 minutes to 24 hours)."""
    deadlines = [order.expires_at for order in orders if order.expires_at]
    deadline = min(deadlines) if deadlines else now + timedelta(minutes=settings.ORDER_PAYMENT_TIMEOUT_MINUTES)
    earliest = now + STRIPE_SESSION_MIN + RETRY_WINDOW
    latest = now + STRIPE_SESSION_MAX - RETRY_WINDOW
    return min(max(deadline, earliest), latest).replace(microsecond=0)


def _session_params(checkout: Checkout, orders: list[Order], expires_at, success_url: str, cancel_url: str) -> dict:
    order_ids = ",".join(str(order.pk) for order in orders)
    metadata = {"checkout": checkout.reference, "orders": order_ids}
    params = {
        "mode": "payment",
        "client_reference_id": checkout.reference,
        "line_items": [
            {
                "quantity": 1,
                "price_data": {
                    "currency": CURRENCY,
                    "unit_amount": order.total,  # whole đồng: VND has no minor unit
                    "product_data": {
                        "name": _("Đơn %(number)s — %(producer)s") % {"number": order.number,
                                                                       "producer": order.producer.name},
                    },
                },
            }
            for order in orders
        ],
        "metadata": metadata,
        "payment_intent_data": {"metadata": metadata},
        "expires_at": int(expires_at.timestamp()),
        "success_url": success_url,
        "cancel_url": cancel_url,
        "locale": "vi" if (translation.get_language() or "vi").startswith("vi") else "en",
    }
    if checkout.email:
        params["customer_email"] = checkout.email
    return params


def _fingerprint(params: dict) -> str:
    return hashlib.sha256(json.dumps(params, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _refund_prepare(order: Order, *, amount: int, by) -> tuple[CardRefund, str]:
    """Check the amount against what is left and book the refund (as being sent) under the order's lock."""
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise PaymentError(_("Số tiền hoàn phải là số đồng lớn hơn 0."))
    if not card_available():
        raise PaymentError(_("Chưa cấu hình cổng thanh toán thẻ nên chưa hoàn tiền được."))
    with transaction.atomic():
        locked = Order.objects.select_for_update().select_related("checkout").get(pk=order.pk)
        if locked.checkout.payment_method != Checkout.PaymentMethod.CARD:
            raise PaymentError(_("Đơn này không trả bằng thẻ nên không hoàn tiền qua cổng thẻ."))
        card = CardPayment.objects.select_for_update().filter(checkout_id=locked.checkout_id).first()
        if card is not None and card.payment_intent_id and card.currency and card.currency != CURRENCY:
            raise PaymentError(_("Khoản thanh toán này cần cán bộ Hội kiểm tra trước khi hoàn tiền."))
        left = order_refundable_left(locked, card)
        if left <= 0:
            raise PaymentError(_("Đơn chưa được thanh toán bằng thẻ hoặc đã hoàn hết tiền."))
        if amount > left:
            raise PaymentError(_("Chỉ có thể hoàn tối đa %(amount)s cho đơn này.") % {"amount": format_vnd(left)})
        try:
            with transaction.atomic():
                refund = CardRefund.objects.create(
                    order=locked, sequence=next_refund_sequence(locked), amount=amount,
                    by=by if getattr(by, "is_authenticated", False) else None,
                )
        except IntegrityError:  # SQLite without row locks: another refund of this order took the number
            raise PaymentError(_("Đơn đang được hoàn tiền ở nơi khác. Xin tải lại trang.")) from None
    return refund, card.payment_intent_id


def _role_of(by, order: Order) -> str:
    if not getattr(by, "is_authenticated", False):
        return OrderStatusChange.Role.SYSTEM
    from producers.selectors import membership_of

    membership = membership_of(by)
    if membership is not None and membership.producer_id == order.producer_id:
        return OrderStatusChange.Role.SELLER
    return OrderStatusChange.Role.STAFF


def _client() -> stripe.StripeClient:
    base = {"api": settings.STRIPE_API_BASE} if settings.STRIPE_API_BASE else None
    return stripe.StripeClient(settings.STRIPE_SECRET_KEY, base_addresses=base,
                               max_network_retries=MAX_NETWORK_RETRIES)


def _payment_error(error: stripe.StripeError, fallback: str) -> PaymentError:
    logger.warning("Stripe error %s (status %s, code %s, request %s): %s", type(error).__name__,
                   error.http_status, error.code, error.request_id, error.user_message or error)
    if isinstance(error, stripe.APIConnectionError):
        return PaymentError(_("Chưa kết nối được với cổng thanh toán thẻ. Xin thử lại sau ít phút."))
    if isinstance(error, stripe.RateLimitError):
        return PaymentError(_("Cổng thanh toán thẻ đang bận. Xin thử lại sau ít phút."))
    if isinstance(error, (stripe.AuthenticationError, stripe.PermissionError)):
        return PaymentError(_("Cổng thanh toán thẻ chưa được cấu hình đúng. Xin báo cán bộ Hội."))
    if isinstance(error, stripe.CardError):
        return PaymentError(_("Thẻ bị từ chối. Xin dùng thẻ khác hoặc chọn cách thanh toán khác."))
    return PaymentError(fallback)
