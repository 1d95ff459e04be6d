"""A seller declares her OCOP certificate; it waits, pending, until union staff confirm it.

Bad input answers with a message and saves nothing (no row, no file, no audit event); another
producer's seller reaches none of it; a confirmed certificate is no longer hers to withdraw.
"""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from marketplace.catalogue.models import Product
from marketplace.core.models import AuditEvent
from producers.models import OcopCertificate, Producer
from producers.services.ocop import CertificateInvalid, certificate_decide, certificate_submit
from tests.factories_producers import EXE_BYTES, PDF_BYTES, image_bytes, staff_user, upload
from tests.seller.conftest import product_of

LIST = "/seller/certificates/"
DECLARE = "/seller/certificates/new/"
TODAY = timezone.localdate()
ISSUED = TODAY - timedelta(days=365)
EXPIRES = TODAY + timedelta(days=2 * 365)


def _form(**changes) -> dict:
    data = {"stars": "4", "number": "215/QĐ-UBND", "issuing_level": "province",
            "issued_on": ISSUED.isoformat(), "expires_on": EXPIRES.isoformat(),
            "scan": upload(PDF_BYTES, "giay-chung-nhan.pdf")}
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def _private_files(tmp_path: Path) -> list[Path]:
    return sorted(path for path in (tmp_path / "private").rglob("*") if path.is_file())


def _stored(certificate: OcopCertificate, tmp_path: Path) -> Path:
    return tmp_path / "private" / certificate.scan.name


@pytest.fixture
def officer(tree):
    return staff_user(tree.ha_noi, username="can-bo-ha-noi", first_name="Lê Thị Mai")


def test_declare_creates_a_pending_certificate_and_the_badge_waits_for_staff(
    seller_client, shop, owner, product, officer, tmp_path
):
    Producer.objects.filter(pk=shop.pk).update(verification_status=Producer.Verification.VERIFIED)
    other = product_of(shop, name="Mật ong rừng")

    page = seller_client.get(DECLARE).content.decode()
    assert 'type="date"' in page and 'accept="application/pdf,image/*"' in page
    assert "Mật ong hoa nhãn" in page and "Cấp trung ương" in page

    response = seller_client.post(DECLARE, _form(products=[product.pk]), follow=True)

    assert response.redirect_chain == [(LIST, 302)]
    assert "Đã gửi, chờ cán bộ Hội xác nhận" in response.content.decode()
    certificate = OcopCertificate.objects.get(producer=shop)
    assert certificate.status == OcopCertificate.Status.PENDING
    assert (certificate.stars, certificate.number, certificate.issuing_level) == (4, "215/QĐ-UBND", "province")
    assert (certificate.issued_on, certificate.expires_on) == (ISSUED, EXPIRES)
    assert list(certificate.products.all()) == [product]
    assert certificate.scan.name.endswith(".pdf") and "giay-chung-nhan" not in certificate.scan.name
    assert _stored(certificate, tmp_path).read_bytes() == PDF_BYTES
    event = AuditEvent.objects.get(action="ocop_submitted")
    assert event.actor == owner and event.object_id == str(certificate.pk) and event.to_state == "pending"

    assert Product.objects.get(pk=product.pk).ocop_stars is None
    assert "OCOP 4★" not in seller_client.get(product.get_absolute_url()).content.decode()

    certificate_decide(certificate=certificate, by=officer, confirm=True)

    assert Product.objects.get(pk=product.pk).ocop_stars == 4
    assert Product.objects.get(pk=other.pk).ocop_stars is None
    storefront = seller_client.get(product.get_absolute_url())
    assert storefront.status_code == 200 and "OCOP 4★" in storefront.content.decode()


def test_a_photo_scan_keeps_the_type_its_bytes_say(seller_client, shop, tmp_path):
    seller_client.post(DECLARE, _form(scan=upload(image_bytes("PNG"), "anh.jpg"), stars="5"))
    certificate = OcopCertificate.objects.get(producer=shop)
    assert certificate.scan.name.endswith(".png") and certificate.stars == 5
    assert seller_client.get(f"/seller/certificates/{certificate.pk}/scan/")["Content-Type"] == "image/png"


def test_dates_typed_without_a_date_picker_are_understood(seller_client, shop):
    seller_client.post(DECLARE, _form(issued_on=ISSUED.strftime("%d/%m/%Y"), expires_on=EXPIRES.strftime("%d/%m/%Y")))
    assert OcopCertificate.objects.get(producer=shop).expires_on == EXPIRES


BAD_INPUT = [
    ("stars 6", lambda w: {"stars": "6"}, "Lựa chọn này không có trong danh sách, hãy chọn lại."),
    ("stars abc", lambda w: {"stars": "abc"}, "Lựa chọn này không có trong danh sách, hãy chọn lại."),
    ("no stars", lambda w: {"stars": None}, "Hãy chọn một mục."),
    ("unknown level", lambda w: {"issuing_level": "district"}, "Lựa chọn này không có trong danh sách"),
    ("issue date in the future", lambda w: {"issued_on": EXPIRES.isoformat(), "expires_on": ISSUED.isoformat()},
     "Ngày cấp không thể sau hôm nay."),
    ("expiry on the issue day", lambda w: {"expires_on": ISSUED.isoformat()}, "Ngày hết hạn phải sau ngày cấp."),
    ("expiry before issue", lambda w: {"issued_on": (TODAY - timedelta(days=10)).isoformat(),
                                                  "expires_on": (TODAY - timedelta(days=20)).isoformat()},
     "Ngày hết hạn phải sau ngày cấp."),
    ("expiry in the past", lambda w: {"issued_on": (TODAY - timedelta(days=4 * 365)).isoformat(),
                                      "expires_on": (TODAY - timedelta(days=1)).isoformat()},
     "Chứng nhận này đã hết hạn, không khai báo được."),
    ("not a date", lambda w: {"expires_on": "31/02/2027"}, "Hãy nhập ngày đúng dạng ngày/tháng/năm"),
    ("duplicate number", lambda w: {"number": " ocop-hn-2025-017 "}, "Số chứng nhận này đã được khai báo."),
    ("missing number", lambda w: {"number": "   "}, "Hãy điền mục này."),
    ("number too long", lambda w: {"number": "9" * 61}, "Dài quá: tối đa 60 ký tự"),
    ("product of another producer", lambda w: {"products": [w["product"].pk, w["rival_product"].pk]},
     "Có sản phẩm không thuộc cơ sở của chị"),
    ("product id not a number", lambda w: {"products": ["abc"]}, "Có sản phẩm không thuộc cơ sở của chị"),
    ("executable renamed .pdf", lambda w: {"scan": upload(EXE_BYTES, "giay.pdf", "application/pdf")},
     "Chỉ nhận tệp PDF, JPEG, PNG hoặc WebP."),
    ("11 MB file", lambda w: {"scan": upload(PDF_BYTES + b"0" * (11 * 1024 * 1024), "to.pdf")},
     "Tệp lớn hơn 10 MB"),
    ("missing file", lambda w: {"scan": None}, "Hãy chọn một tệp."),
]


@pytest.mark.parametrize(("changes", "message"), [case[1:] for case in BAD_INPUT], ids=[c[0] for c in BAD_INPUT])
def test_bad_input_says_why_and_saves_nothing(seller_client, shop, rival, product, certificate, tmp_path,
                                              changes, message):
    world = {"product": product, "rival_product": product_of(rival, name="Chè búp")}
    before = (list(OcopCertificate.objects.values()), AuditEvent.objects.count(), _private_files(tmp_path))

    response = seller_client.post(DECLARE, _form(**changes(world)))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert (list(OcopCertificate.objects.values()), AuditEvent.objects.count(), _private_files(tmp_path)) == before


def test_the_service_refuses_another_producers_product_and_keeps_no_file(shop, owner, rival, tmp_path):
    rival_product = product_of(rival)
    with pytest.raises(CertificateInvalid) as refused:
        certificate_submit(producer=shop, by=owner, stars=4, number="1/QĐ", issuing_level="province",
                           issued_on=ISSUED, expires_on=EXPIRES, scan=upload(PDF_BYTES), products=[rival_product])
    assert refused.value.field == "products"
    assert not OcopCertificate.objects.exists() and _private_files(tmp_path) == []


def test_the_same_number_at_the_other_level_is_a_different_certificate(seller_client, shop, certificate):
    seller_client.post(DECLARE, _form(number=certificate.number, issuing_level="central"))
    assert OcopCertificate.objects.filter(number=certificate.number).count() == 2


def test_the_list_shows_status_expiry_products_scan_and_the_staff_reason(seller_client, shop, product, certificate,
                                                                          officer):
    page = seller_client.get(LIST).content.decode()
    assert "Chờ xác nhận" in page and certificate.expires_on.strftime("%d/%m/%Y") in page
    assert "Mật ong hoa nhãn" in page and f"/seller/certificates/{certificate.pk}/scan/" in page
    assert "Rút lại" in page

    certificate_decide(certificate=certificate, by=officer, confirm=False, reason="Ảnh chụp mờ, không đọc được số.")

    page = seller_client.get(LIST).content.decode()
    assert "Không hợp lệ" in page and "Ảnh chụp mờ, không đọc được số." in page


def test_a_pending_certificate_is_withdrawn_with_its_scan(seller_client, certificate, owner, tmp_path,
                                                           django_capture_on_commit_callbacks):
    stored = _stored(certificate, tmp_path)
    assert stored.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = seller_client.post(f"/seller/certificates/{certificate.pk}/withdraw/", follow=True)
    assert "Đã rút lại chứng nhận." in response.content.decode()
    assert not OcopCertificate.objects.exists() and not stored.exists()
    assert AuditEvent.objects.get(action="ocop_withdrawn").actor == owner


def test_withdraw_needs_a_post(seller_client, certificate):
    assert seller_client.get(f"/seller/certificates/{certificate.pk}/withdraw/")["Location"] == LIST
    assert OcopCertificate.objects.filter(pk=certificate.pk).exists()


def test_a_confirmed_certificate_cannot_be_withdrawn(seller_client, certificate, product, officer, tmp_path):
    certificate_decide(certificate=certificate, by=officer, confirm=True)
    page = seller_client.get(LIST).content.decode()
    assert "Đã xác nhận" in page and "Rút lại" not in page

    response = seller_client.post(f"/seller/certificates/{certificate.pk}/withdraw/", follow=True)

    assert "không rút lại được" in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.status == OcopCertificate.Status.CONFIRMED and _stored(certificate, tmp_path).exists()
    assert Product.objects.get(pk=product.pk).ocop_stars == 4


def test_a_rejected_certificate_can_be_removed_to_declare_it_again(seller_client, certificate, officer):
    certificate_decide(certificate=certificate, by=officer, confirm=False, reason="Sai số.")
    seller_client.post(f"/seller/certificates/{certificate.pk}/withdraw/")
    assert not OcopCertificate.objects.exists()
    seller_client.post(DECLARE, _form(number=certificate.number))
    assert OcopCertificate.objects.get().status == OcopCertificate.Status.PENDING


@pytest.mark.parametrize("url", [LIST, DECLARE])
def test_anonymous_is_sent_to_log_in(db, client, url):
    response = client.post(url, _form())
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")
    assert not OcopCertificate.objects.exists()


def test_another_producers_seller_reaches_none_of_it(client, certificate, rival_owner, tmp_path):
    client.force_login(rival_owner)
    withdraw = f"/seller/certificates/{certificate.pk}/withdraw/"
    scan = f"/seller/certificates/{certificate.pk}/scan/"

    assert client.get(scan).status_code == 404
    assert client.post(withdraw).status_code == 404
    assert client.get(withdraw).status_code == 404
    assert certificate.number not in client.get(LIST).content.decode()

    assert OcopCertificate.objects.get(pk=certificate.pk).status == OcopCertificate.Status.PENDING
    assert _stored(certificate, tmp_path).exists()
    assert not AuditEvent.objects.exists()


def test_a_helper_may_declare_too(client, shop, helper):
    client.force_login(helper)
    client.post(DECLARE, _form())
    assert AuditEvent.objects.get(action="ocop_submitted").actor == helper
