"""Who reads which transfers: a seller her producer's, an officer those of producers in her unit's subtree
(a central officer also sees the transfers nobody could attribute)."""

import re

from django.db.models import Case, IntegerField, QuerySet, Value, When

from marketplace.orders.models import Order
from marketplace.payments.bank_transfers.models import BankTransfer
from producers.selectors import scoped_to_staff

TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")


def _queue_first(queryset: QuerySet[BankTransfer]) -> QuerySet[BankTransfer]:
    waiting = Case(
        When(status=BankTransfer.Status.UNMATCHED, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return queryset.annotate(waiting=waiting).order_by("waiting", "-received_at", "-id")


def transfers_of_producer(producer) -> QuerySet[BankTransfer]:
    return _queue_first(BankTransfer.objects.filter(producer=producer).select_related("order", "resolved_by"))


def transfers_for_staff(user) -> QuerySet[BankTransfer]:
    return scoped_to_staff(BankTransfer.objects.select_related("order", "producer"), user, "producer__")


def order_payment_state(token: str) -> dict | None:
    """What the buyer's order page shows of the order's progress, by its private token; None when unknown."""
    if not TOKEN.fullmatch(token or ""):
        return None  # never send a NUL byte or a novel to the database (PostgreSQL refuses NUL in text)
    return Order.objects.filter(token=token).values("status", "payment_status").first()
