"""Staff hide and restore products with a reason; documents are served only within scope."""

import pytest
from django.urls import reverse

from marketplace.catalogue.models import Product
from marketplace.catalogue.selectors import products_visible
from marketplace.core.models import AuditEvent
from producers.models import Producer
from tests.factories_producers import PDF_BYTES, member_of
from tests.staff.conftest import logged_in

pytestmark = pytest.mark.django_db


def hide_url(product):
    return reverse("wagtailsnippets_catalogue_product:hide", args=[product.pk])


def test_hiding_with_a_reason_takes_the_product_off_the_storefront(world, ha_noi_client):
    product = world.ha_noi.product
    Producer.objects.filter(pk=product.producer_id).update(verification_status=Producer.Verification.VERIFIED)
    assert products_visible().filter(pk=product.pk).exists()

    response = ha_noi_client.post(hide_url(product), {"reason": "Ảnh không đúng sản phẩm."})

    assert response.status_code == 302
    product.refresh_from_db()
    assert product.staff_hidden and product.staff_hidden_reason == "Ảnh không đúng sản phẩm."
    assert not products_visible().filter(pk=product.pk).exists()
    event = AuditEvent.objects.get(action="product_staff_hidden")
    assert (event.actor, event.reason) == (world.ha_noi_staff, "Ảnh không đúng sản phẩm.")


@pytest.mark.parametrize("reason", ["", "   ", "z" * 5001])
def test_hiding_without_a_sensible_reason_changes_nothing(world, ha_noi_client, reason):
    response = ha_noi_client.post(hide_url(world.ha_noi.product), {"reason": reason})

    assert response.status_code == 400
    assert not Product.objects.get(pk=world.ha_noi.product.pk).staff_hidden
    assert not AuditEvent.objects.exists()


def test_restoring_brings_it_back_and_is_recorded(world, ha_noi_client):
    product = world.ha_noi.product
    ha_noi_client.post(hide_url(product), {"reason": "Giá sai"})

    response = ha_noi_client.post(reverse("wagtailsnippets_catalogue_product:restore", args=[product.pk]),
                                  {"reason": "Đã sửa giá"})

    assert response.status_code == 302
    product.refresh_from_db()
    assert not product.staff_hidden and product.staff_hidden_reason == ""
    assert AuditEvent.objects.get(action="product_staff_restored").reason == "Đã sửa giá"


def test_restoring_a_product_that_is_not_hidden_is_explained(world, ha_noi_client):
    response = ha_noi_client.post(reverse("wagtailsnippets_catalogue_product:restore",
                                          args=[world.ha_noi.product.pk]), {})

    assert response.status_code == 400 and "Sản phẩm này không bị Hội ẩn." in response.content.decode()
    assert not AuditEvent.objects.exists()


def test_product_listing_offers_hide_and_filters_hidden(world, ha_noi_client):
    Product.objects.filter(pk=world.ha_noi.product.pk).update(staff_hidden=True, staff_hidden_reason="x")
    url = reverse("wagtailsnippets_catalogue_product:list")

    assert list(ha_noi_client.get(url + "?staff_hidden=true").context["object_list"]) == [world.ha_noi.product]
    assert list(ha_noi_client.get(url + "?staff_hidden=false").context["object_list"]) == []
    assert reverse("wagtailsnippets_catalogue_product:restore", args=[world.ha_noi.product.pk]) in \
        ha_noi_client.get(url).content.decode()


def test_accent_free_search_finds_products_and_producers(world, ha_noi_client):
    products = ha_noi_client.get(reverse("wagtailsnippets_catalogue_product:list") + "?q=rau+cai+ngot")
    producers = ha_noi_client.get(reverse("wagtailsnippets_producers_producer:list") + "?q=rau+sach")

    assert list(products.context["object_list"]) == [world.ha_noi.product]
    assert list(producers.context["object_list"]) == [world.ha_noi.producer]


def test_document_is_served_inline_privately(world, ha_noi_client):
    response = ha_noi_client.get(reverse("producers_admin_document", args=[world.ha_noi.document.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_document_of_an_unknown_id_is_404(world, ha_noi_client):
    assert ha_noi_client.get(reverse("producers_admin_document", args=[999999])).status_code == 404


def test_a_seller_cannot_use_the_admin_download_even_for_her_own_document(world):
    seller = logged_in(world.ha_noi.owner)

    response = seller.get(reverse("producers_admin_document", args=[world.ha_noi.document.pk]))

    assert response.status_code in (302, 403)


def test_seller_of_another_producer_gets_nothing(world):
    stranger = logged_in(member_of(world.hue.producer, email="nguoi.khac@example.vn"))

    response = stranger.get(reverse("producers_admin_document", args=[world.ha_noi.document.pk]))

    assert response.status_code in (302, 403)
