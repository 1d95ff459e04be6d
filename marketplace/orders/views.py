"""The buyer's checkout and order pages. Writes go through placement/transitions; reads through selectors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from marketplace.cart.selectors import cart_read
from marketplace.cart.services import cart_clear
from marketplace.cart.session_store import write_ship_to
from marketplace.core.geography import province_name, province_names
from marketplace.core.vietqr import qr_svg
from marketplace.orders import selectors
from marketplace.orders.card_gateway import card_payment_start
from marketplace.orders.errors import OrderError
from marketplace.orders.forms import CancelForm, CheckoutForm
from marketplace.orders.models import Checkout, Order
from marketplace.orders.next_steps import next_step
from marketplace.orders.placement import order_place
from marketplace.orders.transitions import order_transition, transition_allowed
from marketplace.orders.vietqr import order_vietqr_payload

BUYER = "buyer"
ORDERS_PER_PAGE = 10


def _user(request):
    return request.user if request.user.is_authenticated else None


def _initial_contact(user) -> dict:
    if user is None:
        return {}
    return {"contact_name": user.get_full_name() or user.first_name, "email": user.email or "",
            "phone": getattr(user, "phone", "") or ""}


@never_cache
def checkout(request):
    if request.method == "POST" and "choose_province" not in request.POST:
        placed = _place_from_session(request)
        if placed is not None:
            return _after_placement(request, placed)
    cart = cart_read(session=request.session)
    destination = _destination(request)
    cost = selectors.checkout_cost(cart, destination)
    if not cost.groups:
        if cart.lines:  # what she chose sold out (or was withdrawn) since: say so, not "empty"
            messages.warning(request, _("Rất tiếc, sản phẩm trong giỏ hàng của bạn vừa hết hàng hoặc ngừng bán."))
        else:
            messages.warning(request, _("Giỏ hàng đang trống, hãy chọn sản phẩm trước khi đặt hàng."))
        return redirect("cart:detail")
    choices, payment_notes = selectors.payment_choices(cart)
    if request.method != "POST":
        initial = _initial_contact(_user(request)) | ({"province_code": destination} if destination else {})
        form = CheckoutForm(initial=initial, payment_choices=choices)
    elif "choose_province" in request.POST:
        form = CheckoutForm.for_province(request.POST, payment_choices=choices)
        if destination:
            write_ship_to(request.session, destination)
    else:
        form = CheckoutForm(request.POST, payment_choices=choices)
        if form.is_valid() and _shown_province(request) not in (None, destination):
            # The page showed fees to another province: show the new ones before anything is charged.
            write_ship_to(request.session, destination)
            form.add_error(None, _("Phí giao đã được tính lại theo tỉnh nhận bạn chọn. "
                                   "Hãy xem lại tổng tiền rồi bấm “Đặt hàng”."))
        elif form.is_valid():
            try:
                placed = _place(request, selectors.cart_lines_for_placement(cart), form.cleaned_data)
            except OrderError as error:
                form.add_error(None, error.message)
            else:
                return _after_placement(request, placed)
    return render(request, "orders/checkout.html", {
        "form": form, "cart": cart, "cost": cost, "payment_notes": payment_notes,
        "destination_name": province_name(destination),
    })


def _destination(request) -> int | None:
    """The province the fees are priced to: the one in the posted form, else the one the buyer chose before."""
    posted = _province_code(request.POST.get("province_code")) if request.method == "POST" else None
    return posted if posted is not None else selectors.ship_to_province(request)


def _shown_province(request) -> int | None:
    shown = request.POST.get("shown_province")
    return None if shown is None else (_province_code(shown) or 0)


def _province_code(value) -> int | None:
    value = (value or "").strip()
    if not value.isdigit() or len(value) > 3:
        return None
    return int(value) if int(value) in province_names() else None


def _shown_total(request) -> int | None:
    """The total the checkout page showed; anything but digits can only mismatch (a tampered form)."""
    shown = request.POST.get("shown_total")
    if shown is None:
        return None
    return int(shown) if shown.isdigit() and len(shown) < 16 else -1


def _place_from_session(request) -> Checkout | None:
    """The usual "Đặt hàng", placed without drawing the cart first: the session's lines go straight to
    order_place, which reads and checks everything again under its locks (prices against the total shown,
    stock, payment method). None when anything needs the page (a form error, another province than the
    one shown, a refused order): the page's own path below then says why, as it always has."""
    form = CheckoutForm(request.POST, payment_choices=selectors.payment_choices_offered())
    if not form.is_valid() or _shown_province(request) not in (None, _destination(request)):
        return None
    try:
        return _place(request, selectors.session_lines_for_placement(request.session), form.cleaned_data)
    except OrderError:
        return None


def _place(request, lines, data) -> Checkout:
    placed = order_place(lines=lines, buyer=_user(request), expected_total=_shown_total(request), **data)
    cart_clear(session=request.session, user=_user(request))
    write_ship_to(request.session, placed.province_code)
    selectors.remember_checkout(request.session, placed.reference)
    return placed


def _after_placement(request, placed: Checkout):
    if placed.payment_method == Checkout.PaymentMethod.CARD:
        return _start_card_payment(request, placed)
    messages.success(request, _("Đặt hàng thành công. Cảm ơn bạn!"))
    return redirect("orders:checkout_done", reference=placed.reference)


def _start_card_payment(request, placed: Checkout):
    done_path = reverse("orders:checkout_done", kwargs={"reference": placed.reference})
    done_url = request.build_absolute_uri(done_path)
    try:
        return redirect(card_payment_start(checkout=placed, success_url=done_url, cancel_url=done_url))
    except OrderError as error:
        messages.error(request, error.message)
        return redirect(done_path)


@never_cache
def checkout_done(request, reference):
    placed, orders = selectors.checkout_orders_for_viewer(reference=reference, session=request.session,
                                                          user=request.user)
    card_unpaid = placed.payment_method == Checkout.PaymentMethod.CARD and any(
        order.status == Order.Status.PENDING_PAYMENT for order in orders
    )
    return render(request, "orders/checkout_done.html", {
        "checkout": placed, "orders": orders, "total": sum(order.total for order in orders),
        "card_retry": card_unpaid and selectors.card_available(),
    })


@require_POST
def checkout_pay(request, reference):
    """Try the card payment again after Stripe refused or the buyer came back without paying."""
    placed = selectors.checkout_for_viewer(reference=reference, session=request.session, user=request.user)
    if placed.payment_method != Checkout.PaymentMethod.CARD or not selectors.card_available() or not placed.orders.filter(
        status=Order.Status.PENDING_PAYMENT
    ).exists():
        messages.error(request, _("Không còn gì cần thanh toán bằng thẻ cho lần đặt hàng này."))
        return redirect("orders:checkout_done", reference=reference)
    return _start_card_payment(request, placed)


@never_cache
def order_detail(request, token):
    order = selectors.order_for_token(token)
    response = render(request, "orders/order_detail.html", {
        "order": order,
        "checkout": order.checkout,
        "can_cancel": transition_allowed(order=order, to_status=Order.Status.CANCELLED, role=BUYER),
        "can_confirm_receipt": transition_allowed(order=order, to_status=Order.Status.COMPLETED, role=BUYER),
        "cancel_form": CancelForm(),
        "vietqr": _vietqr(order),
        "next_step": next_step(order),
    })
    # The private token must not travel to other sites in a Referer header. "same-origin" (not "no-referrer",
    # which makes the browser post `Origin: null` and fails Django's CSRF check on the page's own buttons).
    response["Referrer-Policy"] = "same-origin"
    return response


def _vietqr(order: Order) -> dict | None:
    """The QR and bank details while a VietQR order waits for its transfer."""
    if order.checkout.payment_method != Checkout.PaymentMethod.VIETQR or order.status != Order.Status.PENDING_PAYMENT:
        return None
    payload = order_vietqr_payload(order)
    svg = qr_svg(payload) if payload else ""
    producer = order.producer
    return {"svg": svg, "bank_name": producer.bank_name, "account_number": producer.bank_account_number,
            "account_name": producer.bank_account_name, "amount": order.total, "content": order.number}


@require_POST
def order_cancel(request, token):
    order = selectors.order_for_token(token)
    form = CancelForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _buyer_move(request, order, Order.Status.CANCELLED, "cancelled", reason,
                       _("Đã huỷ đơn %(number)s.") % {"number": order.number})


@require_POST
def order_received(request, token):
    order = selectors.order_for_token(token)
    return _buyer_move(request, order, Order.Status.COMPLETED, "completed", "",
                       _("Cảm ơn bạn đã xác nhận đã nhận hàng."))


def _buyer_move(request, order: Order, to_status: str, event: str, reason: str, success: str):
    try:
        order_transition(order=order, to_status=to_status, actor=request.user, role=BUYER, reason=reason)
    except OrderError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect("orders:order_detail", token=order.token)


@login_required
def my_orders(request):
    page = Paginator(selectors.orders_of_buyer(request.user), ORDERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "orders/my_orders.html", {"page": page})
