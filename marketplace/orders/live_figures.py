"""What a live session brought: orders, units, revenue, best sellers, reminders, clicks, subscribers.

An order counts for the session when it carries the session (a quick order taken during the stream,
or a web order at one of its live prices) and was neither cancelled nor refunded. A handful of
aggregate queries, whatever the number of orders.
"""

from dataclasses import dataclass

from django.db.models import Count, Max, Q, Sum

from marketplace.livestreams.models import LiveSession, LiveSubscription
from marketplace.livestreams.reminders import reminders_sent_count
from marketplace.orders.models import Order, OrderLine
from marketplace.orders.selectors import net_subtotal

NOT_COUNTED = (Order.Status.CANCELLED, Order.Status.REFUNDED)



@dataclass(frozen=True)
class TopProduct:
    product_name: str
    variant_name: str
    units: int
    revenue: int


@dataclass(frozen=True)
class SessionFigures:
    orders: int
    quick_orders: int
    web_orders: int
    cancelled_orders: int
    units: int
    revenue: int
    top_products: list[TopProduct]
    reminders_sent: int
    link_clicks: int
    subscribers: int


def session_figures(session: LiveSession, *, top: int = 5) -> SessionFigures:
    orders = Order.objects.filter(live_session=session)
    counted = Q(status__in=NOT_COUNTED)
    totals = orders.aggregate(
        orders=Count("pk", filter=~counted),
        quick_orders=Count("pk", filter=~counted & Q(source=Order.Source.LIVE)),
        cancelled=Count("pk", filter=counted),
        revenue=Sum(net_subtotal(), filter=~counted),
    )
    lines = OrderLine.objects.filter(order__live_session=session).exclude(order__status__in=NOT_COUNTED)
    units = lines.aggregate(units=Sum("quantity"))["units"] or 0
    best = (
        lines.values("variant_id")
        .annotate(units=Sum("quantity"), revenue=Sum("line_total"), product_name=Max("product_name"),
                  variant_name=Max("variant_name"))
        .order_by("-units", "-revenue", "variant_id")[:top]
    )
    subscribers = LiveSubscription.objects.filter(
        session=session, confirmed_at__isnull=False, unsubscribed_at__isnull=True).count()
    return SessionFigures(
        orders=totals["orders"], quick_orders=totals["quick_orders"],
        web_orders=totals["orders"] - totals["quick_orders"], cancelled_orders=totals["cancelled"],
        units=units, revenue=totals["revenue"] or 0,
        top_products=[TopProduct(row["product_name"], row["variant_name"], row["units"], row["revenue"]) for row in best],
        reminders_sent=reminders_sent_count(session),
        link_clicks=LiveSession.objects.filter(pk=session.pk).values_list("link_clicks", flat=True).first() or 0,
        subscribers=subscribers,
    )
