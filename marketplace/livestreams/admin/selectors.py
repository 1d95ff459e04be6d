"""Sessions and live orders as a union officer reaches them: those whose host (or, for orders, whose
selling producer) belongs to her unit's subtree; a central officer or a superuser reaches all."""

from django.db.models import QuerySet

from marketplace.livestreams.models import LiveSession
from producers.selectors import _scoped, orders_for_staff


def sessions_for_staff(user) -> QuerySet[LiveSession]:
    return _scoped(LiveSession.objects.select_related("host", "host__union_unit"), user, "host__")


def live_orders_for_staff(user):
    return orders_for_staff(user).filter(live_session__isnull=False)
