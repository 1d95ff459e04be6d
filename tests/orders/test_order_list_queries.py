"""The seller's order list runs a fixed number of queries however many orders there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ProducerFactory, ProductFactory
from tests.factories_producers import member_of
from tests.orders.conftest import place

pytestmark = pytest.mark.django_db


def queries_for(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_seller_order_list_queries_do_not_grow_with_orders(client):
    producer = ProducerFactory()
    owner = member_of(producer, email="chu@htx.vn")
    variant = ProductFactory(producer=producer, variants=[{"price": 50_000, "stock": 99}]).variants.get()
    client.force_login(owner.user if hasattr(owner, "user") else owner)
    for _ in range(2):
        place([(variant.pk, 1)])
    with_2 = queries_for(client, "/seller/orders/")
    for _ in range(10):
        place([(variant.pk, 1)])
    with_12 = queries_for(client, "/seller/orders/")

    assert with_2 == with_12
