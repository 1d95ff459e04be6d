"""The figures of the livestream report: sessions held and live sales per union unit and month.

- A session held is a session that ended (state "ended"), counted in the month it went live, under its
  host producer's union unit.
- Live sales are the orders taken during or thanks to a session (`live_session` set) that went through:
  the same rule as the order report (not waiting for payment, not cancelled, not refunded). Revenue is
  the goods' subtotal, without shipping; units are the quantities of their lines. An order counts in the
  month it was placed, under the union unit of the producer who sells it.

The rows are the children of the unit looked at (central: provinces; province: wards/communes), plus
the producers attached to that unit itself, plus, for the central view, producers with no unit.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, DateField, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.livestreams.models import LiveSession
from marketplace.orders.models import OrderLine
from marketplace.orders.selectors import net_subtotal
from producers.models import UnionUnit
from union.live.months import local_range, months_between
from union.live.selectors import live_orders_for_staff, sessions_for_staff
from union.order_report import NOT_SALES

DIRECT, UNATTACHED = "direct", "unattached"

__all__ = ["NOT_SALES", "Figures", "UnitRow", "live_report"]


@dataclass
class Figures:
    sessions: int = 0
    orders: int = 0
    units: int = 0
    revenue: int = 0

    def add(self, other: "Figures") -> None:
        self.sessions += other.sessions
        self.orders += other.orders
        self.units += other.units
        self.revenue += other.revenue

    def __bool__(self) -> bool:
        return bool(self.sessions or self.orders or self.units or self.revenue)


@dataclass
class UnitRow:
    name: str
    unit: UnionUnit | None = None  # set when the row can be opened one level further down
    months: list[Figures] = field(default_factory=list)
    total: Figures = field(default_factory=Figures)


@dataclass
class MonthRow:
    month: date
    figures: Figures


def _month_expression(field_name: str):
    return TruncMonth(field_name, output_field=DateField(), tzinfo=timezone.get_current_timezone())


def _bucket_of(path: str | None, base: UnionUnit | None) -> str:
    if path is None or base is None or not path.startswith(base.path):
        return UNATTACHED
    if len(path) == len(base.path):
        return DIRECT
    return path[:len(base.path) + UnionUnit.steplen]


def live_report(user, *, first: date, last: date, base: UnionUnit | None, within_base: bool) -> dict:
    """Figures of the user's scope, `first`..`last` (first days of months), rows under `base`.

    `within_base` narrows the figures to base's subtree (when looking at a unit below the user's own).
    """
    months = months_between(first, last)
    start, end = local_range(first, last)
    orders = live_orders_for_staff(user).exclude(status__in=NOT_SALES).filter(placed_at__gte=start, placed_at__lt=end)
    sessions = sessions_for_staff(user).filter(state=LiveSession.State.ENDED).annotate(
        held=Coalesce("started_at", "starts_at")).filter(held__gte=start, held__lt=end)
    if within_base and base is not None:
        orders = orders.filter(producer__union_unit__path__startswith=base.path)
        sessions = sessions.filter(host__union_unit__path__startswith=base.path)

    cells: dict[tuple[str, date], Figures] = {}

    def cell(path, month) -> Figures:
        return cells.setdefault((_bucket_of(path, base), month), Figures())

    for item in (orders.annotate(month=_month_expression("placed_at")).order_by()
                 .values("producer__union_unit__path", "month").annotate(count=Count("pk"), revenue=Sum(net_subtotal()))):
        figures = cell(item["producer__union_unit__path"], item["month"])
        figures.orders += item["count"]
        figures.revenue += item["revenue"] or 0
    for item in (OrderLine.objects.filter(order__in=orders.order_by().values("pk"))
                 .annotate(month=_month_expression("order__placed_at")).order_by()
                 .values("order__producer__union_unit__path", "month").annotate(units=Sum("quantity"))):
        cell(item["order__producer__union_unit__path"], item["month"]).units += item["units"] or 0
    for item in (sessions.annotate(month=_month_expression("held")).order_by()
                 .values("host__union_unit__path", "month").annotate(count=Count("pk"))):
        cell(item["host__union_unit__path"], item["month"]).sessions += item["count"]

    rows = _rows(base, months, cells)
    per_month = [MonthRow(month, Figures()) for month in months]
    total = Figures()
    for row in rows:
        for month_row, figures in zip(per_month, row.months, strict=True):
            month_row.figures.add(figures)
        total.add(row.total)
    return {"months": months, "rows": rows, "per_month": per_month, "total": total, "base": base}


def _rows(base: UnionUnit | None, months: list[date], cells: dict) -> list[UnitRow]:
    """One row per child unit with figures, then the base unit itself, then producers with no unit."""
    named: list[tuple[str, UnitRow]] = []
    if base is not None:
        for child in base.get_children().order_by("name"):
            named.append((child.path, UnitRow(child.name, unit=child if child.numchild else None)))
        named.append((DIRECT, UnitRow(_("Trực thuộc %(unit)s") % {"unit": base.name})))
    named.append((UNATTACHED, UnitRow(_("Chưa gắn đơn vị Hội"))))
    rows = []
    for key, row in named:
        row.months = [cells.get((key, month), Figures()) for month in months]
        for figures in row.months:
            row.total.add(figures)
        if row.total:
            rows.append(row)
    return rows
