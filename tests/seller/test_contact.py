"""How buyers reach the seller: her phone (tel:) and Zalo, shown on the product, producer and order pages only
when she chose to; numbers checked and stored as +84…"""

import pytest
from django.test import Client
from django.urls import reverse

from producers.models import Producer
from tests.factories import ProductFactory
from tests.factories_orders import order_for

pytestmark = pytest.mark.django_db


def test_contact_shows_only_when_she_chose(seller_client, shop, owner):
    product = ProductFactory(producer=shop)
    Producer.objects.filter(pk=shop.pk).update(verification_status="verified", contact_phone="+84911563027")
    page = Client().get(product.get_absolute_url()).content.decode()
    assert "tel:+84911563027" not in page
    Producer.objects.filter(pk=shop.pk).update(show_contact=True)
    order = order_for(shop)
    for url in (product.get_absolute_url(), shop.get_absolute_url(), reverse("orders:order_detail", args=[order.token])):
        html = Client().get(url).content.decode()
        assert 'href="tel:+84911563027"' in html and "https://zalo.me/0911563027" in html, url
        assert "0911 563 027" in html


def test_the_seller_sets_her_contact_in_her_profile(seller_client, shop):
    from tests.seller.test_profile import start_data

    data = start_data(contact_phone="0911 563 027", zalo_phone="", show_contact="on", shipping_flat_fee="30000",
                      free_shipping_threshold="")
    response = seller_client.post(reverse("seller:profile"), data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    shop.refresh_from_db()
    assert (shop.contact_phone, shop.show_contact) == ("+84911563027", True)
    bad = seller_client.post(reverse("seller:profile"), {**data, "contact_phone": "12345"})
    assert bad.status_code in (200, 400) and "Số điện thoại di động có 10 chữ số" in bad.content.decode()
    none = seller_client.post(reverse("seller:profile"), {**data, "contact_phone": ""})
    assert "Hãy ghi số điện thoại hoặc số Zalo" in none.content.decode()
    shop.refresh_from_db()
    assert shop.contact_phone == "+84911563027"
