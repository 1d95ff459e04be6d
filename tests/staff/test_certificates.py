"""OCOP certificates in the admin: confirm or reject, create and correct, choose covered products."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from marketplace.catalogue.models import Product
from marketplace.core.models import AuditEvent
from producers.models import OcopCertificate
from tests.factories import ProductFactory
from tests.factories_producers import EXE_BYTES, PDF_BYTES

pytestmark = pytest.mark.django_db


def inspect_url(certificate):
    return reverse("ocop_certificates:inspect", args=[certificate.pk])


def form_data(producer, **overrides):
    today = timezone.localdate()
    data = {"producer": producer.pk, "stars": 4, "number": "HN-0100", "issuing_level": "province",
            "issued_on": (today - timedelta(days=10)).isoformat(),
            "expires_on": (today + timedelta(days=3 * 365)).isoformat()}
    data.update(overrides)
    return data


def test_confirming_gives_the_covered_products_their_stars(world, ha_noi_client):
    certificate, product = world.ha_noi.certificate, world.ha_noi.product
    certificate.products.add(product)

    response = ha_noi_client.post(inspect_url(certificate), {"decision": "confirm"})

    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == OcopCertificate.Status.CONFIRMED and certificate.confirmed_by == world.ha_noi_staff
    assert Product.objects.get(pk=product.pk).ocop_stars == 4
    assert AuditEvent.objects.get(action="ocop_confirmed").actor == world.ha_noi_staff


def test_rejecting_needs_a_reason(world, ha_noi_client):
    certificate = world.ha_noi.certificate

    refused = ha_noi_client.post(inspect_url(certificate), {"decision": "reject", "reason": ""})
    assert refused.status_code == 400 and "Hãy ghi lý do" in refused.content.decode()
    assert OcopCertificate.objects.get(pk=certificate.pk).status == OcopCertificate.Status.PENDING

    ha_noi_client.post(inspect_url(certificate), {"decision": "reject", "reason": "Số chứng nhận không khớp."})
    assert OcopCertificate.objects.get(pk=certificate.pk).status == OcopCertificate.Status.REJECTED
    assert AuditEvent.objects.get(action="ocop_rejected").reason == "Số chứng nhận không khớp."


def test_a_too_long_reason_changes_nothing(world, ha_noi_client):
    response = ha_noi_client.post(inspect_url(world.ha_noi.certificate), {"decision": "reject", "reason": "y" * 6000})

    assert response.status_code == 400
    assert OcopCertificate.objects.get(pk=world.ha_noi.certificate.pk).status == OcopCertificate.Status.PENDING


def test_officer_adds_a_certificate_then_chooses_its_products(world, ha_noi_client):
    producer = world.ha_noi.producer
    scan = SimpleUploadedFile("giay.exe.pdf", PDF_BYTES, content_type="application/pdf")

    response = ha_noi_client.post(reverse("ocop_certificates:add"), {**form_data(producer), "scan": scan})

    certificate = OcopCertificate.objects.get(number="HN-0100")
    assert response.status_code == 302
    assert response["Location"] == reverse("ocop_certificates:edit", args=[certificate.pk])
    assert certificate.status == OcopCertificate.Status.PENDING and certificate.scan.name.endswith(".pdf")
    edit_page = ha_noi_client.get(response["Location"])
    assert certificate.scan.name not in edit_page.content.decode()  # no link to the private file's path
    choices = [product for product, _label in edit_page.context["form"].fields["products"].choices]
    assert [choice.value for choice in choices] == [world.ha_noi.product.pk]

    ha_noi_client.post(response["Location"], {**form_data(producer), "products": [world.ha_noi.product.pk]})

    assert list(certificate.products.all()) == [world.ha_noi.product]


@pytest.mark.parametrize("foreign", ["hue product", "other ha noi producer's product"])
def test_products_of_another_producer_cannot_be_covered(world, ha_noi_client, foreign):
    certificate = world.ha_noi.certificate
    other = world.hue.product if foreign == "hue product" else ProductFactory(name="Của người khác")

    response = ha_noi_client.post(reverse("ocop_certificates:edit", args=[certificate.pk]),
                                  {**form_data(world.ha_noi.producer, number="HN-0001"), "products": [other.pk]})

    assert response.status_code == 200 and "products" in response.context["form"].errors
    assert not certificate.products.exists()


def test_an_executable_renamed_pdf_is_refused_as_a_scan(world, ha_noi_client):
    scan = SimpleUploadedFile("chung-nhan.pdf", EXE_BYTES, content_type="application/pdf")

    response = ha_noi_client.post(reverse("ocop_certificates:add"), {**form_data(world.ha_noi.producer),
                                                                      "scan": scan})

    assert response.status_code == 200
    assert response.context["form"].errors["scan"] == ["Chỉ nhận tệp PDF, JPEG, PNG hoặc WebP."]
    assert not OcopCertificate.objects.filter(number="HN-0100").exists()


def test_expiry_before_issue_and_duplicate_numbers_are_explained(world, ha_noi_client):
    producer = world.ha_noi.producer
    today = timezone.localdate()

    response = ha_noi_client.post(reverse("ocop_certificates:add"), form_data(
        producer, number="HN-0001", expires_on=(today - timedelta(days=400)).isoformat()))

    errors = response.context["form"].errors
    assert errors["expires_on"] == ["Ngày hết hạn phải sau ngày cấp."]
    assert errors["number"] == ["Số chứng nhận này đã có ở cấp công nhận đã chọn."]
    assert OcopCertificate.objects.count() == 2


def test_expiring_filter_lists_only_certificates_within_60_days(world, ha_noi_client):
    later = OcopCertificate.objects.create(producer=world.ha_noi.producer, stars=3, number="HN-LATE",
                                           issued_on=timezone.localdate(),
                                           expires_on=timezone.localdate() + timedelta(days=200))

    listed = ha_noi_client.get(reverse("ocop_certificates:index") + "?expiring=true").context["object_list"]

    assert list(listed) == [world.ha_noi.certificate]
    assert later not in listed


def test_scan_is_served_inline_privately_and_typed_by_its_bytes(world, ha_noi_client):
    response = ha_noi_client.get(reverse("ocop_certificates:scan", args=[world.ha_noi.certificate.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == PDF_BYTES
