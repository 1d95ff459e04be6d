"""GHN switched on against the local stub, and the seller fixtures (shop, owner, rival…) of tests/seller."""

import pytest

from marketplace.orders.models import Order
from tests.delivery.ghn_stub import ghn_stub_running
from tests.factories import ProductFactory
from tests.factories_orders import order_for
from tests.seller import conftest as seller_fixtures

# The seller centre's two producers and their owners, as in tests/seller.
_private_media_in_tmp = seller_fixtures._private_media_in_tmp
tree, shop, owner = seller_fixtures.tree, seller_fixtures.shop, seller_fixtures.owner
rival, rival_owner, seller_client = seller_fixtures.rival, seller_fixtures.rival_owner, seller_fixtures.seller_client


@pytest.fixture
def ghn(settings):
    with ghn_stub_running(settings) as stub:
        yield stub


@pytest.fixture
def honey(shop):
    variant = ProductFactory(producer=shop, variants=[{"name": "Chai 500 ml", "price": 150_000, "stock": 10}]).variants.get()
    variant.weight_grams = 700
    variant.save(update_fields=["weight_grams"])
    return variant


@pytest.fixture
def cod_order(shop, honey):
    """A confirmed cash-on-delivery order of 2 bottles (stock already taken: 10 -> 8 as placement leaves it)."""
    honey.stock = 8
    honey.save(update_fields=["stock"])
    return order_for(shop, variant=honey, quantity=2, status=Order.Status.PACKED)
