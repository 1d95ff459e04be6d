"""Documents, submitting for verification, the history, and the private document view."""

import pytest
from django.urls import reverse

from producers.models import Producer, VerificationDocument, VerificationRequest
from producers.services.verification import verification_decide
from tests.factories_producers import EXE_BYTES, PDF_BYTES, image_bytes, staff_user, upload

PAGE = "/seller/verification/"
UPLOAD = "/seller/verification/documents/"


def test_upload_a_pdf_document(seller_client, shop):
    response = seller_client.post(UPLOAD, {"kind": "id", "file": upload(PDF_BYTES, "cccd.pdf")})
    assert response.status_code == 302
    document = VerificationDocument.objects.get(producer=shop)
    assert document.kind == "id" and document.content_type == "application/pdf"
    assert "Căn cước của người đại diện" in seller_client.get(PAGE).content.decode()


def test_an_executable_renamed_pdf_is_refused(seller_client, shop):
    response = seller_client.post(UPLOAD, {"kind": "registration", "file": upload(EXE_BYTES, "giay.pdf")})
    assert response.status_code == 200
    assert "Chỉ nhận tệp PDF, JPEG, PNG hoặc WebP." in response.content.decode()
    assert not VerificationDocument.objects.filter(producer=shop).exists()


def test_a_document_over_10_mb_is_refused(seller_client, shop):
    big = PDF_BYTES + b"0" * (10 * 1024 * 1024)
    response = seller_client.post(UPLOAD, {"kind": "registration", "file": upload(big, "to.pdf")})
    assert "Tệp lớn hơn 10 MB" in response.content.decode()
    assert not VerificationDocument.objects.exists()


def test_upload_without_a_file_or_kind_says_so(seller_client):
    response = seller_client.post(UPLOAD, {})
    page = response.content.decode()
    assert "Hãy chọn một tệp." in page and "Hãy chọn một mục." in page


def test_the_page_says_what_is_missing_before_submitting(seller_client, shop):
    page = seller_client.get(PAGE).content.decode()
    assert "Cần tải lên căn cước của người đại diện." in page
    response = seller_client.post("/seller/verification/submit/", {"note": ""})
    assert "Cần tải lên căn cước của người đại diện." in response.content.decode()
    shop.refresh_from_db()
    assert shop.verification_status == Producer.Verification.DRAFT
    assert not VerificationRequest.objects.exists()


def test_submit_for_verification(seller_client, shop, owner):
    for kind in ("id", "registration"):
        seller_client.post(UPLOAD, {"kind": kind, "file": upload(image_bytes("PNG"), f"{kind}.png")})
    response = seller_client.post("/seller/verification/submit/", {"note": "Nhờ chị xem giúp."})
    assert response["Location"] == reverse("seller:dashboard")
    shop.refresh_from_db()
    assert shop.verification_status == Producer.Verification.SUBMITTED
    request = VerificationRequest.objects.get(producer=shop)
    assert request.note == "Nhờ chị xem giúp." and request.submitted_by == owner
    page = seller_client.get(PAGE).content.decode()
    assert "Đang chờ" in page and "Nhờ chị xem giúp." in page
    assert "Tải lên" not in page  # no more uploads while staff look


def test_history_shows_who_decided_when_and_why(seller_client, shop, owner, tree, document):
    for kind in ("registration",):
        seller_client.post(UPLOAD, {"kind": kind, "file": upload(PDF_BYTES, "dk.pdf")})
    seller_client.post("/seller/verification/submit/", {})
    officer = staff_user(tree.ha_noi, username="can-bo", first_name="Lê Thị Mai", email="mai@example.vn")
    verification_decide(request=VerificationRequest.objects.get(producer=shop), by=officer, decision="changes",
                        reason="Ảnh căn cước bị mờ, chụp lại giúp chị.")
    page = seller_client.get(PAGE).content.decode()
    assert "Yêu cầu bổ sung" in page and "Lê Thị Mai" in page and "Ảnh căn cước bị mờ" in page
    dashboard = seller_client.get("/seller/").content.decode()
    assert "Ảnh căn cước bị mờ, chụp lại giúp chị." in dashboard


def test_delete_a_document_while_not_submitted(seller_client, document):
    seller_client.post(f"/seller/verification/documents/{document.pk}/delete/")
    assert not VerificationDocument.objects.filter(pk=document.pk).exists()


def test_a_document_cannot_be_deleted_while_staff_look_at_it(seller_client, shop, document):
    Producer.objects.filter(pk=shop.pk).update(verification_status=Producer.Verification.SUBMITTED)
    seller_client.post(f"/seller/verification/documents/{document.pk}/delete/")
    assert VerificationDocument.objects.filter(pk=document.pk).exists()


def test_the_document_is_served_privately_to_its_producer(seller_client, document):
    response = seller_client.get(f"/seller/documents/{document.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_a_helper_of_the_producer_may_open_the_document(client, helper, document):
    client.force_login(helper)
    assert client.get(f"/seller/documents/{document.pk}/").status_code == 200


@pytest.mark.parametrize("who", ["rival_owner", "stranger"])
def test_nobody_else_gets_the_document(client, document, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(f"/seller/documents/{document.pk}/").status_code == 404


def test_the_document_is_never_under_the_public_media_url(document, settings):
    assert not str(document.file.path).startswith(str(settings.MEDIA_ROOT))


def test_a_verified_producer_may_add_a_new_ocop_scan_but_not_delete_old_documents(seller_client, shop, document):
    Producer.objects.filter(pk=shop.pk).update(verification_status=Producer.Verification.VERIFIED)
    page = seller_client.get(PAGE).content.decode()
    assert "Tải lên giấy tờ" in page and "Gửi xác minh" not in page
    seller_client.post(UPLOAD, {"kind": "ocop", "file": upload(PDF_BYTES, "ocop.pdf")})
    seller_client.post(f"/seller/verification/documents/{document.pk}/delete/")
    assert set(VerificationDocument.objects.filter(producer=shop).values_list("kind", flat=True)) == {"id", "ocop"}


def test_no_upload_while_staff_look_at_the_file(seller_client, shop):
    Producer.objects.filter(pk=shop.pk).update(verification_status=Producer.Verification.SUBMITTED)
    response = seller_client.post(UPLOAD, {"kind": "ocop", "file": upload(PDF_BYTES, "ocop.pdf")}, follow=True)
    assert "Hồ sơ đang chờ xác minh, chưa thể thêm giấy tờ." in response.content.decode()
    assert not VerificationDocument.objects.exists()


def test_her_ocop_certificates_are_listed_with_their_scan(seller_client, certificate):
    page = seller_client.get(PAGE).content.decode()
    assert "OCOP 4★" in page and "OCOP-HN-2025-017" in page and "Chờ xác nhận" in page
    response = seller_client.get(f"/seller/certificates/{certificate.pk}/scan/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff" and "private" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == PDF_BYTES
