"""What a mentoring goal means, when it is well formed, and whether the mentee's real data meets it.

Goals measured from the marketplace count what happened since the pair started (the help is what is
being judged): orders that went through (not waiting for payment, cancelled or refunded), sessions
that went live, certificates the union confirmed. "First product published" is a state: any product
of hers on sale now. A goal once met stays met (a product later sold out does not undo the step).
"""

import zoneinfo
from datetime import datetime, time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.catalogue.models import Product
from marketplace.core.money import format_vnd
from marketplace.livestreams.models import LiveSession
from marketplace.orders.models import Order
from marketplace.orders.selectors import net_total
from producers.models import OcopCertificate
from programmes.models.mentoring import MAX_GOAL_ORDERS, MAX_GOAL_REVENUE, PairGoal

Kind = PairGoal.Kind
NOT_SALES = (Order.Status.PENDING_PAYMENT, Order.Status.CANCELLED, Order.Status.REFUNDED)


def goal_label(goal: PairGoal) -> str:
    if goal.kind == Kind.CUSTOM:
        return goal.text
    if goal.kind == Kind.MONTHLY_SALES:
        parts = []
        if goal.target_orders:
            parts.append(_("%(count)s đơn") % {"count": goal.target_orders})
        if goal.target_revenue:
            parts.append(format_vnd(goal.target_revenue))
        return _("Đạt %(targets)s trong một tháng") % {"targets": " / ".join(parts)}
    return str(Kind(goal.kind).label)


def goal_errors(goal: PairGoal) -> None:
    """Raise a ValidationError naming each field that does not fit the kind of goal."""
    errors = {}
    if goal.kind == Kind.MONTHLY_SALES:
        if not goal.target_orders and not goal.target_revenue:
            errors["target_orders"] = _("Hãy ghi số đơn hoặc doanh thu cần đạt trong tháng.")
        if goal.target_orders is not None and not 1 <= goal.target_orders <= MAX_GOAL_ORDERS:
            errors["target_orders"] = _("Số đơn trong tháng phải từ 1 đến %(max)s.") % {"max": f"{MAX_GOAL_ORDERS:,}".replace(",", ".")}
        if goal.target_revenue is not None and not 1_000 <= goal.target_revenue <= MAX_GOAL_REVENUE:
            errors["target_revenue"] = _("Doanh thu trong tháng phải từ 1.000 ₫ đến %(max)s.") % {
                "max": format_vnd(MAX_GOAL_REVENUE)}
    elif goal.target_orders is not None or goal.target_revenue is not None:
        errors["target_orders"] = _("Số đơn và doanh thu chỉ dùng cho mục tiêu theo tháng.")
    if goal.kind == Kind.CUSTOM and not goal.text.strip():
        errors["text"] = _("Hãy ghi nội dung mục tiêu.")
    if errors:
        raise ValidationError(errors)


def _since(pair) -> datetime:
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return datetime.combine(pair.started_on, time.min, tzinfo=zone)


def _sales(pair):
    return Order.objects.filter(producer_id=pair.mentee_id, placed_at__gte=_since(pair)).exclude(status__in=NOT_SALES)


def month_figures(pair) -> list[dict]:
    """Orders and net revenue of the mentee per calendar month (Vietnam time) since the pair started."""
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return list(
        _sales(pair).annotate(month=TruncMonth("placed_at", tzinfo=zone)).values("month")
        .annotate(orders=Count("pk"), revenue=Sum(net_total())).order_by("month")
    )


def measured_at(goal: PairGoal, pair, now: datetime) -> datetime | None:
    """When the mentee's data met the goal (the event's own time where it has one), or None."""
    mentee, since = pair.mentee_id, _since(pair)
    if goal.kind == Kind.FIRST_PRODUCT:
        on_sale = Product.objects.filter(producer_id=mentee, status=Product.Status.PUBLISHED,
                                         deleted_at__isnull=True, staff_hidden=False).exists()
        return now if on_sale else None
    if goal.kind == Kind.FIRST_ORDER:
        first = _sales(pair).order_by("placed_at").values_list("placed_at", flat=True).first()
        return first
    if goal.kind == Kind.FIRST_LIVE:
        return (LiveSession.objects.filter(Q(host_id=mentee) | Q(co_hosts__id=mentee), started_at__gte=since)
                .order_by("started_at").values_list("started_at", flat=True).first())
    if goal.kind == Kind.OCOP:
        return (OcopCertificate.objects.filter(producer_id=mentee, status=OcopCertificate.Status.CONFIRMED,
                                               confirmed_at__gte=since)
                .order_by("confirmed_at").values_list("confirmed_at", flat=True).first())
    if goal.kind == Kind.MONTHLY_SALES:
        for month in month_figures(pair):
            if month["orders"] >= (goal.target_orders or 0) and (month["revenue"] or 0) >= (goal.target_revenue or 0):
                return now
        return None
    return None  # custom goals are ticked by hand


def goals_measure(pair) -> int:
    """Mark the automatic goals the mentee's data now meets; returns how many became met."""
    now = timezone.now()
    newly_met = 0
    # Through PairGoal, not pair.goals: modelcluster's manager of a pair read with prefetched goals answers
    # .filter() over every pair's goals.
    for goal in PairGoal.objects.filter(pair_id=pair.pk, met_at__isnull=True).exclude(kind=Kind.CUSTOM):
        met_at = measured_at(goal, pair, now)
        if met_at is not None:
            # Conditional: two page views measuring at once mark it once.
            newly_met += PairGoal.objects.filter(pk=goal.pk, met_at__isnull=True).update(met_at=met_at)
    return newly_met


def progress(goals) -> tuple[int, int]:
    goals = list(goals)
    return sum(1 for goal in goals if goal.met_at), len(goals)
