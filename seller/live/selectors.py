"""Reads of the seller's live sessions, each scoped to the seller's producer.

Two levels of access to one session: its host's team runs it (edit, cancel, start, end, pins); the
teams of its co-hosts take part (view, quick orders, figures). Anything else answers 404.
"""

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from marketplace.catalogue.models import ProductVariant
from marketplace.catalogue.selectors import products_visible
from marketplace.livestreams.models import LiveSession, PinnedProduct
from marketplace.orders.models import Order, OrderLine, OrderStatusChange
from producers.models import Producer

State = LiveSession.State
UPCOMING = (State.SCHEDULED, State.LIVE)


def _taking_part(producer: Producer) -> Q:
    co_hosted = LiveSession.co_hosts.through.objects.filter(producer=producer).values("livesession_id")
    return Q(host=producer) | Q(pk__in=co_hosted)


def seller_sessions(producer: Producer) -> QuerySet[LiveSession]:
    """Sessions she hosts or co-hosts."""
    return (
        LiveSession.objects.filter(_taking_part(producer))
        .select_related("host", "cover")
        .prefetch_related(Prefetch("co_hosts", queryset=Producer.objects.order_by("name")))
    )


def upcoming_sessions(producer: Producer) -> QuerySet[LiveSession]:
    return seller_sessions(producer).filter(state__in=UPCOMING).order_by("starts_at", "pk")


def past_sessions(producer: Producer) -> QuerySet[LiveSession]:
    return seller_sessions(producer).exclude(state__in=UPCOMING).order_by("-starts_at", "-pk")


def next_session(producer: Producer) -> LiveSession | None:
    """The session live now or coming next, for the dashboard card."""
    return upcoming_sessions(producer).filter(Q(state=State.LIVE) | Q(ends_at__gte=timezone.now())).first()


def session_taking_part(producer: Producer, session_id: int) -> LiveSession:
    """A session she hosts or co-hosts, or 404."""
    return get_object_or_404(seller_sessions(producer), pk=session_id)


def session_hosted(producer: Producer, session_id: int) -> LiveSession:
    """A session she hosts, or 404 (a co-host's team gets the same 404 as a stranger's)."""
    return get_object_or_404(seller_sessions(producer).filter(host=producer), pk=session_id)


def session_pins(session: LiveSession) -> list[PinnedProduct]:
    return list(session.pins.select_related("variant__product__producer").order_by("sort_order", "pk"))


def pin_of(session: LiveSession, pin_id: int) -> PinnedProduct:
    return get_object_or_404(PinnedProduct.objects.select_related("variant__product"), session=session, pk=pin_id)


def pinnable_variants(session: LiveSession) -> list[ProductVariant]:
    """Variants of the host's and co-hosts' products that buyers can see, grouped by product."""
    producer_ids = [session.host_id, *[producer.pk for producer in session.co_hosts.all()]]
    return list(
        ProductVariant.objects.filter(product__producer_id__in=producer_ids, product__in=products_visible())
        .select_related("product__producer")
        .order_by("product__producer__name", "product__name", "product_id", "sort_order", "pk")
    )


def session_orders(session: LiveSession, producer: Producer, user) -> QuerySet[Order]:
    """The session's orders she may see: her producer's, and those she recorded herself (newest first).

    In a session with co-hosts, a seller may take an order for a partner's product: she typed it, so she
    sees it and may undo it; the partner's other orders stay the partner's.
    """
    recorded = OrderStatusChange.objects.filter(from_status="", actor_id=user.pk, order__live_session=session)
    lines = Prefetch("lines", queryset=OrderLine.objects.select_related("live_pin").order_by("pk"))
    return (
        Order.objects.filter(live_session=session)
        .filter(Q(producer=producer) | Q(pk__in=recorded.values("order_id")))
        .select_related("checkout", "producer")
        .prefetch_related(lines)
        .order_by("-placed_at", "-pk")
    )


def session_order(session: LiveSession, producer: Producer, user, order_id: int) -> Order:
    order = session_orders(session, producer, user).filter(pk=order_id).first()
    if order is None:
        raise Http404
    return order
