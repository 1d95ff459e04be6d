"""The "Báo cáo livestream" admin page: sessions held and live sales per union unit and month over the
officer's scope, a revenue chart (inline SVG) with its table, and the same figures as CSV.

Bad parameters (month=13, year=abc, a range too long, a unit outside the scope) never fail the page: it
says what was ignored and shows the default range (the last six months) or the officer's own unit.
"""

import csv
from datetime import date

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import path
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSet
from wagtail.permissions import policy_registry

from marketplace.core.text import spreadsheet_safe
from marketplace.livestreams.models import LiveSession
from marketplace.orders.models import Order
from producers import selectors
from producers.models import UnionUnit
from union.live.chart import bar_chart
from union.live.months import add_months, first_of, span
from union.live.sales import NOT_SALES, live_report

__all__ = ["NOT_SALES", "LiveReportViewSet"]

DEFAULT_MONTHS = 6
MAX_MONTHS = 36
YEAR_MIN, YEAR_MAX = 2020, 2100
MONTHS = [(number, str(number)) for number in range(1, 13)]


def may_see_report(user) -> bool:
    return (policy_registry.get_by_type(LiveSession).user_has_permission(user, "view")
            and policy_registry.get_by_type(Order).user_has_permission(user, "view"))


class MonthRangeForm(forms.Form):
    from_month = forms.TypedChoiceField(label=gettext_lazy("Từ tháng"), choices=MONTHS, coerce=int, required=False)
    from_year = forms.IntegerField(label=gettext_lazy("năm"), min_value=YEAR_MIN, max_value=YEAR_MAX, required=False)
    to_month = forms.TypedChoiceField(label=gettext_lazy("Đến tháng"), choices=MONTHS, coerce=int, required=False)
    to_year = forms.IntegerField(label=gettext_lazy("năm"), min_value=YEAR_MIN, max_value=YEAR_MAX, required=False)

    def months(self) -> tuple[date, date, list[str]]:
        """The first days of the first and last month asked for, and what had to be ignored."""
        this_month = first_of(timezone.localdate())
        default = (add_months(this_month, 1 - DEFAULT_MONTHS), this_month)
        self.is_valid()
        problems = [self._problem(name) for name in ("from_month", "from_year", "to_month", "to_year")
                    if name in self.errors]
        if problems:
            return *default, [*problems, _("Đang xem %(count)s tháng gần nhất.") % {"count": DEFAULT_MONTHS}]
        data = self.cleaned_data
        last = self._month(data.get("to_year"), data.get("to_month"), fallback=this_month)
        first = self._month(data.get("from_year"), data.get("from_month"),
                            fallback=add_months(last, 1 - DEFAULT_MONTHS))
        if first > last:
            return *default, [_("“Từ tháng” đứng sau “Đến tháng” nên đang xem %(count)s tháng gần nhất.")
                              % {"count": DEFAULT_MONTHS}]
        if span(first, last) > MAX_MONTHS:
            return add_months(last, 1 - MAX_MONTHS), last, [
                _("Mỗi lần xem tối đa %(count)s tháng: đang xem %(count)s tháng tính ngược từ “Đến tháng”.")
                % {"count": MAX_MONTHS}]
        return first, last, []

    def _problem(self, name: str) -> str:
        value = str(self.data.get(name, ""))[:12]
        if name.endswith("month"):
            return _("Tháng “%(value)s” không hợp lệ: hãy chọn từ 1 đến 12.") % {"value": value}
        return _("Năm “%(value)s” không hợp lệ: hãy nhập năm từ %(min)s đến %(max)s.") % {
            "value": value, "min": YEAR_MIN, "max": YEAR_MAX}

    @staticmethod
    def _month(year, month, *, fallback: date) -> date:
        if year is None and month is None:
            return fallback
        return date(year or fallback.year, month or fallback.month, 1)


def base_unit(user, requested: str | None) -> tuple[UnionUnit | None, bool, list[str]]:
    """The unit whose children are the rows: one asked for in the user's scope, else the user's own.

    Returns (unit, whether figures must be narrowed to its subtree, problems)."""
    own = selectors.staff_unit(user)
    if own is None and selectors.is_central_admin(user):  # a superuser attached to no unit
        own = UnionUnit.get_first_root_node()
    if not requested:
        return own, False, []
    text = str(requested)
    unit = None
    if text.isascii() and text.isdigit() and len(text) < 19:
        unit = selectors.units_for_staff(user).filter(pk=int(text)).first()
    if unit is None:
        return own, False, [_("Không có đơn vị Hội này trong phạm vi của bạn: đang xem đơn vị của bạn.")]
    return unit, own is None or unit.pk != own.pk, []


class LiveReportView(generic.WagtailAdminTemplateMixin, TemplateView):
    template_name = "union/live/report.html"
    page_title = gettext_lazy("Báo cáo livestream")
    header_icon = "table"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def dispatch(self, request, *args, **kwargs):
        if not may_see_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def report(self) -> dict:
        user = self.request.user
        first, last, problems = MonthRangeForm(self.request.GET).months()
        base, within_base, unit_problems = base_unit(user, self.request.GET.get("unit"))
        if self.request.GET.get("export") != "csv":
            for problem in problems + unit_problems:
                messages.warning(self.request, problem)
        report = live_report(user, first=first, last=last, base=base, within_base=within_base)
        own = selectors.staff_unit(user)
        parent = base.get_parent() if base is not None and within_base else None
        if parent is not None and not selectors.units_for_staff(user).filter(pk=parent.pk).exists():
            parent = None
        return {
            **report, "first": first, "last": last, "within_base": within_base, "parent": parent,
            "own_unit": own,
            "form": MonthRangeForm(initial={"from_month": first.month, "from_year": first.year,
                                            "to_month": last.month, "to_year": last.year}),
            "chart": bar_chart([(row.month, row.figures.revenue) for row in report["per_month"]]),
        }

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "csv":
            return self.csv_response()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        report = self.report
        months = {"from_month": report["first"].month, "from_year": report["first"].year,
                  "to_month": report["last"].month, "to_year": report["last"].year}
        query = self.request.GET.copy()
        query.update(months)
        query["export"] = "csv"
        if report["within_base"]:
            query["unit"] = report["base"].pk
        else:
            query.pop("unit", None)
        months_query = "&".join(f"{name}={value}" for name, value in months.items())
        return {**super().get_context_data(**kwargs), **report, "csv_query": query.urlencode(),
                "months_query": months_query}

    def csv_response(self) -> HttpResponse:
        report = self.report
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.localdate().strftime("%Y%m%d")
        response["Content-Disposition"] = f'attachment; filename="bao-cao-livestream-{stamp}.csv"'
        response.write("\ufeff")  # the byte-order mark makes Excel read the file as UTF-8
        writer = csv.writer(response)
        writer.writerow([_("Đơn vị Hội"), _("Tháng"), _("Phiên đã live"), _("Số đơn"), _("Số lượng"),
                         _("Doanh số (₫)")])
        for row in report["rows"]:
            for month, figures in zip(report["months"], row.months, strict=True):
                writer.writerow([spreadsheet_safe(row.name), month.strftime("%m/%Y"), figures.sessions, figures.orders,
                                 figures.units, figures.revenue])
        for month_row in report["per_month"]:
            figures = month_row.figures
            writer.writerow([_("Tổng cộng"), month_row.month.strftime("%m/%Y"), figures.sessions, figures.orders,
                             figures.units, figures.revenue])
        total = report["total"]
        writer.writerow([_("Tổng cộng"), "", total.sessions, total.orders, total.units, total.revenue])
        return response



class _ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_report(request.user)


class LiveReportViewSet(ViewSet):
    name = "live_report"
    url_prefix = "live-report"
    icon = "table"
    menu_label = gettext_lazy("Báo cáo livestream")
    menu_item_class = _ReportMenuItem

    def get_urlpatterns(self):
        return [path("", LiveReportView.as_view(), name="index")]
