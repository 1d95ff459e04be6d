"""The dashboard: the verification state, the next step in plain words, what staff asked, low stock."""

from marketplace.catalogue.models import Product
from producers.models import Producer, VerificationRequest
from tests.factories_producers import PDF_BYTES, upload
from tests.seller.conftest import product_of


def dashboard(client) -> str:
    return client.get("/seller/").content.decode()


def test_a_new_producer_is_told_which_document_to_upload_next(seller_client, shop):
    page = dashboard(seller_client)
    assert "Chưa gửi xác minh" in page and "Tải lên giấy đăng ký kinh doanh" in page
    seller_client.post("/seller/verification/documents/", {"kind": "registration", "file": upload(PDF_BYTES, "a.pdf")})
    assert "Tải lên căn cước của người đại diện" in dashboard(seller_client)


def test_a_missing_profile_field_comes_first(seller_client, shop):
    Producer.objects.filter(pk=shop.pk).update(representative_name="")
    assert "Bổ sung hồ sơ: người đại diện." in dashboard(seller_client)


def test_with_everything_in_place_the_next_step_is_to_submit(seller_client, shop, owner):
    for kind in ("id", "registration"):
        seller_client.post("/seller/verification/documents/", {"kind": kind, "file": upload(PDF_BYTES, "a.pdf")})
    assert "Hồ sơ đã đủ. Hãy gửi để Hội xác minh." in dashboard(seller_client)


def test_verified_without_products_is_told_to_list_the_first(seller_client, shop):
    Producer.objects.filter(pk=shop.pk).update(verification_status=Producer.Verification.VERIFIED)
    assert "Hãy đăng sản phẩm đầu tiên." in dashboard(seller_client)


def test_what_staff_asked_for_is_shown(seller_client, shop, owner):
    VerificationRequest.objects.create(producer=shop, submitted_by=owner, status="rejected",
                                       reason="Giấy đăng ký không khớp tên cơ sở.", decided_at="2025-05-02T08:00:00Z")
    Producer.objects.filter(pk=shop.pk).update(verification_status=Producer.Verification.REJECTED)
    page = dashboard(seller_client)
    assert "Bị từ chối" in page and "Giấy đăng ký không khớp tên cơ sở." in page


def test_low_stock_and_counts(seller_client, shop):
    product_of(shop, name="Chè búp", variants=[{"price": 90_000, "stock": 2}])
    product_of(shop, name="Chè móc câu", variants=[{"price": 120_000, "stock": 40}])
    product_of(shop, name="Chè nháp", status=Product.Status.DRAFT, variants=[{"price": 1_000, "stock": 0}])
    page = dashboard(seller_client)
    assert "Chè búp" in page and "Chè nháp" in page and "Chè móc câu" not in page
    assert "<strong>3</strong> tất cả" in page and "<strong>1</strong> nháp" in page


def test_another_producers_products_never_show(seller_client, rival):
    product_of(rival, name="Sản phẩm của người khác", variants=[{"price": 1_000, "stock": 1}])
    assert "Sản phẩm của người khác" not in dashboard(seller_client)
