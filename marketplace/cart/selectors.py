"""The cart as the buyer sees it: every price, stock and availability read from the database now."""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from marketplace.cart.session_store import read_lines
from marketplace.catalogue.models import Product, ProductVariant
from marketplace.catalogue.selectors import products_visible
from marketplace.livestreams.pricing import LiveOffer, live_offers
from producers.models import Producer


@dataclass
class CartLine:
    variant: ProductVariant
    stored_quantity: int
    price_at_add: int
    visible: bool
    live_offer: LiveOffer | None = None

    @property
    def product(self) -> Product:
        return self.variant.product

    @property
    def producer(self) -> Producer:
        return self.variant.product.producer

    @property
    def price(self) -> int:
        return self.live_offer.price if self.live_offer else self.variant.price

    @property
    def live_cap_short(self) -> bool:
        """More units in the cart than live-price units left: checkout will ask to lower the quantity."""
        offer = self.live_offer
        return offer is not None and offer.cap_left is not None and self.quantity > offer.cap_left

    @property
    def stock(self) -> int:
        return self.variant.stock

    @property
    def available(self) -> bool:
        return self.visible and self.stock > 0

    @property
    def unavailable_reason(self) -> str:
        if not self.visible:
            return _("Sản phẩm đã ngừng bán")
        return "" if self.stock > 0 else _("Hết hàng")

    @property
    def quantity(self) -> int:
        """What can be bought now: the stored quantity, bounded by today's stock."""
        return min(self.stored_quantity, self.stock) if self.available else self.stored_quantity

    @property
    def reduced_to_stock(self) -> bool:
        return self.available and self.stored_quantity > self.stock

    @property
    def price_changed(self) -> bool:
        return self.price != self.price_at_add

    @property
    def total(self) -> int:
        return self.price * self.quantity if self.available else 0


@dataclass
class ProducerGroup:
    producer: Producer
    lines: list[CartLine] = field(default_factory=list)

    @property
    def subtotal(self) -> int:
        return sum(line.total for line in self.lines)

    @property
    def item_count(self) -> int:
        return sum(line.quantity for line in self.lines if line.available)


@dataclass
class Cart:
    groups: list[ProducerGroup]
    missing_variant_ids: set[int]

    @property
    def lines(self) -> list[CartLine]:
        return [line for group in self.groups for line in group.lines]

    @property
    def total(self) -> int:
        return sum(group.subtotal for group in self.groups)

    @property
    def item_count(self) -> int:
        return sum(group.item_count for group in self.groups)

    @property
    def has_unavailable(self) -> bool:
        return any(not line.available for line in self.lines)

    @property
    def is_empty(self) -> bool:
        return not self.groups


def cart_read(*, session) -> Cart:
    """The cart as the buyer sees it now (its lines' photos are drawn from the cache: line_thumbnail)."""
    stored = read_lines(session)
    variants = (
        ProductVariant.objects.filter(pk__in=stored.keys())
        .select_related("product", "product__producer")
        .defer("product__description", "product__search_text", "product__producer__story")
        .annotate(visible=Exists(products_visible().filter(pk=OuterRef("product_id"))))
        .order_by("product__producer__name", "product__producer_id", "product__name", "sort_order", "pk")
    )
    variants = list(variants)
    offers = live_offers([variant.pk for variant in variants]) if variants else {}
    groups: dict[int, ProducerGroup] = {}
    for variant in variants:
        line = stored[variant.pk]
        group = groups.setdefault(variant.product.producer_id, ProducerGroup(variant.product.producer))
        group.lines.append(CartLine(variant, line.quantity, line.price_at_add, variant.visible, offers.get(variant.pk)))
    found = {line.variant.pk for group in groups.values() for line in group.lines}
    return Cart(groups=list(groups.values()), missing_variant_ids=set(stored) - found)
