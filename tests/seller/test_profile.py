"""Creating the producer at /seller/start/ and editing it at /seller/profile/."""

import io

import pytest
from django.urls import reverse
from PIL import Image as PILImage

from producers.models import Producer, ProducerMember, ProducerPhoto
from tests.factories import HA_NOI, HUE
from tests.factories_producers import HA_NOI_WARD, HUE_WARD, image_bytes, upload

START = "/seller/start/"


def start_data(**changes) -> dict:
    data = {
        "kind": "hkd", "name": "Hộ kinh doanh Chè Tân Cương", "representative_name": "Trần Thị Hoa",
        "women_share_percent": "100", "woman_leader": "on", "member_count": "4",
        "province_code": str(HA_NOI), "ward_code": str(HA_NOI_WARD), "registration_number": " 01a 8012399 ",
        "story": "Ba chị em cùng trồng chè.\n\nChè sao tay, không phẩm màu.",
        "bank_bin": "970436", "bank_account_number": "0123456789", "bank_account_name": "Trần Thị Hoa",
    }
    data.update(changes)
    return data


@pytest.fixture
def newcomer_client(client, stranger, tree):
    client.force_login(stranger)
    return client


def test_start_page_offers_provinces_and_asks_to_choose_one_first(newcomer_client):
    page = newcomer_client.get(START).content.decode()
    assert "Hà Nội" in page and "Chọn tỉnh" in page
    assert "Phường Ba Đình" not in page  # wards come with the chosen province


def test_choose_province_button_reloads_the_form_with_its_wards_and_keeps_what_was_typed(newcomer_client):
    response = newcomer_client.post(START, start_data(ward_code="", choose_province="1"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Phường Ba Đình" in page and "Phường An Cựu" not in page
    assert "Hộ kinh doanh Chè Tân Cương" in page
    assert "field-errors" not in page  # step one is not a failed submission
    assert not Producer.objects.filter(name="Hộ kinh doanh Chè Tân Cương").exists()


def test_creating_the_producer_makes_her_owner_and_proposes_the_union_unit_of_her_ward(newcomer_client, stranger, tree):
    response = newcomer_client.post(START, start_data(), follow=True)
    producer = Producer.objects.get(name="Hộ kinh doanh Chè Tân Cương")
    assert producer.union_unit == tree.ha_noi_ward
    assert producer.verification_status == Producer.Verification.DRAFT
    assert producer.registration_number == "01A8012399"
    assert producer.bank_account_name == "TRAN THI HOA"
    assert producer.story == "<p>Ba chị em cùng trồng chè.</p><p>Chè sao tay, không phẩm màu.</p>"
    assert ProducerMember.objects.get(user=stranger).role == ProducerMember.Role.OWNER
    assert response.redirect_chain[-1][0] == reverse("seller:dashboard")
    assert "Hội LHPN Phường Ba Đình" in response.content.decode()


def test_start_with_a_logo_stores_a_clean_wagtail_image(newcomer_client):
    logo = upload(image_bytes("PNG", size=(80, 80)), "logo.png", "image/png")
    newcomer_client.post(START, {**start_data(), "logo": logo})
    producer = Producer.objects.get(name="Hộ kinh doanh Chè Tân Cương")
    assert producer.logo is not None and producer.logo.width == 80


def test_a_seller_who_already_has_a_producer_is_sent_to_her_dashboard(seller_client):
    assert seller_client.get(START)["Location"] == reverse("seller:dashboard")


def test_ward_outside_the_chosen_province_is_refused_and_nothing_saved(newcomer_client, stranger):
    response = newcomer_client.post(START, start_data(province_code=str(HUE), ward_code=str(HA_NOI_WARD)))
    assert response.status_code == 200
    assert "Phường/xã này không thuộc tỉnh/thành phố đã chọn." in response.content.decode()
    assert not Producer.objects.filter(name="Hộ kinh doanh Chè Tân Cương").exists()
    assert not ProducerMember.objects.filter(user=stranger).exists()


def test_duplicate_registration_number_is_refused_in_vietnamese(newcomer_client, shop, stranger):
    response = newcomer_client.post(START, start_data(registration_number="01a8012345"))  # the shop's, other case
    assert "Số đăng ký kinh doanh này đã được dùng cho một nhà sản xuất khác." in response.content.decode()
    assert Producer.objects.filter(registration_number="01A8012345").count() == 1
    assert not ProducerMember.objects.filter(user=stranger).exists()


def test_registration_number_is_checked_by_kind(newcomer_client):
    response = newcomer_client.post(START, start_data(kind="htx", registration_number="12345"))
    assert "Mã số doanh nghiệp/hợp tác xã gồm 10 chữ số" in response.content.decode()
    assert not Producer.objects.filter(name="Hộ kinh doanh Chè Tân Cương").exists()


def test_missing_fields_are_named_in_vietnamese(newcomer_client):
    response = newcomer_client.post(START, {"kind": "cn"})
    page = response.content.decode()
    assert page.count("Hãy điền mục này.") >= 1  # the name
    assert "Hãy chọn một mục." in page  # province, ward
    assert Producer.objects.count() == 0


def test_half_a_bank_account_is_refused(newcomer_client):
    response = newcomer_client.post(START, start_data(bank_bin="", bank_account_name=""))
    page = response.content.decode()
    assert "Hãy chọn ngân hàng." in page and "Hãy nhập tên chủ tài khoản." in page
    assert not Producer.objects.filter(name="Hộ kinh doanh Chè Tân Cương").exists()


def test_a_bad_logo_is_refused_and_nothing_saved(newcomer_client, stranger):
    response = newcomer_client.post(START, {**start_data(), "logo": upload(b"MZ\x90\x00" + b"\0" * 64, "logo.png")})
    assert "không phải ảnh hợp lệ" in response.content.decode()
    assert not ProducerMember.objects.filter(user=stranger).exists()


def test_html_in_the_story_is_kept_as_text(newcomer_client):
    newcomer_client.post(START, start_data(story="<script>alert(1)</script>"))
    producer = Producer.objects.get(name="Hộ kinh doanh Chè Tân Cương")
    assert producer.story == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"


def test_edit_profile_saves_the_changes_and_shows_the_story_as_plain_text(seller_client, shop):
    page = seller_client.get("/seller/profile/").content.decode()
    assert "Chị em trong xã cùng nhau làm sản phẩm sạch." in page and "&lt;p&gt;" not in page
    data = start_data(name="Hộ kinh doanh Mật ong Ba Vì Xanh", registration_number="01A8012345")
    response = seller_client.post("/seller/profile/", data)
    assert response.status_code == 302
    shop.refresh_from_db()
    assert shop.name == "Hộ kinh doanh Mật ong Ba Vì Xanh"
    assert shop.representative_name == "Trần Thị Hoa"


def test_moving_a_draft_producer_to_another_province_moves_her_union_unit(seller_client, shop, tree):
    seller_client.post("/seller/profile/", start_data(registration_number="01A8012345", province_code=str(HUE),
                                                     ward_code=str(HUE_WARD)))
    shop.refresh_from_db()
    assert shop.union_unit == tree.hue_ward


def test_invalid_edit_keeps_the_saved_profile(seller_client, shop):
    response = seller_client.post("/seller/profile/", start_data(name="", registration_number="01A8012345"))
    assert response.status_code == 200
    shop.refresh_from_db()
    assert shop.name == "Hộ kinh doanh Mật ong Ba Vì"


def _jpeg(size=(120, 90)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (10, 120, 40)).save(buffer, format="JPEG")
    return buffer.getvalue()


def test_producer_photos_add_describe_and_remove(seller_client, shop):
    seller_client.post("/seller/profile/photos/", {"photo": upload(_jpeg(), "xuong.jpg"), "alt_text": "Xưởng chè"})
    photo = ProducerPhoto.objects.get(producer=shop)
    assert photo.alt_text == "Xưởng chè"
    seller_client.post("/seller/profile/photos/describe/", {f"alt-{photo.pk}": "Chị em hái chè"})
    photo.refresh_from_db()
    assert photo.alt_text == "Chị em hái chè"
    seller_client.post(f"/seller/profile/photos/{photo.pk}/remove/")
    assert not ProducerPhoto.objects.filter(producer=shop).exists()


def test_producer_photo_that_is_not_an_image_is_refused(seller_client, shop):
    response = seller_client.post("/seller/profile/photos/", {"photo": upload(b"%PDF-1.4 x", "anh.jpg")})
    assert "không phải ảnh hợp lệ" in response.content.decode()
    assert not ProducerPhoto.objects.filter(producer=shop).exists()


def test_the_seller_sets_her_shipping_fee_and_free_shipping_threshold(newcomer_client):
    newcomer_client.post(START, start_data(shipping_flat_fee="25000", free_shipping_threshold="300000"))

    producer = Producer.objects.get()
    assert (producer.shipping_flat_fee, producer.free_shipping_threshold) == (25_000, 300_000)


def test_an_empty_shipping_fee_means_the_unions_table_by_weight_and_destination(newcomer_client):
    newcomer_client.post(START, start_data(shipping_flat_fee="", free_shipping_threshold=""))

    producer = Producer.objects.get()
    assert (producer.shipping_flat_fee, producer.free_shipping_threshold) == (None, None)


@pytest.mark.parametrize("fee", ["-1", "abc", "5000001"])
def test_a_bad_shipping_fee_is_refused_and_nothing_saved(newcomer_client, fee):
    response = newcomer_client.post(START, start_data(shipping_flat_fee=fee))

    assert response.status_code == 200
    assert response.context["form"].errors["shipping_flat_fee"]
    assert not Producer.objects.exists()
