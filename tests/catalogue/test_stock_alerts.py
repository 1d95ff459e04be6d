""""Báo tôi khi có hàng": an address on a sold-out variant gets one email when its stock returns, whichever
way it returns; bad addresses, in-stock variants, repeats and floods are refused."""

import pytest
from django.core import mail
from django.urls import reverse

from marketplace.catalogue.models import StockAlert
from marketplace.catalogue.services import stock_adjust
from marketplace.catalogue.stock_alerts import stock_alerts_send
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sold_out():
    product = ProductFactory(variants=[{"name": "Hũ 500 g", "price": 150_000, "stock": 0},
                                       {"name": "Hũ 1 kg", "price": 280_000, "stock": 5}])
    return product, product.variants.get(name="Hũ 500 g"), product.variants.get(name="Hũ 1 kg")


def test_the_product_page_offers_the_alert_and_it_is_sent_once_when_stock_returns(
        client, sold_out, django_capture_on_commit_callbacks):
    product, empty, full = sold_out
    page = client.get(product.get_absolute_url()).content.decode()
    assert "Báo tôi khi có hàng" in page and "Hũ 500 g” đang hết hàng" in page
    url = reverse("catalogue:stock_alert", args=[product.slug])
    response = client.post(url, {"variant": empty.pk, "email": "Lan@Example.vn"})
    assert response.status_code == 302 and response["Location"].endswith("#stock-alert")
    assert StockAlert.objects.get().email == "lan@example.vn"
    assert stock_alerts_send() == 0  # still sold out
    with django_capture_on_commit_callbacks(execute=True):
        stock_adjust(variant=empty, delta=12, reason="Nhập hàng", by=None)
    assert [message.to for message in mail.outbox] == [["lan@example.vn"]]
    assert "Đã có hàng lại" in mail.outbox[0].subject and product.get_absolute_url() in mail.outbox[0].body
    assert stock_alerts_send() == 0  # once only


def test_stock_given_back_by_a_cancelled_order_is_caught_by_the_sweep(sold_out):
    from marketplace.catalogue.models import ProductVariant

    product, empty, full = sold_out
    StockAlert.objects.create(variant=empty, email="mai@example.vn")
    ProductVariant.objects.filter(pk=empty.pk).update(stock=2)  # as the release of a cancelled order does
    assert stock_alerts_send() == 1 and mail.outbox[0].to == ["mai@example.vn"]


@pytest.mark.parametrize("data, message", [
    ({"email": "khong-phai-email"}, "Email này chưa đúng"),
    ({"email": ""}, "Email này chưa đúng"),
    ({"variant": "999999"}, "Hãy chọn phân loại đang hết hàng"),
    ({"variant": "full"}, "đang còn hàng"),
])
def test_bad_requests_are_refused_with_a_message(client, sold_out, data, message):
    product, empty, full = sold_out
    post = {"variant": empty.pk, "email": "lan@example.vn", **data}
    if post["variant"] == "full":
        post["variant"] = full.pk
    response = client.post(reverse("catalogue:stock_alert", args=[product.slug]), post, follow=True)
    assert message in response.content.decode()
    assert not StockAlert.objects.exists()


def test_repeats_and_floods(client, sold_out):
    product, empty, full = sold_out
    url = reverse("catalogue:stock_alert", args=[product.slug])
    client.post(url, {"variant": empty.pk, "email": "lan@example.vn"})
    again = client.post(url, {"variant": empty.pk, "email": "lan@example.vn"}, follow=True)
    assert "đã đăng ký nhận tin" in again.content.decode() and StockAlert.objects.count() == 1
    assert client.get(url).status_code == 405
    assert client.post(reverse("catalogue:stock_alert", args=["khong-co"]), {}).status_code == 404
