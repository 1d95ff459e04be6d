""""Báo tôi khi có hàng": a buyer leaves her email on a sold-out variant; when its stock returns (however it
returns: the seller's stock form, a cancelled order giving stock back) she gets one email. Sending is a
sweep (beat every few minutes, and at once after the seller saves stock), each alert claimed by a
conditional UPDATE so it is sent once."""

import smtplib

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from marketplace.catalogue.models import ProductVariant, StockAlert
from marketplace.core.emails import email_render
from marketplace.core.links import absolute_url

MAX_PER_ADDRESS_PER_HOUR = 10


class StockAlertError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def stock_alert_subscribe(*, variant: ProductVariant, email: str, user=None) -> StockAlert:
    email = (email or "").strip().lower()
    if variant.stock > 0:
        raise StockAlertError(_("Phân loại này đang còn hàng, bạn đặt được ngay."))
    key = f"stock-alert:{email}"
    if cache.get(key, 0) >= MAX_PER_ADDRESS_PER_HOUR:
        raise StockAlertError(_("Địa chỉ này đã đăng ký nhiều lần trong giờ qua; hãy thử lại sau."))
    try:
        with transaction.atomic():
            alert = StockAlert.objects.create(variant=variant, email=email,
                                              user=user if getattr(user, "is_authenticated", False) else None)
    except IntegrityError as error:
        raise StockAlertError(_("Bạn đã đăng ký nhận tin cho phân loại này rồi.")) from error
    cache.set(key, cache.get(key, 0) + 1, 3600)
    return alert


def stock_alerts_send() -> int:
    """Send every pending alert whose variant is back in stock; returns how many were sent."""
    sent = 0
    due = StockAlert.objects.filter(sent_at__isnull=True, variant__stock__gt=0).values_list("pk", flat=True)
    for alert_id in list(due[:500]):
        if not StockAlert.objects.filter(pk=alert_id, sent_at__isnull=True).update(sent_at=timezone.now()):
            continue  # another sweep took it
        alert = StockAlert.objects.select_related("variant__product").get(pk=alert_id)
        try:
            with translation.override(settings.LANGUAGE_CODE):
                subject, body = email_render("catalogue/email/back_in_stock", {
                    "alert": alert, "variant": alert.variant, "product": alert.variant.product,
                    "link": absolute_url(alert.variant.product.get_absolute_url())})
            send_mail(subject, body, None, [alert.email])
        except (smtplib.SMTPException, OSError):
            StockAlert.objects.filter(pk=alert_id).update(sent_at=None)  # tried again on the next sweep
            continue
        sent += 1
    return sent
