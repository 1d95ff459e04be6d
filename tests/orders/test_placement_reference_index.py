"""Placing an order does not touch Wagtail's reference index: orders are ledger rows, not content."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import ReferenceIndex

from marketplace.orders.errors import OrderError
from tests.factories import ProductFactory
from tests.orders.conftest import place

pytestmark = pytest.mark.django_db


def test_placing_an_order_writes_and_reads_no_reference_index_rows():
    variant = ProductFactory(variants=[{"price": 50_000, "stock": 5}]).variants.get()
    before = ReferenceIndex.objects.count()

    with CaptureQueriesContext(connection) as context:
        checkout = place([(variant.pk, 2)])

    assert checkout.orders.get().number  # the order is placed and numbered as before
    assert ReferenceIndex.objects.count() == before
    assert not [q["sql"] for q in context.captured_queries if "wagtailcore_referenceindex" in q["sql"]]


def test_a_refused_order_leaves_the_reference_index_alone_too():
    variant = ProductFactory(variants=[{"price": 50_000, "stock": 1}]).variants.get()
    before = ReferenceIndex.objects.count()

    with pytest.raises(OrderError):
        place([(variant.pk, 2)])

    assert ReferenceIndex.objects.count() == before
