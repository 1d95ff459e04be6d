"""Reads for the buyer's pages: what checkout would cost now, which payments are open, whose orders are whose."""

from dataclasses import dataclass

from django.db.models import F, Prefetch, QuerySet, Value
from django.db.models.functions import Greatest
from django.http import Http404
from django.utils.translation import gettext as _

from marketplace.cart.selectors import Cart, ProducerGroup
from marketplace.cart.session_store import read_lines, read_ship_to
from marketplace.catalogue.selectors import thumbnails_prefetch
from marketplace.core.geography import province_names
from marketplace.orders.card_gateway import card_available
from marketplace.orders.models import Checkout, Order, OrderLine, OrderStatusChange
from marketplace.orders.shipping import parcel_grams, rate_table, shipping_fee
from producers.selectors import scoped_to_staff

SESSION_CHECKOUTS = "order_checkouts"
SESSION_CHECKOUTS_KEPT = 20


@dataclass
class GroupCost:
    group: ProducerGroup
    shipping_fee: int
    grams: int = 0

    @property
    def total(self) -> int:
        return self.group.subtotal + self.shipping_fee

    @property
    def by_weight(self) -> bool:
        """Priced by the union's table (weight and destination), not by the producer's own flat fee."""
        return self.group.producer.shipping_flat_fee is None

    @property
    def short_of_free(self) -> int:
        """How much more from this producer makes the shipping free (0: free already, or she has no threshold)."""
        threshold = self.group.producer.free_shipping_threshold
        if threshold is None or self.group.subtotal >= threshold or not self.shipping_fee:
            return 0
        return threshold - self.group.subtotal


@dataclass
class CheckoutCost:
    groups: list[GroupCost]
    destination: int | None = None

    @property
    def subtotal(self) -> int:
        return sum(cost.group.subtotal for cost in self.groups)

    @property
    def shipping(self) -> int:
        return sum(cost.shipping_fee for cost in self.groups)

    @property
    def total(self) -> int:
        return self.subtotal + self.shipping

    def for_producer(self, producer_id: int) -> GroupCost | None:
        return next((cost for cost in self.groups if cost.group.producer.pk == producer_id), None)


def group_grams(group: ProducerGroup) -> int:
    return parcel_grams((line.variant.weight_grams, line.quantity) for line in group.lines if line.available)


def checkout_cost(cart: Cart, destination: int | None = None) -> CheckoutCost:
    """The same sums order_place will make for this destination province, for showing before the buyer commits."""
    groups = [group for group in cart.groups if group.item_count]
    table = rate_table() if groups else None
    costs = []
    for group in groups:
        grams = group_grams(group)
        fee = shipping_fee(producer=group.producer, subtotal=group.subtotal, grams=grams, destination=destination,
                           table=table)
        costs.append(GroupCost(group, fee, grams))
    return CheckoutCost(costs, destination)


def ship_to_province(request) -> int | None:
    """Where the fees before checkout are priced to: the province chosen in the cart (or at checkout),
    else the signed-in buyer's last delivered-to province, else unknown."""
    chosen = read_ship_to(request.session)
    if chosen is not None or not request.user.is_authenticated:
        return chosen
    last = (Checkout.objects.filter(buyer=request.user, pickup=False).order_by("-created_at", "-id")
            .values_list("province_code", flat=True).first())
    return last if last in province_names() else None


def cart_lines_for_placement(cart: Cart) -> list[tuple[int, int]]:
    # The stored quantities, not the ones trimmed to stock: a shortage must stop the order with a message.
    return [(line.variant.pk, line.stored_quantity) for line in cart.lines]


def session_lines_for_placement(session) -> list[tuple[int, int]]:
    """The stored lines as they are, for placing without reading the cart first (order_place checks them)."""
    return [(variant_id, line.quantity) for variant_id, line in read_lines(session).items()]


def producer_has_bank_account(producer) -> bool:
    return bool(producer.bank_bin and producer.bank_account_number)


def payment_choices_offered() -> list[tuple[str, str]]:
    """Every method the site takes now, whatever the cart (order_place refuses VietQR to a producer without
    a bank account)."""
    methods = Checkout.PaymentMethod
    offered = [(methods.COD.value, methods.COD.label), (methods.VIETQR.value, methods.VIETQR.label)]
    return offered + ([(methods.CARD.value, methods.CARD.label)] if card_available() else [])


def payment_choices(cart: Cart) -> tuple[list[tuple[str, str]], list[str]]:
    """The methods offered for this cart, and why the others are not (for the page)."""
    methods = Checkout.PaymentMethod
    choices = [(methods.COD.value, methods.COD.label)]
    notes = []
    without_bank = [group.producer.name for group in cart.groups if not producer_has_bank_account(group.producer)]
    if cart.groups and not without_bank:
        choices.append((methods.VIETQR.value, methods.VIETQR.label))
    elif without_bank:
        notes.append(_("Chuyển khoản VietQR chưa dùng được vì %(names)s chưa có tài khoản nhận tiền.")
                     % {"names": ", ".join(without_bank)})
    if card_available():
        choices.append((methods.CARD.value, methods.CARD.label))
    return choices, notes


def _with_history(orders: QuerySet) -> QuerySet:
    return orders.select_related("checkout", "producer").prefetch_related(
        Prefetch("lines", queryset=OrderLine.objects.select_related("variant__product")),
        thumbnails_prefetch("lines__variant__product__images"),
        Prefetch("status_changes", queryset=OrderStatusChange.objects.order_by("created_at", "id")),
    )


def remember_checkout(session, reference: str) -> None:
    kept = [ref for ref in session.get(SESSION_CHECKOUTS, []) if ref != reference]
    session[SESSION_CHECKOUTS] = (kept + [reference])[-SESSION_CHECKOUTS_KEPT:]


def checkout_for_viewer(*, reference: str, session, user) -> Checkout:
    """The checkout if this browser session placed it or the signed-in buyer owns it; 404 otherwise."""
    checkout = Checkout.objects.filter(reference=reference).first()
    if checkout is None or not _may_view(checkout, session, user):
        raise Http404
    return checkout


def _may_view(checkout: Checkout, session, user) -> bool:
    return checkout.reference in session.get(SESSION_CHECKOUTS, []) or (
        user.is_authenticated and checkout.buyer_id == user.pk)


def checkout_orders_for_viewer(*, reference: str, session, user) -> tuple[Checkout, list[Order]]:
    """The checkout and its orders (one per producer) in one query, on checkout_for_viewer's terms."""
    orders = list(Order.objects.filter(checkout__reference=reference).select_related("checkout", "producer")
                  .order_by("producer__name", "pk"))
    checkout = orders[0].checkout if orders else None
    if checkout is None or not _may_view(checkout, session, user):
        raise Http404
    for order in orders:
        order.checkout = checkout  # one object for all, as checkout.orders would give
    return checkout, orders


def order_for_token(token: str) -> Order:
    """The order behind a private link; the token is the key, so a wrong one is simply not found."""
    # A NUL byte ("%00" in the link) is refused by PostgreSQL's text type: such a token is simply unknown.
    order = _with_history(Order.objects.filter(token=token)).first() if token and "\x00" not in token else None
    if order is None:
        raise Http404
    return order


def orders_of_buyer(user) -> QuerySet:
    return Order.objects.filter(checkout__buyer=user).select_related("checkout", "producer").order_by("-placed_at", "-pk")


def orders_for_staff(user) -> QuerySet[Order]:
    """The orders of producers in the officer's unit subtree (all of them for the central union)."""
    return scoped_to_staff(
        Order.objects.select_related("producer", "producer__union_unit", "checkout"), user, "producer__"
    )


# Net revenue in SQL, for the reports: what the buyer paid less what went back to her. A partly refunded
# order still counts as an order; the goods' net is never below zero when the refund covered shipping too.
def net_total():
    return F("total") - F("refunded_total")


def net_subtotal():
    return Greatest(F("subtotal") - F("refunded_total"), Value(0))
