"""A new seller signs up on her phone, creates her household business and sends her papers; the Hà Nội
officer approves it; her product then sells on the storefront with the verified badge; the An Giang
officer cannot see any of it."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from marketplace.accounts.phone import normalise_phone
from producers.models import Producer

pytestmark = pytest.mark.e2e

DESKTOP_VIEWPORT = {"width": 1280, "height": 900}
SELLER_PASSWORD = "Sen-Tay-Ho-2025"
PRODUCER_NAME = "Hộ kinh doanh Trà sen Quảng An"
REPRESENTATIVE = "Nguyễn Thị Bích Ngọc"
PRODUCT_NAME = "Trà sen Tây Hồ ướp thủ công"
PRODUCT_QUERY = "tra sen tay ho"  # typed without diacritics, as on most phones
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def unused_phone() -> str:
    """0987 654 321, or the next number no account (the demo's sellers included) uses."""
    taken = set(get_user_model().objects.exclude(phone=None).values_list("phone", flat=True))
    number = 987_654_321
    while normalise_phone(f"0{number}") in taken:
        number += 1
    return f"0{number // 1_000_000} {number // 1_000 % 1_000:03d} {number % 1_000:03d}"


def unused_household_number() -> str:
    taken = set(Producer.objects.values_list("registration_number", flat=True))
    return next(f"01A8{n:06d}" for n in range(12_345, 1_000_000) if f"01A8{n:06d}" not in taken)


def jpeg_bytes(colour: str, size=(800, 600)) -> bytes:
    picture = Image.new("RGB", size, colour)
    ImageDraw.Draw(picture).ellipse((size[0] // 4, size[1] // 4, size[0] * 3 // 4, size[1] * 3 // 4), fill="#f4c2d7")
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=80)
    return out.getvalue()


def admin_login(page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(f"{base}/admin/")


def search_listing(page, query: str) -> None:
    """Types into an admin listing's search box and waits for the results of that search."""
    page.locator("main input[name=q]").fill(query)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]q=" + re.escape(query.replace(" ", "+"))))


def seller_signs_up_and_creates_her_producer(page, base: str, phone: str, registration: str, shot) -> None:
    # Selling is her choice: the sign-up page's "open a shop" link keeps the seller centre as the next step
    page.goto(f"{base}/accounts/signup/")
    page.get_by_role("link", name="Đăng ký để mở gian hàng").click()
    expect(page).to_have_url(f"{base}/accounts/signup/?next=/seller/")
    page.get_by_label("Số điện thoại hoặc email").fill(phone)
    page.get_by_label("Họ và tên").fill(REPRESENTATIVE)
    page.get_by_label("Mật khẩu", exact=True).fill(SELLER_PASSWORD)
    page.get_by_label("Nhập lại mật khẩu").fill(SELLER_PASSWORD)
    shot(page, "onboarding-01-signup")
    page.get_by_role("button", name="Đăng ký").click()

    # Signed in, the seller centre sends her to create her producer first
    expect(page).to_have_url(f"{base}/seller/start/")
    page.get_by_role("radio", name="Hộ kinh doanh").check()
    page.get_by_label("Tên cơ sở / hợp tác xã").fill(PRODUCER_NAME)
    page.get_by_label("Họ tên người đại diện").fill(REPRESENTATIVE)
    page.get_by_label("Số đăng ký kinh doanh").fill(registration)
    page.get_by_label("Tỉnh/thành phố").select_option(label="Hà Nội")
    page.get_by_role("button", name="Chọn tỉnh").click()  # the wards arrive with a reload, no JavaScript

    expect(page.get_by_role("status")).to_contain_text("Đã có danh sách phường/xã")
    expect(page.get_by_label("Tên cơ sở / hợp tác xã")).to_have_value(PRODUCER_NAME)  # nothing typed was lost
    page.get_by_label("Phường/xã/đặc khu").select_option(label="Phường Tây Hồ")
    page.get_by_label("Câu chuyện của cơ sở").fill(
        "Nhà tôi ba đời ướp trà sen bên Hồ Tây.\n\nMỗi cân trà cần hơn một nghìn bông sen Bách Diệp."
    )
    shot(page, "onboarding-02-start")
    page.get_by_role("button", name="Tạo hồ sơ").click()

    expect(page).to_have_url(f"{base}/seller/")
    expect(page.get_by_text(f"Đã tạo hồ sơ “{PRODUCER_NAME}”")).to_be_visible()
    expect(page.locator(".dash-status .status")).to_have_text("Chưa gửi xác minh")


def seller_sends_her_papers(page, base: str, tmp_path, shot) -> None:
    registration_pdf = tmp_path / "giay-dang-ky-ho-kinh-doanh.pdf"
    registration_pdf.write_bytes(PDF_BYTES)
    id_card = tmp_path / "can-cuoc.jpg"
    id_card.write_bytes(jpeg_bytes("#d9e4f5", size=(856, 540)))

    page.get_by_role("navigation", name="Kênh người bán").get_by_role("link", name="Xác minh").click()
    expect(page).to_have_url(f"{base}/seller/verification/")
    for kind, path in (("Giấy đăng ký kinh doanh", registration_pdf), ("Căn cước của người đại diện", id_card)):
        page.get_by_label("Loại giấy tờ").select_option(label=kind)
        page.get_by_label("Tệp (ảnh chụp hoặc PDF, tối đa 10 MB)").set_input_files(path)
        page.get_by_role("button", name="Tải lên").click()
        expect(page.get_by_text("Đã tải lên giấy tờ.")).to_be_visible()
        expect(page.locator(".doc-row", has_text=kind)).to_contain_text(path.name)

    expect(page.get_by_text("Hồ sơ đã đủ, chị có thể gửi.")).to_be_visible()
    page.get_by_label("Lời nhắn cho cán bộ Hội (không bắt buộc)").fill("Em gửi giấy tờ, nhờ chị xem giúp.")
    shot(page, "onboarding-03-verification")
    page.get_by_role("button", name="Gửi xác minh").click()

    expect(page).to_have_url(f"{base}/seller/")
    expect(page.locator(".dash-status .status")).to_have_text("Đang chờ xác minh")
    shot(page, "onboarding-04-submitted")


def hanoi_officer_approves(page, base: str, password: str, shot) -> None:
    admin_login(page, base, "canbo.hanoi", password)
    page.goto(f"{base}/admin/verification-requests/")
    search_listing(page, "tra sen quang an")
    row = page.locator("tr", has_text=PRODUCER_NAME)
    expect(row).to_contain_text("Đang chờ")
    shot(page, "onboarding-05-queue")
    row.get_by_role("link", name=PRODUCER_NAME).click()

    expect(page).to_have_url(re.compile(rf"{re.escape(base)}/admin/verification-requests/\d+/$"))
    expect(page.get_by_role("link", name="Giấy đăng ký kinh doanh")).to_be_visible()
    expect(page.get_by_role("link", name="Căn cước của người đại diện")).to_be_visible()
    expect(page.locator("main p", has_text="Lời nhắn của người bán:")).to_contain_text("nhờ chị xem giúp")
    approve = page.get_by_role("button", name="Duyệt", exact=True)
    expect(page.get_by_role("button", name="Yêu cầu bổ sung")).to_be_visible()
    expect(page.get_by_role("button", name="Từ chối")).to_be_visible()
    approve.scroll_into_view_if_needed()
    shot(page, "onboarding-06-review")
    approve.click()

    expect(page).to_have_url(f"{base}/admin/verification-requests/")
    expect(page.get_by_text(f"Đã ghi quyết định cho “{PRODUCER_NAME}”")).to_be_visible()
    expect(page.locator("tr", has_text=PRODUCER_NAME)).to_contain_text("Đã duyệt")
    shot(page, "onboarding-07-approved")


def seller_adds_a_product_with_a_photo(page, base: str, tmp_path, shot) -> None:
    page.goto(f"{base}/seller/")
    expect(page.locator(".dash-status .status")).to_have_text("Đã xác minh")
    page.get_by_role("navigation", name="Kênh người bán").get_by_role("link", name="Sản phẩm").click()
    expect(page).to_have_url(f"{base}/seller/products/")
    page.get_by_role("link", name="Thêm sản phẩm").click()

    expect(page).to_have_url(f"{base}/seller/products/new/")
    page.get_by_label("Tên sản phẩm").fill(PRODUCT_NAME)
    page.get_by_label("Danh mục").select_option(label="Chè, trà")
    # The first variant's price and stock are in the short first step; the rest is folded under "Thêm chi tiết".
    page.get_by_label("Giá bán", exact=True).first.fill("120000")
    page.get_by_label("Số lượng có sẵn").first.fill("30")
    page.locator("details.form-more > summary").click()
    page.get_by_label("Mô tả sản phẩm").fill("Trà Thái Nguyên ướp bảy lượt gạo sen Hồ Tây.")
    page.get_by_label("Đơn vị bán").fill("hộp")
    variants = page.locator("fieldset.variant")
    variants.nth(0).get_by_label("Tên phân loại").fill("Hộp 100 g")
    variants.nth(1).get_by_label("Tên phân loại").fill("Hộp 250 g")
    variants.nth(1).get_by_label("Giá bán", exact=True).fill("280000")
    variants.nth(1).get_by_label("Số lượng có sẵn").fill("12")
    expect(page.get_by_role("radio", name="Đăng bán ngay")).to_be_checked()
    shot(page, "onboarding-08-product")
    page.get_by_role("button", name="Lưu sản phẩm").click()

    expect(page).to_have_url(re.compile(rf"{re.escape(base)}/seller/products/\d+/photos/$"))
    expect(page.get_by_text(f"Đã lưu sản phẩm “{PRODUCT_NAME}”")).to_be_visible()
    photo = tmp_path / "tra-sen.jpg"
    photo.write_bytes(jpeg_bytes("#6b8f47"))
    page.locator("#photos-camera").set_input_files(photo)
    page.get_by_role("button", name="Tải ảnh lên").click()
    expect(page.get_by_text("Đã thêm 1 ảnh.")).to_be_visible()
    expect(page.locator(".photo-list .photo-item")).to_have_count(1)
    shot(page, "onboarding-09-photos")


def buyer_finds_the_product(page, base: str, shot) -> None:
    page.goto(f"{base}/")
    page.get_by_role("searchbox", name="Tìm sản phẩm").fill(PRODUCT_QUERY)
    page.get_by_role("button", name="Tìm", exact=True).click()
    expect(page).to_have_url(re.compile(r"/products/\?q=tra\+sen\+tay\+ho"))
    card = page.locator(".results .card", has_text=PRODUCT_NAME)
    expect(card).to_have_count(1)
    shot(page, "onboarding-10-search")
    card.get_by_role("link", name=PRODUCT_NAME).first.click()

    expect(page.get_by_role("heading", level=1)).to_have_text(PRODUCT_NAME)
    expect(page.locator(".product-info .price")).to_contain_text("120.000")
    expect(page.locator(".add-to-cart")).to_contain_text("280.000")
    producer_card = page.locator(".producer-card")
    expect(producer_card).to_contain_text(PRODUCER_NAME)
    expect(producer_card).to_contain_text("bên Hồ Tây. Mỗi cân trà")  # her two paragraphs, not "Tây.Mỗi"
    expect(producer_card.locator(".badge-verified")).to_have_text("✓ Đã xác minh")
    expect(page.locator(".gallery img").first).to_be_visible()
    shot(page, "onboarding-11-product-page")


def angiang_officer_cannot_see_it(page, base: str, password: str, shot) -> None:
    producer = Producer.objects.get(name=PRODUCER_NAME)
    verification = producer.verification_requests.get()
    document = producer.documents.first()
    admin_login(page, base, "canbo.angiang", password)

    # Through the menu, as she would
    page.get_by_role("button", name="Hội Phụ nữ").click()
    page.get_by_role("link", name="Nhà sản xuất", exact=True).click()
    expect(page).to_have_url(f"{base}/admin/snippets/producers/producer/")
    expect(page.locator("table.listing")).to_be_visible()
    expect(page.locator("table.listing")).not_to_contain_text(PRODUCER_NAME)
    shot(page, "onboarding-12-angiang-producers")

    # Her search works (her own producer is found) but never reaches Hà Nội's
    search_listing(page, "nuoc mam phu nu")
    expect(page.locator("table.listing")).to_contain_text("Nước mắm Phụ nữ Phú Quốc")
    for listing in ("/admin/snippets/producers/producer/", "/admin/verification-requests/"):
        page.goto(f"{base}{listing}")
        search_listing(page, "tra sen quang an")
        expect(page.locator("table.listing")).to_have_count(0)  # waits for the search's answer: no rows
        expect(page.locator("main")).not_to_contain_text(PRODUCER_NAME)
    shot(page, "onboarding-13-angiang-search")

    for url in (
        reverse("wagtailsnippets_producers_producer:inspect", args=[producer.pk]),
        reverse("wagtailsnippets_producers_producer:edit", args=[producer.pk]),
        reverse("verification_requests:inspect", args=[verification.pk]),
        reverse("producers_admin_document", args=[document.pk]),
    ):
        response = page.goto(f"{base}{url}")
        assert response.status in (403, 404), f"{url} answered {response.status} to the An Giang officer"
        expect(page.locator("body")).not_to_contain_text(PRODUCER_NAME)


def test_new_seller_is_verified_by_her_province_and_sells_while_another_province_sees_nothing(
    new_phone_context, storefront, staff_password, shot, tmp_path
):
    base = storefront.url
    phone, registration = unused_phone(), unused_household_number()
    seller = new_phone_context().new_page()

    seller_signs_up_and_creates_her_producer(seller, base, phone, registration, shot)
    seller_sends_her_papers(seller, base, tmp_path, shot)
    hanoi_officer_approves(new_phone_context().new_page(), base, staff_password, shot)
    seller_adds_a_product_with_a_photo(seller, base, tmp_path, shot)
    buyer_finds_the_product(new_phone_context().new_page(), base, shot)
    angiang_officer_cannot_see_it(new_phone_context(viewport=DESKTOP_VIEWPORT).new_page(), base, staff_password, shot)
