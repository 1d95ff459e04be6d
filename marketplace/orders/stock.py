"""What placing an order and giving its units back share: the products locked in one order everywhere
(primary key, before any stock moves), and their listed price and stock written after the move."""

from collections.abc import Iterable

from django.db.models import QuerySet

from marketplace.catalogue.models import Product, ProductVariant
from marketplace.livestreams.pricing import products_on_show


def locked_products(variant_ids: Iterable[int]) -> QuerySet[Product]:
    """The products of these variants, locked (in one query) in primary-key order when evaluated."""
    of_variants = ProductVariant.objects.filter(pk__in=list(variant_ids)).order_by().values("product_id")
    return Product.objects.select_for_update().filter(pk__in=of_variants).order_by("pk")


def refresh_listed(products: Iterable[Product]) -> None:
    """Their listed price and stock after a move; an order of a product on a live screen drops only that
    screen's kept page (Product.refresh_summary)."""
    products = list(products)
    on_show = products_on_show(product.pk for product in products)
    for product in products:
        product.refresh_summary(shown_elsewhere=product.pk in on_show)
