"""Failed messages in the admin: an officer sees those of her unit's producers' people and can resend them;
another unit's officer gets 404 and resends nothing."""

import pytest
from django.urls import reverse

from marketplace.notifications.models import Delivery
from tests.staff.conftest import _private_media_in_tmp, logged_in, world

__all__ = ["_private_media_in_tmp", "world"]

pytestmark = pytest.mark.django_db


def _failed(user, address="+84912000999"):
    return Delivery.objects.create(key=f"k-{user.pk}", kind="order_seller", channel="sms", address=address,
                                   payload={"text": "Don moi"}, status="failed", attempts=4,
                                   last_error="eSMS 99: Unknown error", recipient=user)


def test_an_officer_sees_her_units_failed_deliveries_only(world):
    mine, theirs = _failed(world.ha_noi.owner), _failed(world.hue.owner, "+84912000888")
    client = logged_in(world.ha_noi_staff)

    listing = client.get(reverse("deliveries:index"))
    assert listing.status_code == 200
    assert "+84912000999" in listing.text and "+84912000888" not in listing.text
    assert client.get(reverse("deliveries:inspect", args=[mine.pk])).status_code == 200
    assert client.get(reverse("deliveries:inspect", args=[theirs.pk])).status_code == 404


def test_gui_lai_queues_a_failed_delivery_again(world, sms):
    delivery = _failed(world.ha_noi.owner)
    client = logged_in(world.ha_noi_staff)

    page = client.get(reverse("deliveries:inspect", args=[delivery.pk]))
    assert "Gửi lại" in page.text
    with_commit = client.post(reverse("deliveries:resolve", args=[delivery.pk]))
    assert with_commit.status_code == 302
    delivery.refresh_from_db()
    assert delivery.status in {"queued", "sent"} and delivery.attempts <= 1


def test_another_units_officer_cannot_resend(world):
    delivery = _failed(world.ha_noi.owner)
    client = logged_in(world.hue_staff)

    assert client.post(reverse("deliveries:resolve", args=[delivery.pk])).status_code == 404
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("failed", 4)


def test_a_buyer_cannot_open_the_admin_listing(world):
    _failed(world.ha_noi.owner)
    response = logged_in(world.buyer).get(reverse("deliveries:index"))
    assert response.status_code in {302, 403}


def test_the_superuser_sees_everything_including_buyers_without_account(world):
    Delivery.objects.create(key="order:1:buyer", kind="order_buyer", channel="zalo", address="+84987654321",
                            payload={"template_id": "303", "params": {}}, status="failed")
    response = logged_in(world.superuser).get(reverse("deliveries:index"))
    assert "+84987654321" in response.text
