"""/seller/orders/<number>/ghn/…: ship an order through GHN (quote, waybill, label) and the "bom hàng" record.

Every URL loads the order through selectors_orders.own_order, so another producer's order is a 404
whatever the method. With GHN switched off (no settings) the pages send the seller back to her order,
where the hand-typed carrier form is unchanged.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from marketplace.delivery.errors import DeliveryError
from marketplace.delivery.returned_parcels import returned_parcel_clear
from marketplace.delivery.services import ghn_label_url, ghn_quote, ghn_shipment_create
from marketplace.orders.errors import OrderError
from seller import selectors_orders
from seller.access import seller_required


@seller_required
def ghn_shipment(request, producer, number: str):
    """GET: GHN's quote for this order and a button; POST: create the waybill and ship the order."""
    order = selectors_orders.own_order(producer, number)
    if request.method == "POST":
        try:
            shipment = ghn_shipment_create(order=order, by=request.user)
        except OrderError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Đã tạo vận đơn GHN %(waybill)s; đơn %(number)s chuyển sang “Đang giao”. "
                                        "Hãy in phiếu gửi hàng và dán lên kiện.")
                             % {"waybill": shipment.waybill, "number": order.number})
        return redirect("seller:order_detail", number=order.number)
    try:
        quote = ghn_quote(order)
    except DeliveryError as error:
        messages.error(request, error.message)
        return redirect("seller:order_detail", number=order.number)
    return render(request, "seller/orders_ghn.html", {
        "producer": producer, "order": order, "checkout": order.checkout, "quote": quote,
    })


@seller_required
def ghn_label(request, producer, number: str):
    """Send the seller's browser to GHN's A5 label (a fresh print token each time)."""
    order = selectors_orders.own_order(producer, number)
    try:
        url = ghn_label_url(order)
    except DeliveryError as error:
        messages.error(request, error.message)
        return redirect("seller:order_detail", number=order.number)
    return redirect(url)


@seller_required
def returned_record_clear(request, producer, number: str):
    """Forget the "bom hàng" count of this order's phone, for her producer only."""
    order = selectors_orders.own_order(producer, number)
    if request.method == "POST" and returned_parcel_clear(producer.pk, order.checkout.phone):
        messages.success(request, _("Đã xoá ghi nhận bom hàng của số điện thoại này."))
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return redirect(next_url)  # back to the quick-order screen she cleared it from
    return redirect("seller:order_detail", number=order.number)
