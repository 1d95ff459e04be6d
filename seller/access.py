"""Who may open a seller page, in one place.

Every seller view is wrapped by `seller_required`: it sends strangers to log in, sends a signed-in
person without a producer to /seller/start/ (or answers 404 for a URL that names an object), and
hands the view the seller's own producer. Every object a view loads comes through `own(...)`, which
filters by that producer, so another producer's id answers 404 whatever it names.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from marketplace.core.views import Http404ForVisitor
from producers.selectors import membership_of


def seller_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        membership = membership_of(request.user)
        if membership is None:
            if kwargs:
                raise Http404ForVisitor(_("Không tìm thấy trang này trong gian hàng của chị."))
            return redirect("seller:start")
        request.seller_membership = membership
        return view(request, membership.producer, *args, **kwargs)

    return wrapper


def login_required_here(view):
    """Signed in, with or without a producer (the start page and invitations decide themselves)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def own(queryset: QuerySet, producer_field: str, producer, **lookup) -> Model:
    """One object of the seller's producer, or 404 (the same 404 whether it exists elsewhere or not)."""
    return get_object_or_404(queryset.filter(**{producer_field: producer}), **lookup)


def is_owner(request) -> bool:
    return request.seller_membership.role == request.seller_membership.Role.OWNER
