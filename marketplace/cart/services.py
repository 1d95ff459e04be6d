"""Changes to the session cart. Prices are read from the database; nothing posted is trusted for price."""

from dataclasses import dataclass

from django.contrib import messages
from django.utils.translation import gettext as _

from marketplace.cart.models import CartSnapshot
from marketplace.cart.session_store import (
    MAX_QUANTITY,
    OWNER_KEY,
    StoredLine,
    parse_lines,
    read_lines,
    serialise_lines,
    write_lines,
)
from marketplace.catalogue.models import ProductVariant
from marketplace.catalogue.selectors import products_visible
from marketplace.livestreams.pricing import live_offers


class CartError(Exception):
    """A refused change, with a message for the buyer; the cart is left as it was."""

    def __init__(self, message: str, *, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass
class CartChange:
    message: str
    level: int = messages.SUCCESS


def _check_quantity(quantity: int) -> None:
    if not isinstance(quantity, int) or not 1 <= quantity <= MAX_QUANTITY:
        raise CartError(_("Số lượng phải là số nguyên từ 1 đến 99."))


def _buyable_variant(variant_id: int) -> ProductVariant:
    try:
        return ProductVariant.objects.select_related("product").get(
            pk=variant_id, product__in=products_visible()
        )
    except ProductVariant.DoesNotExist:
        raise CartError(_("Sản phẩm này không có hoặc đã ngừng bán."), status=404) from None


def _clamped(wanted: int, variant: ProductVariant) -> tuple[int, CartChange | None]:
    """The quantity the cart may hold, and a warning when it is less than wanted."""
    allowed = min(wanted, variant.stock, MAX_QUANTITY)
    if allowed >= wanted:
        return allowed, None
    if allowed == variant.stock:
        warning = _("Chỉ còn %(n)d sản phẩm.") % {"n": variant.stock}
    else:
        warning = _("Mỗi sản phẩm được đặt tối đa %(max)d.") % {"max": MAX_QUANTITY}
    return allowed, CartChange(warning + " " + _("Số lượng trong giỏ: %(n)d.") % {"n": allowed}, messages.WARNING)


def _save(session, lines: dict[int, StoredLine], user) -> None:
    write_lines(session, lines)
    if user is not None and user.is_authenticated:
        session[OWNER_KEY] = user.pk
        CartSnapshot.objects.update_or_create(user=user, defaults={"data": serialise_lines(lines)})


def cart_add(*, session, variant_id: int, quantity: int, user=None) -> CartChange:
    _check_quantity(quantity)
    variant = _buyable_variant(variant_id)
    if variant.stock < 1:
        raise CartError(_("Rất tiếc, %(name)s đã hết hàng.") % {"name": variant}, status=409)
    lines = read_lines(session)
    current = lines.get(variant.pk)
    allowed, warning = _clamped((current.quantity if current else 0) + quantity, variant)
    # The buyer has just seen the current price on the product page (a live price while one holds):
    # it becomes the reference, so the cart tells her when it moves.
    offer = live_offers([variant.pk]).get(variant.pk)
    lines[variant.pk] = StoredLine(allowed, offer.price if offer else variant.price)
    _save(session, lines, user)
    return warning or CartChange(_("Đã thêm %(name)s vào giỏ hàng.") % {"name": variant})


def cart_set_quantity(*, session, variant_id: int, quantity: int, user=None) -> CartChange:
    _check_quantity(quantity)
    lines = read_lines(session)
    if variant_id not in lines:
        raise CartError(_("Sản phẩm này không có trong giỏ hàng."), status=404)
    try:
        variant = _buyable_variant(variant_id)
    except CartError:
        raise CartError(_("Sản phẩm này đã ngừng bán; bạn chỉ có thể xoá khỏi giỏ hàng."), status=409) from None
    if variant.stock < 1:
        raise CartError(_("Rất tiếc, %(name)s đã hết hàng.") % {"name": variant}, status=409)
    allowed, warning = _clamped(quantity, variant)
    lines[variant_id] = StoredLine(allowed, lines[variant_id].price_at_add)
    _save(session, lines, user)
    return warning or CartChange(_("Đã cập nhật số lượng."))


def cart_remove(*, session, variant_id: int, user=None) -> CartChange:
    lines = read_lines(session)
    if variant_id not in lines:
        raise CartError(_("Sản phẩm này không có trong giỏ hàng."), status=404)
    del lines[variant_id]
    _save(session, lines, user)
    return CartChange(_("Đã xoá sản phẩm khỏi giỏ hàng."))


def cart_remove_missing(*, session, variant_ids: set[int], user=None) -> None:
    """Drop lines whose variant no longer exists at all (deleted by the seller)."""
    lines = read_lines(session)
    if variant_ids & lines.keys():
        _save(session, {pk: line for pk, line in lines.items() if pk not in variant_ids}, user)


def cart_clear(*, session, user=None) -> None:
    _save(session, {}, user)


def cart_merge_on_login(*, session, user) -> None:
    """Add the account's saved cart to the session cart: quantities summed, bounded by stock."""
    lines = read_lines(session)
    if session.get(OWNER_KEY) != user.pk:
        snapshot = CartSnapshot.objects.filter(user=user).first()
        saved = parse_lines(snapshot.data) if snapshot else {}
        for variant_id, line in saved.items():
            current = lines.get(variant_id)
            lines[variant_id] = StoredLine(
                (current.quantity if current else 0) + line.quantity,
                current.price_at_add if current else line.price_at_add,
            )
        stock = dict(ProductVariant.objects.filter(pk__in=lines.keys()).values_list("pk", "stock"))
        lines = {
            pk: StoredLine(max(1, min(line.quantity, stock[pk] or line.quantity, MAX_QUANTITY)), line.price_at_add)
            for pk, line in lines.items()
            if pk in stock
        }
    _save(session, lines, user)


def merge_cart_at_login(sender, request, user, **kwargs) -> None:
    """user_logged_in receiver: session plumbing only, see CartConfig.ready."""
    if request is not None and hasattr(request, "session"):
        cart_merge_on_login(session=request.session, user=user)
