"""Sessions and live orders as a union officer reaches them: those whose host (or, for orders, whose
selling producer) belongs to her unit's subtree; a central officer or a superuser reaches all."""

from django.db.models import QuerySet

from marketplace.livestreams.models import LiveSession
from marketplace.orders.selectors import orders_for_staff
from producers.selectors import scoped_to_staff


def sessions_for_staff(user) -> QuerySet[LiveSession]:
    return scoped_to_staff(LiveSession.objects.select_related("host", "host__union_unit"), user, "host__")


def live_orders_for_staff(user):
    return orders_for_staff(user).filter(live_session__isnull=False)
