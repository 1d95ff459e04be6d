"""Messages on an order between buyer and seller (guests through the private link), complaints that reach
the producer's union unit, staff resolving them; bad input and other people's ids."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from marketplace.conversations.models import Complaint, OrderMessage
from tests.factories_orders import order_for
from tests.reviews.test_reviews import jpeg
from tests.staff.conftest import _private_media_in_tmp, logged_in, world

__all__ = ["_private_media_in_tmp", "world"]
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wagtail_root")]


@pytest.fixture
def order(world):
    return order_for(world.ha_noi.producer)


def test_a_guest_asks_and_the_seller_answers_each_told_by_email(world, order, django_capture_on_commit_callbacks):
    guest = Client()
    url = reverse("conversations:order_messages", args=[order.token])
    with django_capture_on_commit_callbacks(execute=True):
        response = guest.post(url, {"text": "Chị ơi, giao trước 5 giờ chiều được không?", "photo": jpeg()})
    assert response.status_code == 302
    message = OrderMessage.objects.get()
    assert message.sender == "buyer" and message.photo is not None
    assert mail.outbox[-1].to == [world.ha_noi.owner.email] and order.number in mail.outbox[-1].subject
    seller = logged_in(world.ha_noi.owner)
    seller_url = reverse("seller:order_messages", args=[order.number])
    assert "giao trước 5 giờ" in seller.get(seller_url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        seller.post(seller_url, {"text": "Dạ được chị, em giao trước 4 giờ."})
    assert mail.outbox[-1].to == ["mai@example.vn"] and "/messages/" in mail.outbox[-1].body
    assert "em giao trước 4 giờ" in guest.get(url).content.decode()


@pytest.mark.parametrize("data, message", [
    ({"text": ""}, "Hãy viết tin nhắn hoặc gửi một ảnh"),
    ({"text": "   "}, "Hãy viết tin nhắn hoặc gửi một ảnh"),
    ({"text": "x" * 2001}, "Dài quá"),
])
def test_empty_or_huge_messages_are_refused(world, order, data, message):
    response = Client().post(reverse("conversations:order_messages", args=[order.token]), data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not OrderMessage.objects.exists()


def test_a_bad_photo_saves_nothing(world, order):
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("x.jpg", b"not a photo", content_type="image/jpeg")
    response = Client().post(reverse("conversations:order_messages", args=[order.token]), {"text": "ảnh", "photo": bad})
    assert response.status_code == 400 and not OrderMessage.objects.exists()


def test_other_peoples_orders(world, order):
    assert Client().get(reverse("conversations:order_messages", args=["khong-co"])).status_code == 404
    rival = logged_in(world.hue.owner)
    url = reverse("seller:order_messages", args=[order.number])
    assert rival.get(url).status_code == 404
    assert rival.post(url, {"text": "Chen ngang"}).status_code == 404
    assert not OrderMessage.objects.exists()


def test_a_complaint_reaches_the_producers_union_unit_and_staff_resolve_it(world, order,
                                                                           django_capture_on_commit_callbacks):
    url = reverse("conversations:order_messages", args=[order.token])
    short = Client().post(url, {"complaint": "1", "complaint-text": "tệ"})
    assert short.status_code == 400 and "ít nhất 10 ký tự" in short.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(url, {"complaint": "1", "complaint-text": "Hàng giao thiếu một hũ, nhắn người bán không trả lời."})
    complaint = Complaint.objects.get()
    assert world.ha_noi_staff.email in mail.outbox[-1].to and world.hue_staff.email not in mail.outbox[-1].to
    again = Client().post(url, {"complaint": "1", "complaint-text": "Tôi khiếu nại thêm một lần nữa."})
    assert again.status_code == 400 and Complaint.objects.count() == 1
    hue = logged_in(world.hue_staff)
    assert hue.get(reverse("complaints:inspect", args=[complaint.pk])).status_code == 404
    hue.post(reverse("complaints:resolve", args=[complaint.pk]), {"resolution": "x"})
    complaint.refresh_from_db()
    assert complaint.status == "open"
    ha_noi = logged_in(world.ha_noi_staff)
    assert "Hàng giao thiếu" in ha_noi.get(reverse("complaints:inspect", args=[complaint.pk])).content.decode()
    assert ha_noi.post(reverse("complaints:resolve", args=[complaint.pk]), {"resolution": ""}).status_code == 400
    ha_noi.post(reverse("complaints:resolve", args=[complaint.pk]),
                {"resolution": "Người bán gửi bù một hũ, người mua đã nhận."})
    complaint.refresh_from_db()
    assert complaint.status == "resolved" and complaint.resolved_by == world.ha_noi_staff
