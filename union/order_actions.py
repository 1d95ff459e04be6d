"""Staff refund an order from its admin page: the seller's form, the one refund service, role "staff".

Permission: refunding gives money back, so viewing orders (orders.view_order) is not enough. The
order policy's "refund" action needs orders.change_order, which the "Cán bộ Hội" group has (an
administrator can keep a read-only group without it); the policy still refuses "change" itself, so
no edit form exists. The order comes from orders_for_staff: another unit's order is a 404.
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from marketplace.orders.errors import OrderError
from marketplace.orders.forms import RefundForm
from marketplace.orders.models import Order, OrderStatusChange
from marketplace.orders.selectors import orders_for_staff
from marketplace.payments.errors import PaymentError
from marketplace.payments.refunds import order_refund, order_refund_open

STAFF = OrderStatusChange.Role.STAFF
REFUND_ACTION = "refund"


def refund_context(view, order: Order, bound_form: RefundForm | None) -> dict:
    """The refund form for the order page: only to staff who may refund, on an order open to refunds."""
    shown = view.user_has_permission(REFUND_ACTION) and order_refund_open(order, role=STAFF)
    form = bound_form or (RefundForm(order=order, auto_id="refund_%s") if shown else None)
    url = reverse(view.refund_url_name, args=[order.pk]) if view.refund_url_name else ""
    return {"refund_form": form if shown else None, "refund_url": url, "refund_open": bound_form is not None}


class OrderRefundMixin:
    """POST only, on top of the order's inspect view: a bad form is shown again on the order page."""

    permission_required = REFUND_ACTION
    any_permission_required = None
    http_method_names = ["post"]

    def get_object(self, queryset=None):
        pk = str(unquote(str(self.pk)))
        if not (pk.isascii() and pk.isdigit() and len(pk) < 19):
            raise Http404
        return get_object_or_404(orders_for_staff(self.request.user), pk=int(pk))

    def post(self, request, *args, **kwargs):
        order = self.object
        form = RefundForm(request.POST, order=order, auto_id="refund_%s")
        if not form.is_valid():
            self.refund_form = form
            messages.error(request, _("Chưa hoàn tiền: hãy sửa các ô được đánh dấu."))
            return self.render_to_response(self.get_context_data())
        try:
            order_refund(order=order, by=request.user, role=STAFF, **form.cleaned_data)
        except (OrderError, PaymentError) as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Đã ghi nhận hoàn tiền cho đơn %(number)s.") % {"number": order.number})
        return redirect(self.inspect_url_name, order.pk)
