"""Thumbnails on the cart, checkout and order pages, in a fixed number of queries however many lines."""

import pytest
from django.urls import reverse

from marketplace.cart.services import cart_add
from tests.factories import ProductFactory, make_image
from tests.factories_orders import order_for

pytestmark = pytest.mark.django_db


def product_with_photo(name):
    from marketplace.catalogue.models import ProductImage
    from producers.models import Producer

    product = ProductFactory(name=name, variants=[{"name": "Hũ", "price": 90_000, "stock": 9}])
    Producer.objects.filter(pk=product.producer_id).update(verification_status="verified")
    ProductImage.objects.create(product=product, image=make_image(), alt_text=name, sort_order=0)
    return product


def test_the_cart_and_the_order_page_show_a_thumbnail_per_line(client, django_assert_max_num_queries):
    products = [product_with_photo(f"Mật ong {i}") for i in range(3)]
    session = client.session
    for product in products:
        cart_add(session=session, variant_id=product.variants.get().pk, quantity=1)
    session.save()
    first = client.get(reverse("cart:detail")).content.decode()  # creates the renditions once
    assert first.count('class="line-thumb"') == 3
    with django_assert_max_num_queries(25):
        again = client.get(reverse("cart:detail")).content.decode()
    assert again.count('class="line-thumb"') == 3
    order = order_for(products[0].producer, variant=products[0].variants.get())
    page = client.get(reverse("orders:order_detail", args=[order.token])).content.decode()
    assert page.count('class="line-thumb"') == 1
