"""The "bom hàng" record: counted per producer, shown only to her, cleared by her, purged after 12 months."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from marketplace.delivery.models import ReturnedParcelRecord
from marketplace.delivery.returned_parcels import phone_key, returned_parcel_add, returned_parcel_count
from marketplace.delivery.tasks import purge_returned_parcel_records
from marketplace.orders.models import Order
from tests.factories_live import live_session, pin
from tests.factories_orders import order_for

pytestmark = pytest.mark.django_db
PHONE = "+84912000111"  # the phone of order_for's checkouts
WARNING = "SĐT này đã bom 2 đơn của cơ sở."


def test_phone_is_matched_whatever_its_writing_and_not_stored(shop):
    returned_parcel_add(shop.pk, "0912 000 111")
    returned_parcel_add(shop.pk, PHONE)
    record = ReturnedParcelRecord.objects.get()
    assert record.count == 2 and "912000111" not in record.phone_key
    assert phone_key("+84 912 000 111") == record.phone_key
    assert returned_parcel_count(shop.pk, "0912000111") == 2


def test_seller_order_page_warns_and_states_the_purpose(seller_client, shop, cod_order):
    returned_parcel_add(shop.pk, PHONE)
    returned_parcel_add(shop.pk, PHONE)
    page = seller_client.get(reverse("seller:order_detail", args=[cod_order.number])).content.decode()
    assert WARNING in page
    assert "tự xoá sau 12 tháng" in page


def test_another_producers_record_is_not_shown(seller_client, shop, rival, cod_order):
    returned_parcel_add(rival.pk, PHONE)
    returned_parcel_add(rival.pk, PHONE)
    page = seller_client.get(reverse("seller:order_detail", args=[cod_order.number])).content.decode()
    assert "đã bom" not in page


def test_seller_clears_her_record(seller_client, shop, rival, cod_order):
    returned_parcel_add(shop.pk, PHONE)
    returned_parcel_add(rival.pk, PHONE)
    response = seller_client.post(reverse("seller:order_returned_clear", args=[cod_order.number]), follow=True)
    assert "Đã xoá ghi nhận bom hàng" in response.content.decode()
    assert returned_parcel_count(shop.pk, PHONE) == 0
    assert returned_parcel_count(rival.pk, PHONE) == 1  # another producer's record is hers to keep


def test_clear_by_get_changes_nothing(seller_client, shop, cod_order):
    returned_parcel_add(shop.pk, PHONE)
    seller_client.get(reverse("seller:order_returned_clear", args=[cod_order.number]))
    assert returned_parcel_count(shop.pk, PHONE) == 1


def test_clear_ignores_an_outside_next(seller_client, shop, cod_order):
    returned_parcel_add(shop.pk, PHONE)
    response = seller_client.post(reverse("seller:order_returned_clear", args=[cod_order.number]),
                                  {"next": "https://evil.example/"})
    assert response["Location"] == reverse("seller:order_detail", args=[cod_order.number])


def test_rival_cannot_clear_through_our_order(client, shop, rival_owner, cod_order):
    returned_parcel_add(shop.pk, PHONE)
    client.force_login(rival_owner)
    assert client.post(reverse("seller:order_returned_clear", args=[cod_order.number])).status_code == 404
    assert returned_parcel_count(shop.pk, PHONE) == 1


def test_purge_forgets_records_older_than_12_months(shop, rival):
    returned_parcel_add(shop.pk, PHONE, now=timezone.now() - timedelta(days=366))
    returned_parcel_add(rival.pk, PHONE, now=timezone.now() - timedelta(days=300))
    assert purge_returned_parcel_records.delay().get() == 1
    assert list(ReturnedParcelRecord.objects.values_list("producer_id", flat=True)) == [rival.pk]


def test_beat_runs_the_purge(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "marketplace.delivery.tasks.purge_returned_parcel_records" in tasks


def test_quick_order_screen_shows_the_count_and_only_hers(seller_client, shop, rival, honey):
    session = live_session(host=shop)
    pin(session, variant=honey)
    order = order_for(shop, variant=honey, live_session=session, source=Order.Source.LIVE)
    returned_parcel_add(shop.pk, PHONE)
    returned_parcel_add(shop.pk, PHONE)
    url = reverse("seller_live:quick", args=[session.pk])
    page = seller_client.get(url).content.decode()
    assert WARNING in page and order.number in page
    ReturnedParcelRecord.objects.filter(producer=shop).delete()
    returned_parcel_add(rival.pk, PHONE)
    returned_parcel_add(rival.pk, PHONE)
    assert "đã bom" not in seller_client.get(url).content.decode()


def test_quick_order_just_taken_warns_above_the_form(seller_client, shop, honey):
    shop.is_verified = True  # only a verified producer's goods are sold
    shop.save(update_fields=["verification_status"])
    session = live_session(host=shop)
    pin(session, variant=honey, code="A1")
    returned_parcel_add(shop.pk, "0912 345 678")
    returned_parcel_add(shop.pk, "0912 345 678")
    url = reverse("seller_live:quick", args=[session.pk])
    response = seller_client.post(url, {"contact_name": "Chị Lan", "phone": "0912 345 678", "code": "a1",
                                        "quantity": "1", "address": "Thôn Đông", "province_code": "", "note": ""},
                                  follow=True)
    page = response.content.decode()
    assert "Đã chốt đơn" in page and WARNING in page and "Xoá ghi nhận này" in page
