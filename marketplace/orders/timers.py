"""Timers of an order's life, applied by beat when due (rows in the database, never long countdowns).

- a reminder to the seller when a confirmed order has waited ORDER_SHIP_REMINDER_DAYS to ship, once;
- automatic completion ORDER_AUTO_COMPLETE_DAYS after delivery (the buyer rarely confirms receipt).
Both are safe to run again and concurrently: a conditional UPDATE or the order's own transition
decides which run acts.
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from marketplace.core.links import absolute_url
from marketplace.orders.errors import OrderError
from marketplace.orders.models import Order, OrderStatusChange
from marketplace.orders.transitions import order_transition
from producers.models import ProducerMember

logger = logging.getLogger(__name__)
WAITING_TO_SHIP = (Order.Status.CONFIRMED, Order.Status.PACKED)


def orders_remind_to_ship(now=None) -> int:
    """Email the seller of each order confirmed more than the set days ago and not shipped; once per order."""
    now = now or timezone.now()
    days = settings.ORDER_SHIP_REMINDER_DAYS
    due = Order.objects.filter(status__in=WAITING_TO_SHIP, confirmed_at__lte=now - timedelta(days=days),
                               ship_reminder_sent_at__isnull=True).order_by("pk")
    reminded = 0
    for order_id in due.values_list("pk", flat=True):
        # Claim the reminder first: of two runs, only the one whose UPDATE matched sends.
        claimed = Order.objects.filter(pk=order_id, ship_reminder_sent_at__isnull=True,
                                       status__in=WAITING_TO_SHIP).update(ship_reminder_sent_at=now)
        if claimed:
            _send_ship_reminder(Order.objects.select_related("checkout").get(pk=order_id), days)
            reminded += 1
    return reminded


def orders_complete_delivered(now=None) -> int:
    """Complete the orders delivered more than the set days ago (role "system")."""
    now = now or timezone.now()
    due = Order.objects.filter(status=Order.Status.DELIVERED,
                               delivered_at__lte=now - timedelta(days=settings.ORDER_AUTO_COMPLETE_DAYS))
    completed = 0
    for order in due.order_by("pk"):
        try:
            order_transition(order=order, to_status=Order.Status.COMPLETED, actor=None,
                             role=OrderStatusChange.Role.SYSTEM)
        except OrderError:  # moved on (refunded, completed by the buyer) since the list was read
            continue
        completed += 1
    return completed


def _send_ship_reminder(order: Order, days: int) -> None:
    recipients = sorted(set(
        ProducerMember.objects.filter(producer_id=order.producer_id).exclude(user__email="")
        .exclude(user__email__isnull=True).values_list("user__email", flat=True)
    ))
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "order": order, "checkout": order.checkout, "days": days,
            "order_url": absolute_url(reverse("seller:order_detail", kwargs={"number": order.number})),
        }
        subject = " ".join(render_to_string("seller/email/ship_reminder_subject.txt", context).split())
        body = render_to_string("seller/email/ship_reminder.txt", context)
    try:
        send_mail(subject, body, None, recipients)
    except (smtplib.SMTPException, OSError):
        # A reminder is a nudge: a lost one is logged, never retried into a flood.
        logger.exception("ship reminder for order %s not sent", order.pk)
