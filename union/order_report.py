"""The "Đơn hàng và doanh số" report: orders, units and revenue per producer and per province union,
over the officer's scope and a date range, on screen and as CSV.

Sales are the orders that went through: confirmed or further, neither cancelled nor refunded (an
unpaid VietQR or card order is not a sale until it is paid).
"""

import csv
from dataclasses import dataclass
from datetime import date

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Sum
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
from marketplace.orders.models import Order, OrderLine
from marketplace.orders.selectors import net_total, orders_for_staff
from producers.models import UnionUnit

NOT_SALES = (Order.Status.PENDING_PAYMENT, Order.Status.CANCELLED, Order.Status.REFUNDED)


@dataclass
class Row:
    name: str
    orders: int = 0
    units: int = 0
    revenue: int = 0

    def add(self, other: "Row") -> None:
        self.orders, self.units, self.revenue = (self.orders + other.orders, self.units + other.units,
                                                 self.revenue + other.revenue)


def sales_report(user, *, placed_from: date | None, placed_to: date | None) -> dict:
    """Per producer and per province union of the user's scope; the totals of both tables agree."""
    orders = orders_for_staff(user).exclude(status__in=NOT_SALES)
    if placed_from:
        orders = orders.filter(placed_at__date__gte=placed_from)
    if placed_to:
        orders = orders.filter(placed_at__date__lte=placed_to)
    # Two queries: summing totals across a join with the lines would count each order once per line.
    per_producer = orders.values("producer_id", "producer__name", "producer__union_unit__province_code").annotate(
        order_count=Count("pk"), revenue=Sum(net_total())).order_by("producer__name")
    units = dict(OrderLine.objects.filter(order__in=orders).values("order__producer_id")
                 .annotate(units=Sum("quantity")).values_list("order__producer_id", "units"))
    province_units = dict(UnionUnit.objects.filter(level=UnionUnit.Level.PROVINCE)
                          .values_list("province_code", "name"))
    producers, unions = [], {}
    total = Row(_("Tổng cộng"))
    for item in per_producer:
        row = Row(item["producer__name"], item["order_count"], units.get(item["producer_id"], 0), item["revenue"])
        producers.append(row)
        union_name = province_units.get(item["producer__union_unit__province_code"], _("Chưa gắn tỉnh"))
        union = unions.setdefault(union_name, Row(union_name))
        union.add(row)
        total.add(row)
    return {"producers": producers, "unions": sorted(unions.values(), key=lambda r: r.name), "total": total}


class ReportFilterForm(forms.Form):
    date_from = forms.DateField(label=gettext_lazy("Từ ngày"), required=False,
                                input_formats=["%Y-%m-%d", "%d/%m/%Y"], widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=gettext_lazy("Đến ngày"), required=False,
                              input_formats=["%Y-%m-%d", "%d/%m/%Y"], widget=forms.DateInput(attrs={"type": "date"}))

    def dates(self) -> tuple[date | None, date | None, list[str]]:
        self.is_valid()
        problems = [_("Ngày “%(value)s” không hợp lệ nên đã bỏ qua; hãy nhập theo dạng 31/12/2025.")
                    % {"value": self.data.get(name, "")[:20]} for name in ("date_from", "date_to") if name in self.errors]
        placed_from, placed_to = self.cleaned_data.get("date_from"), self.cleaned_data.get("date_to")
        if placed_from and placed_to and placed_from > placed_to:
            problems.append(_("“Từ ngày” đứng sau “Đến ngày” nên bộ lọc ngày đã bỏ qua."))
            placed_from = placed_to = None
        return placed_from, placed_to, problems


def _may_see_orders(user) -> bool:
    return policy_registry.get_by_type(Order).user_has_permission(user, "view")


class OrderReportView(generic.WagtailAdminTemplateMixin, TemplateView):
    template_name = "union/order_report.html"
    page_title = gettext_lazy("Đơn hàng và doanh số")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not _may_see_orders(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def report(self) -> dict:
        form = ReportFilterForm(self.request.GET)
        placed_from, placed_to, problems = form.dates()
        if self.request.GET.get("export") != "csv":
            for problem in problems:
                messages.warning(self.request, problem)
        report = sales_report(self.request.user, placed_from=placed_from, placed_to=placed_to)
        return {**report, "form": form, "placed_from": placed_from, "placed_to": placed_to}

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "csv":
            return self.csv_response()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query["export"] = "csv"
        return {**super().get_context_data(**kwargs), **self.report, "csv_query": query.urlencode()}

    def csv_response(self) -> HttpResponse:
        report = self.report
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.localdate().strftime("%Y%m%d")
        response["Content-Disposition"] = f'attachment; filename="don-hang-doanh-so-{stamp}.csv"'
        response.write("\ufeff")  # the byte-order mark makes Excel read the file as UTF-8
        writer = csv.writer(response)
        writer.writerow([_("Cấp"), _("Tên"), _("Số đơn"), _("Số lượng"), _("Doanh số (₫)")])
        for kind, rows in ((_("Nhà sản xuất"), report["producers"]), (_("Hội tỉnh"), report["unions"])):
            for row in rows:
                writer.writerow([kind, spreadsheet_safe(row.name), row.orders, row.units, row.revenue])
        total = report["total"]
        writer.writerow([total.name, "", total.orders, total.units, total.revenue])
        return response



class _ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return _may_see_orders(request.user)


class OrderReportViewSet(ViewSet):
    name = "order_report"
    url_prefix = "order-report"
    icon = "table"
    menu_label = gettext_lazy("Đơn hàng và doanh số")
    menu_item_class = _ReportMenuItem

    def get_urlpatterns(self):
        return [path("", OrderReportView.as_view(), name="index")]
