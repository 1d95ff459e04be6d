"""Emails of order conversations: a new message to the other side, a new complaint to the officers of the
producer's union unit (and the units above it)."""

import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from marketplace.conversations.models import Complaint, OrderMessage
from marketplace.core.emails import email_render
from marketplace.core.links import absolute_url
from marketplace.notifications.services import Texts, notify
from producers.models import ProducerMember, UnionStaff


class TemporaryFailure(Exception):
    pass


def _send(template: str, context: dict, recipients: list[str]) -> int:
    recipients = [address for address in recipients if address]
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = email_render(f"conversations/email/{template}", {**context, "site_url": absolute_url()})
    try:
        return send_mail(subject, body, None, recipients)
    except (smtplib.SMTPException, OSError) as error:
        raise TemporaryFailure(str(error)) from error


def message_email(message_id: int) -> int:
    message = OrderMessage.objects.select_related("order", "order__checkout", "order__producer").get(pk=message_id)
    order = message.order
    if message.sender == OrderMessage.Sender.BUYER:
        recipients = list(ProducerMember.objects.filter(producer=order.producer, user__email__isnull=False)
                          .values_list("user__email", flat=True))
        link = absolute_url(reverse("seller:order_messages", args=[order.number]))
    else:
        recipients = [order.checkout.email]
        link = absolute_url(reverse("conversations:order_messages", args=[order.token]))
    _notify_people(message, link)
    return _send("message", {"message": message, "order": order, "link": link}, recipients)


def _notify_people(message: OrderMessage, link: str) -> None:
    """In the app, and by Zalo/SMS to who has no email; the email above stays one message to all."""
    order = message.order
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Tin nhắn mới về đơn %(number)s") % {"number": order.number}
        texts = Texts(title=title, body=message.text[:200], link=link.removeprefix(absolute_url()),
                      sms=_("Chợ Phụ nữ: %(title)s. Xem: %(url)s") % {"title": title, "url": link},
                      zalo_params={"order_code": order.number})
    key = f"order_message:{message.pk}"
    if message.sender == OrderMessage.Sender.BUYER:
        for member in ProducerMember.objects.filter(producer=order.producer).select_related("user"):
            notify(key=key, kind="order_message", texts=texts, user=member.user, send_now=True)
    elif order.checkout.buyer_id:
        notify(key=key, kind="order_message", texts=texts, user=order.checkout.buyer, send_now=True)
    else:
        notify(key=key, kind="order_message", texts=texts, phone=order.checkout.phone, email=order.checkout.email,
               send_now=True)


def complaint_email(complaint_id: int) -> int:
    complaint = Complaint.objects.select_related("order", "order__producer__union_unit").get(pk=complaint_id)
    unit = complaint.order.producer.union_unit
    officers = UnionStaff.objects.filter(user__email__isnull=False)
    if unit is not None:
        ancestors = [unit.path[:end] for end in range(unit.steplen, len(unit.path) + 1, unit.steplen)]
        officers = officers.filter(Q(unit__path__in=ancestors[-2:]))  # her unit and the one above it
    else:
        officers = officers.filter(unit__depth=1)
    link = absolute_url(reverse("complaints:inspect", args=[complaint.pk]))
    return _send("complaint", {"complaint": complaint, "order": complaint.order, "link": link},
                 list(officers.values_list("user__email", flat=True)))
