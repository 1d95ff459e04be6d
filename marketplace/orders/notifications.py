"""Order emails: one to the buyer (when she gave an email), one to the producer's members.

Each event has a template pair in orders/email/ (<event>_subject.txt, <event>.txt), rendered in
Vietnamese. The buyer's copy carries her private order link; the sellers' copy does not (the link
lets its holder cancel the order as the buyer).
"""

import smtplib
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from marketplace.accounts.phone import format_phone
from marketplace.core.emails import email_render
from marketplace.core.links import absolute_url
from marketplace.core.vietqr import qr_png
from marketplace.notifications.preferences import email_opted_out
from marketplace.notifications.services import Texts, notify
from marketplace.orders.models import Order, OrderStatusChange
from marketplace.orders.vietqr import order_vietqr_payload
from producers.models import ProducerMember


class TemporaryFailure(Exception):
    """The mail server could not take the message now; the task retries."""


EVENTS = (
    "placed",
    "paid",
    "confirmed",
    "packed",
    "shipped",
    "delivered",
    "completed",
    "cancelled",
    "refunded",
    "returned",
    "payment_expired",
)


def notify_order_change(order, event: str) -> None:
    """Queue the emails of an order's change after the surrounding transaction commits (none if it rolls back).

    Called by the services that change orders (placement, transitions, refunds), never by their callers.
    """
    if event not in EVENTS:
        raise ValueError(f"unknown order event {event!r}")
    from marketplace.orders.tasks import order_notify  # the task module imports this one

    # robust: a broker outage must not turn a committed order into an error page.
    transaction.on_commit(partial(order_notify.delay, order.pk, event), robust=True)


def order_notify_send(order_id: int, event: str) -> int:
    if event not in EVENTS:
        raise ValueError(f"unknown order event {event!r}")
    order = Order.objects.select_related("checkout", "producer").get(pk=order_id)
    with translation.override(settings.LANGUAGE_CODE):
        context = _context(order, event)
        # In the app and by Zalo/SMS to who has no email first: notify() is idempotent, so a retry of this
        # task after a mail-server failure below does not send those twice.
        _notify_people(order, event, context)
        sent = _send(event, {**context, "for_buyer": True}, [order.checkout.email], _qr_attachment(order, event))
        sent += _send(event, {**context, "for_buyer": False}, _member_emails(order.producer_id))
    return sent


def _notify_people(order: Order, event: str, context: dict) -> None:
    """The in-app notice and the phone channels (the emails stay below: one message to all the members,
    with the VietQR attachment for the buyer), so email texts are left out here."""
    checkout = order.checkout
    buyer_subject = email_render(f"orders/email/{event}", {**context, "for_buyer": True})[0]
    buyer_texts = Texts(
        title=buyer_subject, link=order.get_absolute_url(),
        sms=_("Chợ Phụ nữ: %(subject)s. %(url)s") % {"subject": buyer_subject, "url": context["order_url"]},
        zalo_params={"order_code": order.number, "status": order.get_status_display(), "total": order.total},
    )
    key = f"order:{order.pk}:{event}"
    if checkout.buyer_id:
        notify(key=f"{key}:buyer", kind="order_buyer", texts=buyer_texts, user=checkout.buyer, send_now=True)
    else:
        notify(key=f"{key}:buyer", kind="order_buyer", texts=buyer_texts, phone=checkout.phone,
               email=checkout.email, send_now=True)
    seller_subject = email_render(f"orders/email/{event}", {**context, "for_buyer": False})[0]
    seller_texts = Texts(
        title=seller_subject, link=_seller_order_path(order),
        sms=_("Chợ Phụ nữ: %(subject)s. %(url)s") % {"subject": seller_subject, "url": context["seller_url"]},
        zalo_params={"order_code": order.number, "status": order.get_status_display(), "total": order.total},
    )
    members = ProducerMember.objects.filter(producer_id=order.producer_id).select_related("user")
    for member in members:
        notify(key=f"{key}:seller", kind="order_seller", texts=seller_texts, user=member.user, send_now=True)


def _context(order: Order, event: str) -> dict:
    site_url = absolute_url()
    last_change = order.status_changes.order_by("-created_at", "-id").first()
    return {
        "order": order,
        "checkout": order.checkout,
        "phone": format_phone(order.checkout.phone),
        "lines": list(order.lines.all()),
        "event": event,
        "reason": last_change.reason if last_change and last_change.to_status == order.status else "",
        "site_url": site_url,
        "order_url": site_url + order.get_absolute_url(),
        "seller_url": site_url + _seller_order_path(order),
        "vietqr": _vietqr_details(order),
        "cancelled_by_buyer": bool(last_change and last_change.role == OrderStatusChange.Role.BUYER),
    }


def _seller_order_path(order: Order) -> str:
    # The seller's order pages are built alongside; fall back to the seller centre's front page.
    for name, kwargs in (("seller:order_detail", {"number": order.number}), ("seller:dashboard", {})):
        try:
            return reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
    return "/seller/"


def _vietqr_details(order: Order) -> dict | None:
    producer = order.producer
    if order.checkout.payment_method != "vietqr" or not (producer.bank_bin and producer.bank_account_number):
        return None
    return {
        "bank_name": producer.bank_name,
        "account_number": producer.bank_account_number,
        "account_name": producer.bank_account_name,
        "amount": order.total,
        "content": order.number,
    }


def _member_emails(producer_id: int) -> list[str]:
    members = list(
        ProducerMember.objects.filter(producer_id=producer_id)
        .exclude(user__email__isnull=True)
        .exclude(user__email="")
        .values_list("user_id", "user__email")
    )
    opted_out = email_opted_out(user_id for user_id, _email in members)  # her "Cách nhận thông báo" choice
    return [email for user_id, email in members if user_id not in opted_out]


def _qr_attachment(order: Order, event: str) -> list[tuple[str, bytes, str]]:
    """The VietQR code as a PNG on the buyer's email while the transfer is still awaited."""
    if event != "placed" or order.status != Order.Status.PENDING_PAYMENT:
        return []
    payload = order_vietqr_payload(order)
    return [(f"VietQR-{order.number}.png", qr_png(payload), "image/png")] if payload else []


def _send(event: str, context: dict, recipients: list[str], attachments=()) -> int:
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return 0
    subject, body = email_render(f"orders/email/{event}", context)
    message = EmailMessage(subject, body, None, recipients, attachments=list(attachments))
    try:
        return message.send()
    except (smtplib.SMTPException, OSError) as error:
        raise TemporaryFailure(str(error)) from error
