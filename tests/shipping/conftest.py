import pytest

from marketplace.catalogue.models import ProductVariant
from tests.factories import HA_NOI, ProducerFactory, ProductFactory

CART, SHIP_TO, CHECKOUT = "/cart/", "/cart/ship-to/", "/checkout/"
HAI_PHONG, HO_CHI_MINH = 31, 79  # same region as Hà Nội (Bắc) / another region (Nam)


def weighing(product, grams: int):
    """The product's only variant, weighed by its seller at `grams`."""
    variant = product.variants.get()
    ProductVariant.objects.filter(pk=variant.pk).update(weight_grams=grams)
    variant.refresh_from_db()
    return variant


@pytest.fixture
def rice(db):
    """1.2 kg bags of rice from a producer in Hà Nội who follows the union's table, free from 500.000 ₫."""
    producer = ProducerFactory(name="HTX Gạo Sóc Sơn", province_code=HA_NOI, shipping_flat_fee=None,
                               free_shipping_threshold=500_000)
    product = ProductFactory(producer=producer, name="Gạo tám thơm", variants=[{"price": 60_000, "stock": 50}])
    return weighing(product, 1_200)
