"""What a verified Stripe event does to our orders. Orders are fulfilled here, never on the success page.

Every event is stored before it is handled, in the same transaction: a second delivery of the same id
finds the row and changes nothing. Handling is also safe for a different event that says the same
thing again (completed, then async_payment_succeeded), and for events out of order: an order that is
already paid ignores a later "expired"; an order already cancelled that gets paid is flagged for
staff, never revived (its stock may be sold already).
"""

import logging
from datetime import UTC, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.audit import audit_record
from marketplace.core.money import format_vnd
from marketplace.ledger.postings import post_card_payment, post_card_refund
from marketplace.orders.models import Checkout, Order, OrderStatusChange
from marketplace.orders.payment import order_mark_paid
from marketplace.orders.transitions import order_transition
from marketplace.payments.card_refunds import (
    checkout_refunded_amount,
    next_refund_sequence,
    order_refundable_left,
    refund_settle,
)
from marketplace.payments.models import CardPayment, CardRefund, StripeEvent

logger = logging.getLogger(__name__)
SYSTEM = OrderStatusChange.Role.SYSTEM
CURRENCY = "vnd"


def stripe_event_receive(event: dict) -> str:
    """Record the event and apply it once; returns what happened ("replay", "paid", "ignored", ...)."""
    with transaction.atomic():
        row, created = StripeEvent.objects.get_or_create(
            event_id=event["id"],
            defaults={
                "type": event["type"], "payload": event,
                "created": datetime.fromtimestamp(int(event.get("created") or 0), tz=UTC),
            },
        )
        if not created:
            return "replay"
        handler = HANDLERS.get(event["type"])
        outcome = handler(event["data"]["object"]) if handler else "ignored"
        row.processed_at, row.outcome = timezone.now(), outcome
        row.save(update_fields=["processed_at", "outcome"])
    logger.info("Stripe event %s (%s): %s", event["id"], event["type"], outcome)
    return outcome


def _session_completed(session: dict) -> str:
    if session.get("payment_status") != "paid":
        return "awaiting_payment"  # a delayed method: async_payment_succeeded or _failed follows
    return _session_paid(session)


def _session_paid(session: dict) -> str:
    checkout = _checkout_of(session)
    if checkout is None:
        return "unknown_checkout"
    orders = _locked_orders(checkout, session)
    card, _created = CardPayment.objects.select_for_update().get_or_create(checkout=checkout)
    payment_intent = _id_of(session.get("payment_intent"))
    amount, currency = int(session.get("amount_total") or 0), str(session.get("currency") or "").lower()

    if card.payment_intent_id and payment_intent and card.payment_intent_id != payment_intent:
        _flag(card, orders, CardPayment.Problem.DUPLICATE, "payment_duplicate",
              _("Người mua trả thêm một lần nữa (%(amount)s, %(intent)s): cần hoàn lại khoản thừa.")
              % {"amount": _money(amount, currency), "intent": payment_intent})
        return "duplicate_payment"
    if card.problem == CardPayment.Problem.AMOUNT_MISMATCH and card.payment_intent_id == payment_intent:
        return "amount_mismatch"  # already flagged by an earlier event of this payment
    seen_before = bool(payment_intent) and card.payment_intent_id == payment_intent

    card.payment_intent_id, card.amount_received, card.currency = payment_intent, amount, currency
    card.paid_order_ids = [order.pk for order in orders]
    card.paid_at = card.paid_at or timezone.now()
    expected = sum(order.total for order in orders)
    if currency != CURRENCY or amount != expected:
        _flag(card, orders, CardPayment.Problem.AMOUNT_MISMATCH, "payment_mismatch",
              _("Stripe báo đã nhận %(received)s nhưng các đơn cần %(expected)s: chưa ghi nhận thanh toán.")
              % {"received": _money(amount, currency), "expected": format_vnd(expected)})
        return "amount_mismatch"
    card.save()

    outcome = "paid"
    for order in orders:
        if order.payment_status != Order.PaymentStatus.UNPAID:
            continue  # paid by an earlier delivery
        if order.status == Order.Status.PENDING_PAYMENT:
            order_mark_paid(order=order, by=None, role=SYSTEM, reason=_("Đã thanh toán bằng thẻ."))
            post_card_payment(order)
        elif order.status == Order.Status.CANCELLED:
            outcome = "paid_after_cancel"
            if seen_before:
                continue  # flagged when this payment was first reported
            _flag(card, [order], CardPayment.Problem.PAID_AFTER_CANCEL, "paid_after_cancel",
                  _("Người mua trả %(amount)s bằng thẻ sau khi đơn đã huỷ: cần hoàn tiền.")
                  % {"amount": format_vnd(order.total)})
            post_card_payment(order)  # held by us until staff give it back
    return outcome


def _session_failed(session: dict) -> str:
    return _session_ended(session, reason=_("Thanh toán thẻ không thành công."), event="cancelled")


def _session_expired(session: dict) -> str:
    return _session_ended(session, reason=_("Quá thời hạn thanh toán thẻ."), event="payment_expired")


def _session_ended(session: dict, *, reason: str, event: str) -> str:
    checkout = _checkout_of(session)
    if checkout is None:
        return "unknown_checkout"
    orders = _locked_orders(checkout, session)
    card = CardPayment.objects.select_for_update().filter(checkout=checkout).first()
    if card is None or card.session_id != session.get("id"):
        return "stale_session"  # an earlier attempt's session: the current one may still be paid
    cancelled = 0
    for order in orders:
        # Already paid (the completed event came first) or already cancelled: nothing to undo.
        if order.status == Order.Status.PENDING_PAYMENT and order.payment_status == Order.PaymentStatus.UNPAID:
            order_transition(order=order, to_status=Order.Status.CANCELLED, actor=None, role=SYSTEM, reason=reason,
                             event=event)
            cancelled += 1
    return "cancelled" if cancelled else "ignored"


def _charge_refunded(charge: dict) -> str:
    card = CardPayment.objects.filter(payment_intent_id=_id_of(charge.get("payment_intent")) or "-").first()
    if card is None:
        return "unknown_payment"
    orders = list(Order.objects.select_for_update().filter(checkout_id=card.checkout_id).order_by("pk"))
    card = CardPayment.objects.select_for_update().get(pk=card.pk)
    extra = int(charge.get("amount_refunded") or 0) - checkout_refunded_amount(card.checkout_id)
    if extra > 0 and not _attribute_outside_refund(card, orders, extra):
        return "refund_unattributed"
    changed = False
    for order in orders:
        if refund_settle(order=order, actor=None, role=SYSTEM, restock=False):
            changed = True
    return "refunded" if changed else "ignored"


def _attribute_outside_refund(card: CardPayment, orders: list[Order], extra: int) -> bool:
    """A refund made in Stripe's dashboard: book it on the order it must belong to, or flag it."""
    left = {order: order_refundable_left(order, card) for order in orders}
    candidates = {order: amount for order, amount in left.items() if amount > 0}
    if len(candidates) == 1 and extra <= next(iter(candidates.values())):
        shares = {next(iter(candidates)): extra}
    elif candidates and extra == sum(candidates.values()):
        shares = candidates  # everything refunded
    else:
        _flag(card, orders, CardPayment.Problem.REFUND_UNATTRIBUTED, "refund_unattributed",
              _("Stripe báo đã hoàn thêm %(amount)s ngoài hệ thống; hãy ghi nhận cho đúng đơn.")
              % {"amount": format_vnd(extra)})
        return False
    for order, amount in shares.items():
        refund = CardRefund.objects.create(order=order, sequence=next_refund_sequence(order), amount=amount,
                                           status=CardRefund.Status.SUCCEEDED, through_marketplace=False)
        post_card_refund(order, amount, f"card-refund-{refund.pk}")
    return True


def _checkout_of(session: dict) -> Checkout | None:
    reference = session.get("client_reference_id") or (session.get("metadata") or {}).get("checkout")
    if not reference:
        return None
    return Checkout.objects.filter(reference=reference, payment_method=Checkout.PaymentMethod.CARD).first()


def _locked_orders(checkout: Checkout, session: dict) -> list[Order]:
    """The orders the session was for (named in its metadata), locked in primary-key order."""
    orders = Order.objects.select_for_update().filter(checkout=checkout).select_related("checkout")
    named = [int(part) for part in str((session.get("metadata") or {}).get("orders", "")).split(",")
             if part.strip().isdigit()]
    if named:
        orders = orders.filter(pk__in=named)
    return list(orders.order_by("pk"))


def _flag(card: CardPayment, orders: list[Order], problem: str, action: str, reason: str) -> None:
    card.problem = problem
    card.save()
    for order in orders:
        audit_record(subject=order, action=action, reason=reason)
    logger.warning("Card payment of checkout %s flagged %s: %s", card.checkout_id, problem, reason)


def _id_of(value) -> str:
    """An id, whether Stripe sent it bare or expanded into its object."""
    if isinstance(value, dict):
        value = value.get("id")
    return str(value or "")


def _money(amount: int, currency: str) -> str:
    return format_vnd(amount) if currency == CURRENCY else f"{amount} {currency.upper() or '?'}"


HANDLERS = {
    "checkout.session.completed": _session_completed,
    "checkout.session.async_payment_succeeded": _session_paid,
    "checkout.session.async_payment_failed": _session_failed,
    "checkout.session.expired": _session_expired,
    "charge.refunded": _charge_refunded,
}
