"""Reviews: only the buyer of a delivered order, through her private order link; photos cleaned; one per
product and order; the seller answers once; staff hide with a reason; the rating on cards and in JSON-LD."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from marketplace.orders.models import Order
from marketplace.reviews.models import Review
from producers.models import Producer
from tests.factories import ProductFactory
from tests.factories_orders import order_for
from tests.staff.conftest import _private_media_in_tmp, logged_in, world

__all__ = ["_private_media_in_tmp", "world"]
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wagtail_root")]


def jpeg(name="anh.jpg", size=(64, 48)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#c0392b").save(buffer, "JPEG", exif=Image.Exif())
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def delivered(world):
    Producer.objects.filter(pk=world.ha_noi.producer.pk).update(verification_status="verified")  # on the storefront
    product = world.ha_noi.product
    variant = product.variants.first()
    return order_for(world.ha_noi.producer, variant=variant, status=Order.Status.DELIVERED), product


def post_review(client, order, product, **data):
    fields = {"product": product.pk, f"p{product.pk}-stars": "5", f"p{product.pk}-text": "Rau tươi, giao nhanh"}
    fields.update({f"p{product.pk}-{key}": value for key, value in data.items()})
    return client.post(reverse("reviews:order_review", args=[order.token]), fields)


def test_a_delivered_guest_reviews_with_a_photo_and_the_rating_shows(world, delivered):
    order, product = delivered
    client = Client()
    page = client.get(reverse("reviews:order_review", args=[order.token])).content.decode()
    assert product.name in page and "Gửi đánh giá" in page
    response = post_review(client, order, product, photos=jpeg())
    assert response.status_code == 302, response.content.decode()[-3000:]
    review = Review.objects.get()
    assert review.author is None and review.author_name == "Mai" and review.photos.count() == 1
    product.refresh_from_db()
    assert (product.rating_count, product.rating_average) == (1, 5.0)
    detail = client.get(product.get_absolute_url()).content.decode()
    assert "Rau tươi, giao nhanh" in detail and "★ 5.0" in detail.replace(",", ".")
    ld = json.loads(detail.split('type="application/ld+json">')[1].split("</script>")[0])
    assert ld["aggregateRating"]["reviewCount"] == 1 and ld["aggregateRating"]["ratingValue"] == 5.0
    listing = client.get(reverse("catalogue:product_list")).content.decode()
    assert "(1)</span>" in listing
    assert post_review(client, order, product).status_code == 302  # already done: no form any more
    assert Review.objects.count() == 1


@pytest.mark.parametrize("data, message", [
    ({"stars": "0"}, "Lựa chọn này không có"),
    ({"stars": "6"}, "Lựa chọn này không có"),
    ({"stars": "năm"}, "Lựa chọn này không có"),
    ({"stars": ""}, "Hãy chọn một mục"),
    ({"text": "x" * 2100}, "Dài quá"),
])
def test_bad_reviews_are_refused_and_nothing_is_saved(world, delivered, data, message):
    order, product = delivered
    response = post_review(Client(), order, product, **data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not Review.objects.exists()


def test_photos_are_checked_before_anything_is_saved(world, delivered):
    order, product = delivered
    not_a_photo = SimpleUploadedFile("x.jpg", b"not an image", content_type="image/jpeg")
    response = post_review(Client(), order, product, photos=[jpeg(), not_a_photo])
    assert response.status_code == 400 and "không phải ảnh hợp lệ" in response.content.decode()
    response = post_review(Client(), order, product, photos=[jpeg(f"{i}.jpg") for i in range(4)])
    assert response.status_code == 400 and "Tối đa 3 ảnh" in response.content.decode()
    assert not Review.objects.exists()
    post_review(Client(), order, product, photos=jpeg())
    image = Review.objects.get().photos.get().image
    with image.file.open() as stored:
        assert "exif" not in Image.open(stored).info


def test_only_a_delivered_order_of_that_product_can_review(world, delivered):
    order, product = delivered
    Order.objects.filter(pk=order.pk).update(status=Order.Status.SHIPPED)
    client = Client()
    assert "Bạn đánh giá được khi đơn đã giao tới" in client.get(
        reverse("reviews:order_review", args=[order.token])).content.decode()
    assert post_review(client, order, product).status_code == 302 and not Review.objects.exists()
    Order.objects.filter(pk=order.pk).update(status=Order.Status.COMPLETED)
    other = ProductFactory(producer=world.ha_noi.producer)
    assert post_review(client, order, other).status_code == 302 and not Review.objects.exists()
    assert client.get(reverse("reviews:order_review", args=["khong-co-ma-nay"])).status_code == 404


def test_the_seller_answers_once_and_another_seller_cannot(world, delivered):
    order, product = delivered
    post_review(Client(), order, product)
    review = Review.objects.get()
    rival = logged_in(world.hue.owner)
    assert rival.post(reverse("seller:review_reply", args=[review.pk]), {"reply": "Xin chào"}).status_code == 404
    owner = logged_in(world.ha_noi.owner)
    assert "Rau tươi, giao nhanh" in owner.get(reverse("seller:reviews")).content.decode()
    owner.post(reverse("seller:review_reply", args=[review.pk]), {"reply": ""})
    review.refresh_from_db()
    assert review.reply == ""
    owner.post(reverse("seller:review_reply", args=[review.pk]), {"reply": "Cảm ơn chị đã ủng hộ!"})
    owner.post(reverse("seller:review_reply", args=[review.pk]), {"reply": "Sửa lại"})
    review.refresh_from_db()
    assert review.reply == "Cảm ơn chị đã ủng hộ!"
    assert "Cảm ơn chị đã ủng hộ!" in Client().get(product.get_absolute_url()).content.decode()


def test_staff_of_the_unit_hide_a_review_with_a_reason(world, delivered):
    order, product = delivered
    post_review(Client(), order, product)
    review = Review.objects.get()
    hue = logged_in(world.hue_staff)
    assert hue.get(reverse("reviews_admin:inspect", args=[review.pk])).status_code == 404
    hue.post(reverse("reviews_admin:hide", args=[review.pk]), {"reason": "x"})
    review.refresh_from_db()
    assert review.hidden_at is None
    ha_noi = logged_in(world.ha_noi_staff)
    assert ha_noi.post(reverse("reviews_admin:hide", args=[review.pk]), {"reason": ""}).status_code == 400
    assert ha_noi.post(reverse("reviews_admin:hide", args=[review.pk]), {"reason": "Có số điện thoại cá nhân"}).status_code == 302
    review.refresh_from_db()
    product.refresh_from_db()
    assert review.hidden_reason == "Có số điện thoại cá nhân" and product.rating_count == 0
    assert "Rau tươi, giao nhanh" not in Client().get(product.get_absolute_url()).content.decode()
