"""Orders in the admin, read-only: the officer's scope (producers of her unit's subtree) and nothing else.

The listing reads the permission policy's scope, the order page loads its order from it (another
unit's order is a 404). Orders move through the seller's and the system's actions; the one thing staff
do here is a refund (order_actions).
"""

import django_filters
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic

from marketplace.core.audit import audit_history
from marketplace.orders.models import Order, OrderStatusChange
from producers import selectors
from union.order_actions import OrderRefundMixin, refund_context
from union.readonly import ReadOnlyModelViewSet
from union.scoping import ScopedIndexMixin, ScopedInspectMixin
from union.unit_filter import unit_subtree_filter


def _producers_in_scope(request):
    return selectors.producers_for_staff(request.user).order_by("name") if request else Order.objects.none()


class OrderFilterSet(WagtailFilterSet):
    placed_at = django_filters.DateFromToRangeFilter(label=_("Ngày đặt"), field_name="placed_at__date")
    producer = django_filters.ModelChoiceFilter(label=_("Nhà sản xuất"), queryset=_producers_in_scope)
    unit = unit_subtree_filter("producer__union_unit__path")

    class Meta:
        model = Order
        fields = ["status", "producer", "placed_at", "unit"]


class OrderIndexView(ScopedIndexMixin, generic.IndexView):
    page_title = _("Đơn hàng")
    default_ordering = "-placed_at"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("producer", "checkout")

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return queryset.filter(number__icontains=self.search_query.strip())


class OrderInspectView(ScopedInspectMixin, generic.InspectView):
    template_name = "union/order_inspect.html"
    inspect_url_name = None
    refund_url_name = None
    refund_form = None  # the refund view's bound form, when it comes back with errors

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        order = self.object
        context.update({
            "order": order, "checkout": order.checkout, "lines": order.lines.all(),
            "timeline": OrderStatusChange.objects.filter(order=order).select_related("actor"),
            "payment_notes": audit_history(order),
            **refund_context(self, order, self.refund_form),
        })
        return context


class OrderRefundView(OrderRefundMixin, OrderInspectView):
    pass


class OrderViewSet(ReadOnlyModelViewSet):
    model = Order
    name = "union_orders"
    url_prefix = "orders"
    icon = "list-ul"
    menu_label = _("Đơn hàng")
    index_view_class = OrderIndexView
    inspect_view_class = OrderInspectView
    filterset_class = OrderFilterSet
    search_fields = ["number"]
    search_backend_name = None
    list_display = [
        "number", "producer", Column("buyer", label=_("Người nhận"), accessor="checkout.contact_name"),
        "status", "payment_status", Column("total", label=_("Tổng cộng (₫)")),
        DateColumn("placed_at", label=_("Đặt lúc"), sort_key="placed_at"),
    ]

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(refund_url_name=self.get_url_name("refund"), **kwargs)

    @cached_property
    def refund_view(self):
        return self.construct_view(OrderRefundView, **self.get_inspect_view_kwargs(
            inspect_url_name=self.get_url_name("inspect")))

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("<int:pk>/refund/", self.refund_view, name="refund")]
