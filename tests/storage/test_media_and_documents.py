"""Product photos go to the public bucket and are served from it; documents go to the private bucket and are
reached only through the checked views, as a redirect to a short-lived signed URL (moto enforces the ACLs)."""

import io
import re
import urllib.error
import urllib.request
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from PIL import Image as PILImage

from producers.models import OcopCertificate, ProducerMember, VerificationDocument
from producers.staff_group import union_staff_group_ensure
from tests.factories import HA_NOI, ProducerFactory, ProductFactory
from tests.factories_producers import (
    HA_NOI_WARD,
    PDF_BYTES,
    DraftProducerFactory,
    image_bytes,
    member_of,
    staff_user,
    tiny_union_tree,
    upload,
)

pytestmark = pytest.mark.django_db


def fetch(url: str):
    """A plain anonymous GET, as a browser with no cookies for the bucket would make: status, body, headers."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- Public media ----------------------------------------------------------------------------------


def test_a_product_photo_is_stored_rendered_and_served_from_the_media_bucket(s3, client):
    producer = ProducerFactory(name="HTX Mật ong Ba Vì")
    owner = member_of(producer, role=ProducerMember.Role.OWNER, username="chu-mat-ong")
    product = ProductFactory(producer=producer, name="Mật ong hoa nhãn")
    seller = client_of(owner)
    response = seller.post(f"/seller/products/{product.pk}/photos/",
                           {"photos": [upload(image_bytes(size=(400, 300)), "IMG_0001.jpg", "image/jpeg")]})
    assert response.status_code == 302
    original = product.images.get().image.file.name
    assert original in s3.keys(s3.media)
    assert not s3.keys(s3.private)

    page = client.get(product.get_absolute_url())
    assert page.status_code == 200
    bucket_base = f"{s3.client.meta.endpoint_url}/{s3.media}/"
    sources = [src for src in re.findall(r'(?:src|srcset)="([^"]+)"', page.content.decode())
               for src in [part.strip().split(" ")[0] for part in src.split(",")] if src.startswith(bucket_base)]
    assert sources, "the product page shows the photo from the bucket"
    renditions = [key for key in s3.keys(s3.media) if key.startswith("images/")]
    assert renditions, "Wagtail stored its renditions in the bucket"
    for src in sources:
        assert src[len(bucket_base):] in renditions
        assert "X-Amz-" not in src  # public media: stable, unsigned, cacheable addresses
    status, body, headers = fetch(sources[0])
    assert status == 200
    PILImage.open(io.BytesIO(body)).verify()  # real image bytes, straight from the bucket
    assert "max-age" in headers.get("Cache-Control", "")


def test_a_photo_url_never_overwrites_an_existing_object(s3):
    from django.core.files.storage import storages

    first = storages["default"].save("original_images/anh.jpg", ContentFile(b"mot"))
    second = storages["default"].save("original_images/anh.jpg", ContentFile(b"hai"))
    assert first != second
    assert fetch(storages["default"].url(first))[1] == b"mot"


# --- Private documents -----------------------------------------------------------------------------


@pytest.fixture
def people(db):
    """A producer in the Hà Nội ward with its owner, a rival producer, and officers of Hà Nội and of Huế."""
    group = union_staff_group_ensure()
    tree = tiny_union_tree()
    shop = DraftProducerFactory(name="Hộ kinh doanh Chè Ba Vì", province_code=HA_NOI, ward_code=HA_NOI_WARD,
                                union_unit=tree.ha_noi_ward)
    rival = DraftProducerFactory(name="HTX Mè xửng Huế", union_unit=tree.hue_ward)

    def officer(unit, username):
        user = staff_user(unit, username=username)
        user.groups.add(group)
        return user

    return {
        "shop": shop,
        "owner": member_of(shop, role=ProducerMember.Role.OWNER, username="chu-che"),
        "rival_owner": member_of(rival, role=ProducerMember.Role.OWNER, username="chu-me-xung"),
        "ha_noi_staff": officer(tree.ha_noi, "can-bo-ha-noi"),
        "hue_staff": officer(tree.hue, "can-bo-hue"),
    }


def assert_signed_redirect(response, *, seconds: int, content: bytes, content_type: str):
    assert response.status_code == 302
    assert "no-store" in response["Cache-Control"]
    url = response["Location"]
    query = parse_qs(urlsplit(url).query)
    assert "X-Amz-Signature" in query
    assert 0 < int(query["X-Amz-Expires"][0]) <= seconds
    status, body, headers = fetch(url)
    assert status == 200
    assert body == content
    assert headers["Content-Type"] == content_type
    return url


def test_a_sellers_document_is_private_and_reached_only_through_the_checked_views(s3, people, settings):
    owner_client = client_of(people["owner"])
    response = owner_client.post("/seller/verification/documents/",
                                 {"kind": "registration", "file": upload(PDF_BYTES, "dang-ky-kinh-doanh.pdf")})
    assert response.status_code == 302
    document = VerificationDocument.objects.get(producer=people["shop"])
    key = document.file.name
    assert s3.keys(s3.private) == [key]
    assert key not in s3.keys(s3.media)

    # The object itself, asked for without a signature, is refused by the bucket.
    for bucket in (s3.private, s3.media):
        status, _body, _headers = fetch(f"{s3.client.meta.endpoint_url}/{bucket}/{key}")
        assert status in (403, 404)
    assert fetch(f"{s3.client.meta.endpoint_url}/{s3.private}/{key}")[0] == 403

    seller_url = reverse("seller:document_file", args=[document.pk])
    assert_signed_redirect(owner_client.get(seller_url), seconds=settings.S3_SIGNED_URL_SECONDS,
                           content=PDF_BYTES, content_type="application/pdf")
    staff_url = reverse("producers_admin_document", args=[document.pk])
    signed = assert_signed_redirect(client_of(people["ha_noi_staff"]).get(staff_url),
                                    seconds=settings.S3_SIGNED_URL_SECONDS, content=PDF_BYTES,
                                    content_type="application/pdf")
    assert "inline" in fetch(signed)[2]["Content-Disposition"]

    for outsider, url in ((people["rival_owner"], seller_url), (people["hue_staff"], staff_url)):
        response = client_of(outsider).get(url)
        assert response.status_code in (403, 404)
        assert "Location" not in response
        assert s3.private not in response.content.decode()
    # Not signed in, or a seller in the staff admin: sent to log in, never towards the bucket.
    for response in (Client().get(seller_url), Client().get(staff_url), client_of(people["rival_owner"]).get(staff_url)):
        assert response.status_code == 302
        assert response["Location"].startswith(("/accounts/", "/admin/login/", "/dang-nhap", "/vi/", "/en/"))
        assert s3.private not in response["Location"]


def test_an_ocop_scan_is_served_the_same_way(s3, people, settings):
    certificate = OcopCertificate(producer=people["shop"], stars=4, number="OCOP-HN-2025-017",
                                  issued_on="2025-01-10", expires_on="2028-01-10")
    certificate.scan.save("chung-nhan.pdf", ContentFile(PDF_BYTES), save=False)
    certificate.save()
    assert s3.keys(s3.private) == [certificate.scan.name]
    for user, url in ((people["owner"], reverse("seller:certificate_scan", args=[certificate.pk])),
                      (people["ha_noi_staff"], reverse("ocop_certificates:scan", args=[certificate.pk]))):
        assert_signed_redirect(client_of(user).get(url), seconds=settings.S3_SIGNED_URL_SECONDS,
                               content=PDF_BYTES, content_type="application/pdf")
    assert client_of(people["hue_staff"]).get(
        reverse("ocop_certificates:scan", args=[certificate.pk])).status_code in (403, 404)


def test_a_file_of_unknown_type_is_offered_as_a_download_never_rendered(s3, people):
    document = VerificationDocument.objects.create(
        producer=people["shop"], kind="other", content_type="text/html", size=20, original_name="x.html")
    document.file.save("document.html", ContentFile(b"<script>alert(1)</script>"))
    response = client_of(people["ha_noi_staff"]).get(reverse("producers_admin_document", args=[document.pk]))
    assert response.status_code == 302
    status, _body, headers = fetch(response["Location"])
    assert status == 200
    assert headers["Content-Type"] == "application/octet-stream"
    assert headers["Content-Disposition"].startswith("attachment") and ".bin" in headers["Content-Disposition"]


def test_a_document_gone_from_the_bucket_is_404_not_a_dead_link(s3, people):
    owner_client = client_of(people["owner"])
    owner_client.post("/seller/verification/documents/", {"kind": "id", "file": upload(PDF_BYTES, "cccd.pdf")})
    document = VerificationDocument.objects.get(producer=people["shop"])
    s3.client.delete_object(Bucket=s3.private, Key=document.file.name)
    assert owner_client.get(reverse("seller:document_file", args=[document.pk])).status_code == 404
    assert client_of(people["ha_noi_staff"]).get(
        reverse("producers_admin_document", args=[document.pk])).status_code == 404


def test_a_signed_link_lasts_the_configured_seconds_from_now(s3, people, settings):
    # moto does not refuse expired links, so the test reads the signed expiry itself: S3 enforces it.
    settings.S3_SIGNED_URL_SECONDS = 60
    owner_client = client_of(people["owner"])
    owner_client.post("/seller/verification/documents/", {"kind": "id", "file": upload(PDF_BYTES, "cccd.pdf")})
    document = VerificationDocument.objects.get(producer=people["shop"])
    before = datetime.now(UTC).replace(microsecond=0)
    query = parse_qs(urlsplit(owner_client.get(reverse("seller:document_file", args=[document.pk]))["Location"]).query)
    signed_at = datetime.strptime(query["X-Amz-Date"][0], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    assert query["X-Amz-Expires"] == ["60"]
    assert before <= signed_at <= datetime.now(UTC)
