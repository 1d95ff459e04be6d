"""The "bom hàng" record: COD parcels a phone number refused, counted per producer, kept 12 months.

Purpose (told to the seller on screen): warn the producer before she sends cash-on-delivery goods to a
number that sent her parcels back before. Personal data (Decree 13/2023/NĐ-CP, Law on Personal Data
Protection 2025): only a count, only to the producer it happened to, the phone kept as an HMAC keyed by
SECRET_KEY (matchable, not readable), cleared by the producer at will and purged after 12 months.
"""

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from marketplace.accounts.phone import normalise_phone
from marketplace.delivery.models import ReturnedParcelRecord

RETENTION = timedelta(days=365)


def phone_key(phone: str) -> str:
    try:
        phone = normalise_phone(phone)
    except ValueError:
        phone = "".join(phone.split())
    return hmac.new(settings.SECRET_KEY.encode(), f"returned-parcel:{phone}".encode(), hashlib.sha256).hexdigest()


def returned_parcel_count(producer_id: int, phone: str) -> int:
    if not phone:
        return 0
    return (ReturnedParcelRecord.objects.filter(producer_id=producer_id, phone_key=phone_key(phone))
            .values_list("count", flat=True).first() or 0)


def returned_parcel_counts(producer_id: int, phones) -> dict[str, int]:
    """Counts for many phones in one query (the quick-order list): {phone as given: count}, zeros left out."""
    keys = {phone_key(phone): phone for phone in set(phones) if phone}
    rows = ReturnedParcelRecord.objects.filter(producer_id=producer_id, phone_key__in=keys, count__gt=0)
    return {keys[row.phone_key]: row.count for row in rows}


def returned_parcel_add(producer_id: int, phone: str, now=None) -> None:
    """One more refused parcel; the caller makes sure it counts each order once (under the order's lock)."""
    now = now or timezone.now()
    record, created = ReturnedParcelRecord.objects.get_or_create(
        producer_id=producer_id, phone_key=phone_key(phone), defaults={"count": 1, "last_at": now})
    if not created:
        ReturnedParcelRecord.objects.filter(pk=record.pk).update(count=F("count") + 1, last_at=now)


def returned_parcel_clear(producer_id: int, phone: str) -> bool:
    deleted, _rows = ReturnedParcelRecord.objects.filter(producer_id=producer_id, phone_key=phone_key(phone)).delete()
    return bool(deleted)


def returned_parcels_purge(now=None) -> int:
    deleted, _rows = ReturnedParcelRecord.objects.filter(last_at__lt=(now or timezone.now()) - RETENTION).delete()
    return deleted
