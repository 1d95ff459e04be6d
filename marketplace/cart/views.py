"""Cart page and its three POST endpoints: a plain form is redirected back with a message,
a request that accepts JSON gets JSON (static/js/cart.js), so the cart works with or without JavaScript."""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from marketplace.cart import selectors, services
from marketplace.cart.forms import CartAddForm, CartRemoveForm, CartUpdateForm, ShipToForm, first_error
from marketplace.cart.session_store import item_count, write_ship_to
from marketplace.core.geography import province_name


def _user(request):
    return request.user if request.user.is_authenticated else None


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _back_url(request) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("cart:detail")


def _read_cart(request) -> selectors.Cart:
    cart = selectors.cart_read(session=request.session)
    if cart.missing_variant_ids:
        services.cart_remove_missing(session=request.session, variant_ids=cart.missing_variant_ids, user=_user(request))
    return cart


def _answer(request, *, message: str, level: int, status: int = 200, added: bool = False):
    if not _wants_json(request):
        if added and request.POST.get("buy_now"):
            return redirect("orders:checkout")  # "Mua ngay": straight to the order form
        # "cart-added": the notice offers "Xem giỏ hàng" and "Tiếp tục mua" (cart/messages.html)
        messages.add_message(request, level, message, extra_tags="cart-added" if added else "")
        back = _back_url(request)
        if added and request.POST.get("keep_choice") and not set("?#") & set(back):  # the product page's form
            back += "?" + urlencode({"variant": request.POST.get("variant", "").strip()})  # keeps her option ticked
        return redirect(back)
    body = {"ok": status < 400, "message": message, "count": item_count(request.session), "added": added}
    if request.headers.get("X-Cart-Fragment"):
        body["html"] = render_to_string("cart/_cart_body.html", {"cart": _read_cart(request)}, request=request)
    return JsonResponse(body, status=status)


def _change(request, form_class, service, *, adds: bool = False):
    form = form_class(request.POST)
    if not form.is_valid():
        return _answer(request, message=first_error(form), level=messages.ERROR, status=400)
    fields = dict(form.cleaned_data)
    try:
        change = service(session=request.session, user=_user(request), variant_id=fields.pop("variant"), **fields)
    except services.CartError as error:
        return _answer(request, message=error.message, level=messages.ERROR, status=error.status)
    return _answer(request, message=change.message, level=change.level, added=adds and change.level < messages.WARNING)


@never_cache
def cart_detail(request):
    return render(request, "cart/cart.html", {"cart": _read_cart(request)})


@require_POST
def cart_add(request):
    return _change(request, CartAddForm, services.cart_add, adds=True)


@require_POST
def cart_update(request):
    return _change(request, CartUpdateForm, services.cart_set_quantity)


@require_POST
def cart_remove(request):
    return _change(request, CartRemoveForm, services.cart_remove)



@require_POST
def cart_ship_to(request):
    """"Giao đến": remember the province so every fee before checkout is priced to it."""
    form = ShipToForm(request.POST)
    if not form.is_valid():
        return _answer(request, message=first_error(form), level=messages.ERROR, status=400)
    code = form.cleaned_data["province_code"]
    write_ship_to(request.session, code)
    return _answer(request, message=_("Phí giao đã tính đến %(province)s.") % {"province": province_name(code)},
                   level=messages.SUCCESS)
