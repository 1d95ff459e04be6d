"""Producers in the admin: the officer reads the whole file and corrects the profile within her unit."""

import pytest
from django.urls import reverse

from producers.models import Producer
from tests.staff.helpers import producer_form_data

pytestmark = pytest.mark.django_db


def edit_url(producer):
    return reverse("wagtailsnippets_producers_producer:edit", args=[producer.pk])


def test_inspect_page_holds_profile_team_documents_certificates_and_history(world, ha_noi_client):
    world.ha_noi.request.delete()
    side = world.ha_noi

    text = ha_noi_client.get(reverse("wagtailsnippets_producers_producer:inspect", args=[side.producer.pk])
                             ).content.decode()

    assert "Trần Thị Hoa" in text and "80% chủ sở hữu/thành viên là nữ" in text
    assert side.owner.email in text
    assert reverse("producers_admin_document", args=[side.document.pk]) in text
    assert reverse("ocop_certificates:inspect", args=[side.certificate.pk]) in text


def test_officer_corrects_the_profile_but_not_the_verification_or_bank_account(world, ha_noi_client):
    producer = world.ha_noi.producer
    data = producer_form_data(producer, representative_name="Lê Thị Mai", registration_number="01 0123 4567",
                              verification_status="verified", bank_account_number="999999999")

    response = ha_noi_client.post(edit_url(producer), data)

    assert response.status_code == 302, response.context["form"].errors
    producer.refresh_from_db()
    assert producer.representative_name == "Lê Thị Mai" and producer.registration_number == "0101234567"
    assert producer.verification_status == Producer.Verification.SUBMITTED
    assert producer.bank_account_number == ""


def test_union_unit_can_only_be_one_of_the_officers_units(world, ha_noi_client):
    producer = world.ha_noi.producer

    moved = ha_noi_client.post(edit_url(producer), producer_form_data(producer, union_unit=world.tree.hue_ward.pk))
    cleared = ha_noi_client.post(edit_url(producer), producer_form_data(producer, union_unit=""))

    assert "union_unit" in moved.context["form"].errors and "union_unit" in cleared.context["form"].errors
    assert Producer.objects.get(pk=producer.pk).union_unit == world.tree.ha_noi_ward


def test_a_ward_outside_the_province_is_explained(world, ha_noi_client):
    producer = world.ha_noi.producer

    response = ha_noi_client.post(edit_url(producer), producer_form_data(producer, ward_code=19815))

    assert response.context["form"].errors["ward_code"] == ["Phường/xã này không thuộc tỉnh/thành phố đã chọn."]


def test_filters_by_state_kind_and_province(world, central_client):
    url = reverse("wagtailsnippets_producers_producer:list")
    Producer.objects.filter(pk=world.hue.producer.pk).update(verification_status=Producer.Verification.VERIFIED)

    verified = central_client.get(url + "?verification_status=verified").context["object_list"]
    in_ha_noi = central_client.get(url + "?province_code=1").context["object_list"]

    assert list(verified) == [world.hue.producer] and list(in_ha_noi) == [world.ha_noi.producer]
