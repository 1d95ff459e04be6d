import pytest

from marketplace.cart.session_store import read_lines
from tests.factories import ProducerFactory, ProductFactory

ADD, UPDATE, REMOVE, CART = "/cart/add/", "/cart/update/", "/cart/remove/", "/cart/"
JSON = {"HTTP_ACCEPT": "application/json"}


def cart_of(client) -> dict[int, int]:
    """variant id -> quantity, as stored in the client's session."""
    return {pk: line.quantity for pk, line in read_lines(client.session).items()}


def variant_of(product, index: int = 0):
    return product.variants.order_by("sort_order")[index]


@pytest.fixture
def honey(db):
    producer = ProducerFactory(name="HTX Mật ong Ba Vì")
    return ProductFactory(producer=producer, name="Mật ong rừng", variants=[
        {"name": "Chai 500 ml", "price": 90_000, "stock": 5},
        {"name": "Chai 1 lít", "price": 170_000, "stock": 0},
    ])


@pytest.fixture
def fish_sauce(db):
    producer = ProducerFactory(name="HTX Nước mắm Cửa Khẩu")
    return ProductFactory(producer=producer, name="Nước mắm cốt", variants=[{"name": "Chai 300 ml", "price": 45_000, "stock": 20}])
