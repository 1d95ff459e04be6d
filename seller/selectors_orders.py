"""Reads of the seller's orders; each takes her producer and returns only its orders."""

from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet

from marketplace.orders.models import Order, OrderStatusChange
from producers.models import Producer
from seller.access import own

S = Order.Status


def seller_orders(
    producer: Producer, *, status: str = "", placed_from: date | None = None, placed_to: date | None = None
) -> QuerySet[Order]:
    """Hers, newest first; the dates are days in Vietnam's time zone, both ends included."""
    orders = Order.objects.filter(producer=producer).select_related("checkout").annotate(line_count=Count("lines"))
    if status:
        orders = orders.filter(status=status)
    if placed_from:
        orders = orders.filter(placed_at__date__gte=placed_from)
    if placed_to:
        orders = orders.filter(placed_at__date__lte=placed_to)
    return orders.order_by("-placed_at", "-pk")


def own_order(producer: Producer, number: str) -> Order:
    history = Prefetch("status_changes", queryset=OrderStatusChange.objects.select_related("actor"))
    queryset = Order.objects.select_related("checkout", "producer", "live_session").prefetch_related("lines", history)
    return own(queryset, "producer", producer, number=number)


def order_counts(producer: Producer) -> dict[str, int]:
    """New (confirmed, not yet packed) and to ship (packed) orders, for the dashboard."""
    return Order.objects.filter(producer=producer).aggregate(
        new=Count("pk", filter=Q(status=S.CONFIRMED)),
        to_ship=Count("pk", filter=Q(status=S.PACKED)),
        awaiting_payment=Count("pk", filter=Q(status=S.PENDING_PAYMENT, checkout__payment_method="vietqr")),
    )


BUYER_OPEN = (S.PENDING_PAYMENT, S.CONFIRMED, S.PACKED, S.SHIPPED)


def purchases_in_progress(user) -> int:
    """Orders she placed as a buyer, for herself, not yet delivered: shown apart from her sales."""
    return Order.objects.filter(checkout__buyer=user, status__in=BUYER_OPEN).count()
