"""Her notices in the app (buyer area and seller centre) and her channel choice, with bad input refused."""

import re

import pytest
from django.urls import reverse

from marketplace.notifications.models import ChannelPreference, Notification
from marketplace.notifications.preferences import preference_save
from tests.factories_producers import UserFactory

pytestmark = pytest.mark.django_db


def _notices(user, count, **fields):
    return [Notification.objects.create(recipient=user, key=f"k{n}", kind="order_buyer", title=f"Đơn CPN-{n} đã giao",
                                        body="Cảm ơn chị.", link="/vi/accounts/", **fields) for n in range(count)]


@pytest.fixture
def buyer(client):
    user = UserFactory(email=None, phone="+84987000111")
    client.force_login(user)
    return user


@pytest.mark.parametrize("name", ["notifications:list", "notifications:preferences"])
def test_pages_need_an_account(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_hub_links_to_the_notices_with_the_unread_count(client, buyer):
    _notices(buyer, 3)
    response = client.get(reverse("accounts:hub"))
    assert reverse("notifications:list") in response.text and "3 chưa đọc" in response.text


def test_the_list_is_paginated_with_bounded_queries(client, buyer, django_assert_max_num_queries):
    _notices(buyer, 25)
    _notices(UserFactory(), 2)  # someone else's
    with django_assert_max_num_queries(10):
        response = client.get(reverse("notifications:list"))
    assert response.status_code == 200
    assert response.text.count("Đơn CPN-") == 20 and "Trang 1 / 2" in response.text
    assert "25 thông báo chưa đọc" in response.text


def test_opening_a_notice_marks_it_read_and_goes_to_its_link(client, buyer):
    notice, other = _notices(buyer, 2)
    response = client.get(reverse("notifications:open", args=[notice.pk]))
    assert response.status_code == 302 and response["Location"] == "/vi/accounts/"
    notice.refresh_from_db(), other.refresh_from_db()
    assert notice.read_at is not None and other.read_at is None


def test_a_notice_never_redirects_off_site(client, buyer):
    [notice] = _notices(buyer, 1)
    Notification.objects.filter(pk=notice.pk).update(link="https://evil.example/")
    response = client.get(reverse("notifications:open", args=[notice.pk]))
    assert response["Location"] == reverse("notifications:list")


def test_another_persons_notice_is_404_and_stays_unread(client, buyer):
    [theirs] = _notices(UserFactory(), 1)
    assert client.get(reverse("notifications:open", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("notifications:open", args=[999999])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read_is_a_post_of_her_own_notices_only(client, buyer):
    _notices(buyer, 3)
    [theirs] = _notices(UserFactory(), 1)
    assert client.get(reverse("notifications:read_all")).status_code == 405
    response = client.post(reverse("notifications:read_all"), follow=True)
    assert "Đã đánh dấu đã đọc tất cả thông báo." in response.text
    assert not Notification.objects.filter(recipient=buyer, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read_needs_the_csrf_token(buyer):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(buyer)
    _notices(buyer, 1)
    assert client.post(reverse("notifications:read_all")).status_code == 403
    assert Notification.objects.filter(read_at__isnull=True).count() == 1


def test_a_phone_only_buyer_sees_zalo_then_sms_by_default_and_can_opt_out_of_sms(client, buyer):
    response = client.get(reverse("notifications:preferences"))
    checked = set(re.findall(r'name="channels" value="(\w+)"[^>]*checked', response.text))
    assert response.status_code == 200 and checked == {"zalo", "sms"}

    response = client.post(reverse("notifications:preferences"), {"channels": ["zalo"], "phone_first": "zalo"})
    assert response.status_code == 302
    assert ChannelPreference.objects.get(user=buyer).channels == ["zalo"]


def test_sms_first_puts_sms_before_zalo(client, buyer):
    client.post(reverse("notifications:preferences"), {"channels": ["zalo", "sms"], "phone_first": "sms"})
    assert ChannelPreference.objects.get(user=buyer).channels == ["sms", "zalo"]


@pytest.mark.parametrize(("data", "message"), [
    ({"channels": ["fax"], "phone_first": "zalo"}, "Kênh nhận thông báo không hợp lệ."),
    ({"channels": ["zalo"], "phone_first": "bồ câu"}, "Kênh nhận thông báo không hợp lệ."),
    ({"channels": ["zalo"]}, "Hãy chọn kênh thử trước."),
    ({"channels": ["email"], "phone_first": "zalo"}, "Tài khoản chưa có email"),
    ({"channels": ["zalo" * 5000], "phone_first": "zalo"}, "Kênh nhận thông báo không hợp lệ."),
])
def test_bad_preference_input_is_refused_in_vietnamese_and_changes_nothing(client, buyer, data, message):
    preference_save(buyer, ["zalo", "sms"])
    response = client.post(reverse("notifications:preferences"), data)
    assert response.status_code == 400 and message in response.text
    assert ChannelPreference.objects.get(user=buyer).channels == ["zalo", "sms"]


def test_another_users_id_in_the_form_changes_only_her_own_choice(client, buyer):
    other = UserFactory()
    preference_save(other, ["email"])
    client.post(reverse("notifications:preferences"),
                {"channels": ["sms"], "phone_first": "sms", "user": other.pk, "user_id": other.pk})
    assert ChannelPreference.objects.get(user=other).channels == ["email"]
    assert ChannelPreference.objects.get(user=buyer).channels == ["sms"]


def test_the_seller_centre_shows_her_notices_with_an_unread_badge(client, ha_noi_producer, phone_only_seller):
    client.force_login(phone_only_seller)
    _notices(phone_only_seller, 2)
    dashboard = client.get(reverse("seller:dashboard"))
    assert reverse("seller:notifications") in dashboard.text and 'class="badge badge-live"' in dashboard.text
    page = client.get(reverse("seller:notifications"))
    assert page.status_code == 200 and "Đánh dấu đã đọc tất cả" in page.text
    client.post(reverse("seller:notifications_read_all"))
    assert not Notification.objects.filter(recipient=phone_only_seller, read_at__isnull=True).exists()
    response = client.post(reverse("seller:notification_channels"), {"channels": ["sms"], "phone_first": "sms"})
    assert response.status_code == 302
    assert ChannelPreference.objects.get(user=phone_only_seller).channels == ["sms"]
    bad = client.post(reverse("seller:notification_channels"), {"channels": ["fax"], "phone_first": "sms"})
    assert bad.status_code == 400 and "Kênh nhận thông báo không hợp lệ." in bad.text
