"""/seller/orders/: her producer's orders, one order's page with its actions, and the packing slip.

Every URL loads the order through selectors_orders.own_order, so another producer's order number is a
404 whatever the method. The moves themselves are order_transition's (role "seller"); a view only
reads the form, calls the service and tells the seller what happened.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from marketplace.delivery.selectors import order_delivery_panel, order_has_shipment
from marketplace.orders.errors import OrderError
from marketplace.orders.forms import RefundForm
from marketplace.orders.models import Checkout, Order
from marketplace.orders.payment import order_mark_paid_by_seller
from marketplace.orders.transitions import order_transition, transition_allowed
from marketplace.payments.errors import PaymentError
from marketplace.payments.refunds import order_refund
from seller import selectors_orders
from seller.access import seller_required
from seller.forms_orders import CancelForm, OrderFilterForm, ShipForm

S = Order.Status
PER_PAGE = 20
# action in the URL -> (status it moves to, form class or None); the services send the emails.
ACTIONS = {
    "paid": (S.CONFIRMED, None),
    "pack": (S.PACKED, None),
    "ship": (S.SHIPPED, ShipForm),
    "deliver": (S.DELIVERED, None),
    "cancel": (S.CANCELLED, CancelForm),
    "refund": (S.REFUNDED, RefundForm),
}
DONE = {
    "paid": gettext_lazy("Đã ghi nhận chuyển khoản cho đơn %(number)s."),
    "pack": gettext_lazy("Đơn %(number)s đã đóng gói."),
    "ship": gettext_lazy("Đơn %(number)s đã gửi đi."),
    "deliver": gettext_lazy("Đơn %(number)s đã giao xong."),
    "cancel": gettext_lazy("Đã huỷ đơn %(number)s."),
    "refund": gettext_lazy("Đã ghi nhận hoàn tiền cho đơn %(number)s."),
}


@seller_required
def order_list(request, producer):
    form = OrderFilterForm(request.GET)
    filters, problems = form.filters()
    for problem in problems:
        messages.warning(request, problem)
    page = Paginator(selectors_orders.seller_orders(producer, **filters), PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "seller/orders_list.html", {
        "producer": producer, "form": form, "page": page, "query": query.urlencode(),
    })


@seller_required
def order_detail(request, producer, number: str):
    order = selectors_orders.own_order(producer, number)
    return _detail_page(request, producer, order, {})


@seller_required
def order_action(request, producer, number: str, action: str):
    order = selectors_orders.own_order(producer, number)
    if action not in ACTIONS:
        raise Http404
    if request.method != "POST":
        return redirect("seller:order_detail", number=order.number)
    to_status, form_class = ACTIONS[action]
    form = None
    if form_class is not None:
        extra = {"order": order} if form_class is RefundForm else {}
        form = form_class(request.POST, auto_id=f"{action}_%s", **extra)
        if not form.is_valid():
            return _detail_page(request, producer, order, {action: form})
    try:
        _perform(request, order, action, to_status, form)
    except (OrderError, PaymentError) as error:
        messages.error(request, error.message)
    else:
        order.refresh_from_db()
        messages.success(request, DONE[action] % {"number": order.number})
    return redirect("seller:order_detail", number=order.number)


@seller_required
def order_slip(request, producer, number: str):
    order = selectors_orders.own_order(producer, number)
    return render(request, "seller/orders_slip.html", {
        "producer": producer, "order": order, "checkout": order.checkout,
        "collect_on_delivery": _collects_cash(order),
    })


def _perform(request, order: Order, action: str, to_status: str, form) -> None:
    user = request.user
    if action == "deliver" and order_has_shipment(order):
        # GHN's callback delivers it (and records the cash GHN collected); a hand move would skip that.
        raise OrderError(_("Đơn gửi qua GHN tự chuyển sang “Đã giao” khi GHN báo giao xong."))
    if action == "paid":
        if order.checkout.payment_method != Checkout.PaymentMethod.VIETQR:
            raise OrderError(_("Chỉ đơn chuyển khoản VietQR mới cần xác nhận đã nhận tiền."))
        order_mark_paid_by_seller(order=order, by=user)
    elif action == "refund":
        order_refund(order=order, by=user, role="seller", **form.cleaned_data)
    else:
        fields = form.cleaned_data if form is not None else {}
        order_transition(order=order, to_status=to_status, actor=user, role="seller", **fields)


def _collects_cash(order: Order) -> bool:
    return order.checkout.payment_method == Checkout.PaymentMethod.COD and order.payment_status == "unpaid"


def _detail_page(request, producer, order: Order, bound_forms: dict):
    method = order.checkout.payment_method
    allowed = {action: transition_allowed(order=order, to_status=to_status, role="seller")
               for action, (to_status, _form) in ACTIONS.items()}
    allowed["paid"] = allowed["paid"] and method == Checkout.PaymentMethod.VIETQR and order.payment_status == "unpaid"
    delivery = order_delivery_panel(order)
    allowed["deliver"] = allowed["deliver"] and delivery["shipment"] is None
    forms = {
        "ship": bound_forms.get("ship") or ShipForm(auto_id="ship_%s"),
        "cancel": bound_forms.get("cancel") or CancelForm(auto_id="cancel_%s"),
        "refund": bound_forms.get("refund") or RefundForm(order=order, auto_id="refund_%s"),
    }
    return render(request, "seller/orders_detail.html", {
        "producer": producer, "order": order, "checkout": order.checkout, "allowed": allowed, "forms": forms,
        "open_form": next(iter(bound_forms), ""), "collect_on_delivery": _collects_cash(order),
        "delivery": delivery,
    })
