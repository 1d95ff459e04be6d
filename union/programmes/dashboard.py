"""The roll-up dashboard: any unit of the officer's scope, one row per child unit (drill down by opening it),
for a month, a quarter or a year; producers, sales, livestreams, trainings, mentoring and support, each a
table with a bar drawn on the server beside its main figure, and CSV/XLSX of every table."""

import re
import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from marketplace.core.money import format_vnd
from producers.models import UnionUnit
from producers.selectors import units_for_staff
from programmes.unit_figures import (
    DIRECT,
    UNATTACHED,
    empty,
    figures_by_bucket,
    producers_by_kind_and_stars,
    support_by_kind,
    total_of,
)
from union.programmes.reports import UnionOnlyMixin, viewer_unit
from union.scoping import _valid_pk
from union.spreadsheets import spreadsheet_response

SECTIONS = {
    "producers": (gettext_lazy("Cơ sở sản xuất"), {"total": gettext_lazy("Tổng số"), "new": gettext_lazy("Mới"),
                                                 "verified": gettext_lazy("Đã xác minh"),
                                                 "women_led": gettext_lazy("Nữ đứng đầu")}, "total"),
    "sales": (gettext_lazy("Bán hàng"), {"orders": gettext_lazy("Đơn"), "revenue": gettext_lazy("Doanh thu thuần (₫)"),
                                        "buyers": gettext_lazy("Người mua")}, "revenue"),
    "live": (gettext_lazy("Livestream"), {"held": gettext_lazy("Phiên đã live"), "orders": gettext_lazy("Đơn từ live"),
                                         "revenue": gettext_lazy("Doanh thu từ live (₫)")}, "revenue"),
    "trainings": (gettext_lazy("Tập huấn"), {"held": gettext_lazy("Lớp đã học"), "attendees": gettext_lazy("Lượt có mặt"),
                                            "ordered_after": gettext_lazy("Có đơn trong 30 ngày"),
                                            "lived_after": gettext_lazy("Live trong 30 ngày")}, "attendees"),
    "mentoring": (gettext_lazy("Kèm cặp"), {"active": gettext_lazy("Cặp đang kèm"), "sessions": gettext_lazy("Buổi gặp"),
                                           "goals_met": gettext_lazy("Mục tiêu đạt")}, "active"),
    "support": (gettext_lazy("Hỗ trợ"), {"count": gettext_lazy("Số khoản"), "amount": gettext_lazy("Số tiền (₫)")},
                "amount"),
}
MONEY = {"revenue", "amount"}
# The listing behind each section's figures, filtered to a unit's subtree (`?unit=`) and, where the listing
# can, to the range.
LISTINGS = {
    "producers": ("wagtailsnippets_producers_producer:list", ""),
    "sales": ("union_orders:index", "placed_at_after={first}&placed_at_before={last}"),
    "live": ("live_sessions:index", "state=ended"),
    "trainings": ("trainings:index", ""),
    "mentoring": ("mentoring_pairs:index", "status=active"),
    "support": ("support_records:index", ""),
}
PERIOD = re.compile(r"^(\d{4})(?:-(?:(0[1-9]|1[0-2])|Q([1-4])))?$")


@dataclass
class Range:
    key: str
    label: str
    start: datetime
    end: datetime


def parse_range(raw: str | None) -> tuple[Range, bool]:
    """"2026-11" (a month), "2026-Q4" (a quarter), "2026" (a year); anything else is this month."""
    today = timezone.localdate()
    match = PERIOD.match(raw or "")
    valid = bool(match) and 2000 <= int(match.group(1)) <= today.year + 1
    if not valid:
        year, month, quarter = today.year, today.month, None
    else:
        year, month, quarter = int(match.group(1)), match.group(2), match.group(3)
        month = int(month) if month else None
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    if month:
        first, last = date(year, month, 1), date(year + (month == 12), month % 12 + 1, 1)
        key, label = f"{year}-{month:02d}", _("Tháng %(m)s/%(y)s") % {"m": month, "y": year}
    elif quarter:
        q = int(quarter)
        first = date(year, 3 * q - 2, 1)
        last = date(year + (q == 4), (3 * q) % 12 + 1, 1)
        key, label = f"{year}-Q{q}", _("Quý %(q)s/%(y)s") % {"q": q, "y": year}
    else:
        first, last = date(year, 1, 1), date(year + 1, 1, 1)
        key, label = str(year), _("Năm %(y)s") % {"y": year}
    start = datetime.combine(first, time.min, tzinfo=zone)
    end = datetime.combine(last, time.min, tzinfo=zone)
    return Range(key, label, start, end), valid or not raw


def _cell_text(measure: str, value) -> str:
    return format_vnd(value) if measure in MONEY else f"{value:,}".replace(",", ".")


class DashboardView(UnionOnlyMixin, TemplateView):
    template_name = "union/programmes/dashboard.html"
    page_title = gettext_lazy("Báo cáo tổng hợp")

    def get(self, request, *args, **kwargs):
        self.base = self._base(request)
        self.range, valid = parse_range(request.GET.get("period"))
        if not valid:
            from django.contrib import messages

            messages.warning(request, _("Kỳ xem không hợp lệ; đang hiện tháng này."))
        cells = figures_by_bucket(self.base, self.range.start, self.range.end)
        self.rows = self._rows(cells)
        self.total = total_of(cells)
        export, section = request.GET.get("export"), request.GET.get("section")
        if export in ("csv", "xlsx") and section in SECTIONS:
            return self._export(section, export)
        return super().get(request, *args, **kwargs)

    def _base(self, request) -> UnionUnit:
        own = viewer_unit(request.user)
        raw = request.GET.get("unit")
        if not raw:
            return own
        unit_id = _valid_pk(raw)
        if unit_id is None:
            raise Http404
        return get_object_or_404(units_for_staff(request.user), pk=unit_id)

    def _rows(self, cells: dict) -> list[dict]:
        rows = []
        for child in self.base.get_children().order_by("name"):
            rows.append({"name": child.name, "unit": child, "drill": child.numchild > 0,
                         "figures": cells.get(child.path, empty())})
        if DIRECT in cells:
            rows.append({"name": _("Trực thuộc %(unit)s") % {"unit": self.base.name}, "unit": None, "drill": False,
                         "figures": cells[DIRECT]})
        if UNATTACHED in cells:
            rows.append({"name": _("Chưa gắn đơn vị Hội"), "unit": None, "drill": False, "figures": cells[UNATTACHED]})
        return rows

    def _listing(self, section: str, unit) -> str:
        if unit is None:
            return ""
        name, extra = LISTINGS[section]
        last = (self.range.end - timedelta(days=1)).date()
        query = extra.format(first=self.range.start.date().isoformat(), last=last.isoformat())
        return f"{reverse(name)}?unit={unit.pk}" + (f"&{query}" if query else "")

    def _sections(self) -> list[dict]:
        sections = []
        for key, (title, measures, main) in SECTIONS.items():
            largest = max((row["figures"][key][main] for row in self.rows), default=0)
            rows = [{"name": row["name"], "unit": row["unit"], "drill": row["drill"],
                     "listing": self._listing(key, row["unit"]),
                     "cells": [_cell_text(m, row["figures"][key][m]) for m in measures],
                     "bar": round(100 * row["figures"][key][main] / largest) if largest else 0}
                    for row in self.rows if any(row["figures"][key].values())]
            sections.append({"key": key, "title": title, "headings": list(measures.values()), "rows": rows,
                             "listing": self._listing(key, self.base),
                             "total": [_cell_text(m, self.total[key][m]) for m in measures],
                             "main": measures[main]})
        return sections

    def _export(self, section: str, fmt: str):
        title, measures, _main = SECTIONS[section]
        rows = [[row["name"], *[row["figures"][section][m] for m in measures]] for row in self.rows
                if any(row["figures"][section].values())]
        rows.append([_("Tổng"), *[self.total[section][m] for m in measures]])
        return spreadsheet_response(f"bao-cao-{section}-{self.range.key}", [_("Đơn vị"), *measures.values()], rows, fmt)

    def get_context_data(self, **kwargs):
        ancestors = [unit for unit in self.base.get_ancestors() if units_for_staff(self.request.user).filter(pk=unit.pk).exists()]
        today = timezone.localdate()
        choices = [(f"{today.year}-{m:02d}", _("Tháng %(m)s/%(y)s") % {"m": m, "y": today.year})
                   for m in range(today.month, 0, -1)]
        choices += [(f"{today.year}-Q{q}", _("Quý %(q)s/%(y)s") % {"q": q, "y": today.year})
                    for q in range((today.month - 1) // 3 + 1, 0, -1)]
        choices += [(str(today.year), _("Năm %(y)s") % {"y": today.year}),
                    (str(today.year - 1), _("Năm %(y)s") % {"y": today.year - 1})]
        return {**super().get_context_data(**kwargs), "base": self.base, "range": self.range, "ancestors": ancestors,
                "sections": self._sections(), "period_choices": choices,
                "support_kinds": support_by_kind(self.base, self.range.start, self.range.end),
                "producer_breakdown": producers_by_kind_and_stars(self.base)}
