"""/seller/live/<pk>/quick/: "chốt đơn" from a livestream comment in one short form, and undo.

For the host's and the co-hosts' teams. Made to be used with the keyboard while talking: the first
field has focus, Enter sends, and after an order the empty form comes back with focus on top.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from marketplace.core.money import format_vnd
from marketplace.delivery.returned_parcels import returned_parcel_counts
from marketplace.livestreams.errors import LiveError
from marketplace.orders import quick_orders
from marketplace.orders.errors import OrderError
from seller.access import seller_required
from seller.live import selectors
from seller.live.forms import QuickOrderForm
from seller.live.sessions import add_live_error

MAX_LISTED = 100
DONE_KEY = "live_quick_done_%s"


def _done_message(order) -> str:
    lines = list(order.lines.all())
    what = ", ".join(f"{line.quantity} × {line.product_name} — {line.variant_name}" for line in lines)
    text = _("Đã chốt đơn %(number)s cho %(name)s: %(what)s = %(amount)s") % {
        "number": order.number, "name": order.checkout.contact_name, "what": what,
        "amount": format_vnd(order.subtotal)}
    if order.shipping_fee:
        text += " " + _("(cộng phí giao %(fee)s: thu %(total)s)") % {
            "fee": format_vnd(order.shipping_fee), "total": format_vnd(order.total)}
    return text


@seller_required
def quick_page(request, producer, pk: int):
    session = selectors.session_taking_part(producer, pk)
    pins = selectors.session_pins(session)
    form = QuickOrderForm(request.POST or None, producer=producer, codes=[pin.code for pin in pins])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            order = quick_orders.quick_order_place(
                session=session, by=request.user, contact_name=data["contact_name"], phone=data["phone"],
                code=data["code"], quantity=data["quantity"], address=data["address"],
                province_code=data["province_code"], pickup=data["pickup"], note=data["note"],
            )
        except LiveError as error:
            add_live_error(form, error)
        except OrderError as error:
            form.add_error(None, error.message)
        else:
            # Shown right above the empty form (not with the page's messages, scrolled away by autofocus).
            request.session[DONE_KEY % session.pk] = order.pk
            return redirect("seller_live:quick", pk=session.pk)
    form.focus_first_error()
    orders = list(selectors.session_orders(session, producer, request.user)[:MAX_LISTED])
    done_id = request.session.pop(DONE_KEY % session.pk, None) if request.method == "GET" else None
    done = next((order for order in orders if order.pk == done_id), None)
    # "Bom hàng" counts of her own producer only, for her own orders' phones (one query).
    returned = returned_parcel_counts(producer.pk, [o.checkout.phone for o in orders if o.producer_id == producer.pk])
    return render(request, "seller/live/quick.html", {
        "producer": producer, "session": session, "form": form, "is_host": session.host_id == producer.pk,
        "pins": pins,
        "orders": [(order, quick_orders.quick_order_can_undo(order), quick_orders.quick_order_undo_until(order),
                    returned.get(order.checkout.phone, 0) if order.producer_id == producer.pk else 0)
                   for order in orders],
        "open": session.price_window_open(),
        "done": _done_message(done) if done is not None else "",
        "done_order": done,
        "done_returned": returned.get(done.checkout.phone, 0) if done is not None and done.producer_id == producer.pk else 0,
    })


@seller_required
def quick_cancel(request, producer, pk: int, order_id: int):
    session = selectors.session_taking_part(producer, pk)
    order = selectors.session_order(session, producer, request.user, order_id)
    if request.method == "POST":
        try:
            quick_orders.quick_order_cancel(order=order, by=request.user)
        except LiveError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Đã huỷ đơn %(number)s; hàng và suất giá live đã trả lại.")
                             % {"number": order.number})
    return redirect("seller_live:quick", pk=session.pk)
