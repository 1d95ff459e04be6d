"""/seller/live/<pk>/products/: the products pinned to a session, their codes, live prices and caps.

The host's team only. Adding, changing and removing go through services.pin_*; a refusal is shown on
the form it came from, with what was typed, and changes nothing.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from marketplace.livestreams import services
from marketplace.livestreams.errors import LiveError
from marketplace.livestreams.models import LiveSession
from seller.access import seller_required
from seller.live import selectors
from seller.live.forms import PinAddForm, PinEditForm
from seller.live.sessions import add_live_error

EDITABLE = (LiveSession.State.SCHEDULED, LiveSession.State.LIVE)


def _edit_form(pin, data=None) -> PinEditForm:
    return PinEditForm(data, prefix=f"pin{pin.pk}", initial={"live_price": pin.live_price, "cap": pin.cap})


def _page(request, producer, session, *, add_form=None, bound_edit=None, status=200):
    pins = selectors.session_pins(session)
    editable = session.state in EDITABLE
    if add_form is None and editable:
        add_form = PinAddForm(variants=selectors.pinnable_variants(session))
    rows = [(pin, bound_edit if bound_edit is not None and bound_edit.pin_id == pin.pk else _edit_form(pin))
            for pin in pins]
    return render(request, "seller/live/pins.html", {
        "producer": producer, "session": session, "rows": rows, "add_form": add_form, "editable": editable,
        "open_pin": bound_edit.pin_id if bound_edit is not None else None,
    }, status=status)


@seller_required
def pin_page(request, producer, pk: int):
    session = selectors.session_hosted(producer, pk)
    if request.method != "POST":
        return _page(request, producer, session)
    form = PinAddForm(request.POST, variants=selectors.pinnable_variants(session))
    if form.is_valid():
        data = form.cleaned_data
        try:
            pin = services.pin_add(session=session, variant_id=data["variant"], live_price=data["live_price"],
                                   cap=data["cap"])
        except LiveError as error:
            add_live_error(form, error)
        else:
            messages.success(request, _("Đã ghim «%(name)s» với mã %(code)s.")
                             % {"name": f"{pin.variant.product.name} — {pin.variant.name}", "code": pin.code})
            return redirect("seller_live:pins", pk=session.pk)
    return _page(request, producer, session, add_form=form)


@seller_required
def pin_edit(request, producer, pk: int, pin_id: int):
    session = selectors.session_hosted(producer, pk)
    pin = selectors.pin_of(session, pin_id)
    if request.method != "POST":
        return redirect("seller_live:pins", pk=session.pk)
    form = _edit_form(pin, request.POST)
    form.pin_id = pin.pk
    if form.is_valid():
        try:
            services.pin_update(pin=pin, live_price=form.cleaned_data["live_price"], cap=form.cleaned_data["cap"])
        except LiveError as error:
            add_live_error(form, error)
        else:
            messages.success(request, _("Đã lưu giá live của mã %(code)s.") % {"code": pin.code})
            return redirect("seller_live:pins", pk=session.pk)
    return _page(request, producer, session, bound_edit=form)


@seller_required
def pin_remove(request, producer, pk: int, pin_id: int):
    session = selectors.session_hosted(producer, pk)
    pin = selectors.pin_of(session, pin_id)
    if request.method == "POST":
        try:
            services.pin_remove(pin=pin)
        except LiveError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Đã bỏ ghim mã %(code)s.") % {"code": pin.code})
    return redirect("seller_live:pins", pk=session.pk)
