"""The product form made for a phone: a short first step, photos in the same form, prices as she writes
them ("450.000 ₫"), save at the top and the bottom; the list with one main action per product."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.images import get_image_model

from marketplace.catalogue.models import Product, ProductImage, ProductVariant
from marketplace.catalogue.services import MAX_PHOTOS
from seller.price_field import parse_vnd
from tests.seller.conftest import product_of
from tests.seller.test_products import NEW, leaf

pytestmark = pytest.mark.usefixtures("wagtail_root")


def jpeg(name: str = "anh.jpg") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), "#b5651d").save(out, "JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def first_step(**changes) -> dict:
    """Only what the first step asks: name, price, stock, category (and the formset's bookkeeping)."""
    data = {
        "name": "Gốm men lam",
        "category": str(leaf().pk),
        "unit": "sản phẩm",
        "status": "published",
        "variants-TOTAL_FORMS": "2",
        "variants-INITIAL_FORMS": "0",
        "variants-MIN_NUM_FORMS": "1",
        "variants-MAX_NUM_FORMS": "20",
        "variants-0-price": "450.000 ₫",
        "variants-0-stock": "7",
        "variants-1-stock": "0",
        "variants-1-weight_grams": "0",
        "variants-0-weight_grams": "0",
    }
    data.update(changes)
    return data


def nothing_created(shop) -> bool:
    return (
        not Product.objects.filter(producer=shop).exists()
        and not ProductImage.objects.exists()
        and not get_image_model().objects.exists()
    )


@pytest.mark.parametrize(
    "typed",
    [
        "450000",
        "450.000",
        "450.000 ₫",
        "450.000\u00a0₫",
        "450 000",
        "450,000",
        " 450.000 đ ",
        "450000đ",
        "450.000 VND",
    ],
)
def test_a_price_is_read_the_way_she_writes_it(typed):
    assert parse_vnd(typed) == 450_000


@pytest.mark.parametrize("typed", ["4,5", "45.00", "4.5000", "abc", "450k", "1/2", "450.000 $", "--5", "٤٥٠"])
def test_what_is_not_a_price_is_refused(typed):
    with pytest.raises(ValueError):
        parse_vnd(typed)


def test_an_empty_price_box_is_empty():
    assert parse_vnd("") is None and parse_vnd(" ₫ ") is None


def test_the_first_step_alone_lists_a_product(seller_client, shop, owner):
    response = seller_client.post(NEW, first_step())
    product = Product.objects.get(producer=shop)
    variant = product.variants.get()
    assert (variant.name, variant.price, variant.stock) == ("Tiêu chuẩn", 450_000, 7)
    assert product.status == Product.Status.PUBLISHED
    # Without a photo she is taken to the photo page next.
    assert response["Location"] == reverse("seller:product_photos", args=[product.pk])


def test_photos_come_in_the_same_form(seller_client, shop):
    data = first_step()
    data["photos"] = [jpeg("mat-truoc.jpg"), jpeg("mat-sau.jpg")]
    response = seller_client.post(NEW, data)
    product = Product.objects.get(producer=shop)
    assert response["Location"] == f"{reverse('seller:products')}#product-{product.pk}"
    assert product.images.count() == 2


def test_a_bad_photo_keeps_nothing_and_says_why(seller_client, shop):
    data = first_step()
    data["photos"] = [jpeg(), SimpleUploadedFile("hoa-don.jpg", b"not a picture", content_type="image/jpeg")]
    response = seller_client.post(NEW, data)
    assert response.status_code == 200
    assert "hoa-don.jpg: Tệp này không phải ảnh hợp lệ hoặc đã bị hỏng." in response.content.decode()
    assert not Product.objects.filter(producer=shop).exists() and not ProductImage.objects.exists()
    # The form comes back as she filled it, with no id of the rolled-back rows: sending it again works.
    assert re.search(
        r'<input type="hidden" name="variants-0-id" id="id_variants-0-id">', response.content.decode()
    )
    data["photos"] = [jpeg()]
    assert seller_client.post(NEW, data).status_code == 302
    assert Product.objects.get(producer=shop).images.count() == 1


def test_more_photos_than_allowed_are_refused_before_anything_is_saved(seller_client, shop):
    data = first_step()
    data["photos"] = [jpeg(f"anh-{n}.jpg") for n in range(MAX_PHOTOS + 1)]
    response = seller_client.post(NEW, data)
    assert f"Mỗi sản phẩm có tối đa {MAX_PHOTOS} ảnh" in response.content.decode()
    assert nothing_created(shop)


@pytest.mark.parametrize(
    ("price", "message"),
    [
        ("", "Hãy ghi giá bán, ví dụ 450.000 ₫."),
        ("bốn trăm", "Giá viết bằng chữ số, ví dụ 450000 hoặc 450.000 ₫."),
        ("0 ₫", "Giá phải từ 1 ₫ trở lên."),
        (["450000", "1"], None),  # a repeated field: the last value counts, like any Django field
    ],
)
def test_a_wrong_price_is_explained_and_nothing_is_created(seller_client, shop, price, message):
    response = seller_client.post(NEW, first_step(**{"variants-0-price": price}))
    if message is None:
        assert ProductVariant.objects.get(product__producer=shop).price == 1
        return
    assert message in response.content.decode()
    assert nothing_created(shop)


def test_a_second_variant_needs_a_name(seller_client, shop):
    response = seller_client.post(NEW, first_step(**{"variants-1-price": "500000"}))
    page = response.content.decode()
    assert "Hãy điền mục này." in page
    assert re.search(r'<details class="form-more" open>', page)  # the folded part opens on its own error
    assert nothing_created(shop)


def test_photos_sent_with_a_mistake_elsewhere_are_asked_for_again(seller_client, shop):
    data = first_step(name="")
    data["photos"] = [jpeg()]
    page = seller_client.post(NEW, data).content.decode()
    assert "Ảnh chưa được lưu vì còn chỗ cần sửa." in page
    assert nothing_created(shop)


def test_an_error_in_the_first_step_leaves_the_rest_folded(seller_client, shop):
    page = seller_client.post(NEW, first_step(name="")).content.decode()
    assert "Hãy điền mục này." in page and '<details class="form-more">' in page
    assert nothing_created(shop)


def test_the_form_is_made_for_a_phone(seller_client, shop):
    page = seller_client.get(NEW).content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert re.search(
        r'<input id="photos-camera" type="file" name="photos" accept="image/\*" '
        r'capture="environment"',
        page,
    )
    # Save at the top and at the bottom, the first step before the folded part.
    form = page[
        page.index('<form class="form product-form"') : page.index("</form>", page.index("product-form"))
    ]
    assert form.count('type="submit"') == 2
    assert (
        page.index('name="name"')
        < page.index('name="photos"')
        < page.index('name="variants-0-price"')
        < page.index('name="variants-0-stock"')
        < page.index('<details class="form-more">')
        < page.index('id="id_description"')
    )
    price_input = re.search(r'<input[^>]*name="variants-0-price"[^>]*>', page).group(0)
    assert 'inputmode="numeric"' in price_input and "data-vnd" in price_input and 'type="text"' in price_input
    assert "js/seller-price" in page


def test_a_saved_price_reads_as_money_when_editing(seller_client, product):
    page = seller_client.get(reverse("seller:product_edit", args=[product.pk])).content.decode()
    assert 'value="150.000 ₫"' in page and 'value="280.000 ₫"' in page


def test_editing_with_the_shown_prices_keeps_them(seller_client, product):
    from tests.seller.test_products import edit_data

    data = edit_data(product)
    data["variants-0-price"], data["variants-1-price"] = "150.000 ₫", "290.000 ₫"
    response = seller_client.post(reverse("seller:product_edit", args=[product.pk]), data)
    assert response.status_code == 302
    assert sorted(product.variants.values_list("price", flat=True)) == [150_000, 290_000]


def test_a_photo_added_while_editing_joins_the_others(seller_client, product):
    from tests.seller.test_products import edit_data

    data = edit_data(product)
    data["photos"] = [jpeg()]
    seller_client.post(reverse("seller:product_edit", args=[product.pk]), data)
    assert product.images.count() == 2


def test_editing_another_producers_product_with_photos_is_404_and_changes_nothing(
    client, product, rival_owner
):
    from tests.seller.test_products import edit_data

    client.force_login(rival_owner)
    data = edit_data(product, name="Đổi tên")
    data["photos"] = [jpeg()]
    response = client.post(reverse("seller:product_edit", args=[product.pk]), data)
    assert response.status_code == 404
    product.refresh_from_db()
    assert product.name == "Mật ong hoa nhãn" and product.images.count() == 1


# --- The list -------------------------------------------------------------------------------------


def product_items(page: str) -> dict[str, str]:
    return dict(re.findall(r'<li class="seller-product" id="(product-\d+)">(.*?)</details>', page, re.S))


def test_each_product_has_one_main_action_and_a_menu(seller_client, shop, product):
    drafted = product_of(shop, name="Chè nháp", status=Product.Status.DRAFT, with_image=True)
    no_photo = product_of(shop, name="Chưa có ảnh")
    items = product_items(seller_client.get(reverse("seller:products")).content.decode())
    for item in items.values():
        head, menu = item.split('<details class="more-menu">')
        assert len(re.findall(r'class="button[ "]', head)) == 1
        assert "Xoá" not in head and "Xoá sản phẩm" in menu
    assert 'value="published">Đăng bán<' in items[f"product-{drafted.pk}"].split("<details")[0]
    assert "Thêm ảnh" in items[f"product-{no_photo.pk}"].split("<details")[0]


def test_delete_is_never_next_to_hide(seller_client, shop, product):
    menu = product_items(seller_client.get(reverse("seller:products")).content.decode())[
        f"product-{product.pk}"
    ]
    entries = re.findall(r"<li[^>]*>(.*?)</li>", menu.split('<details class="more-menu">')[1], re.S)
    labels = [re.sub(r"<[^>]+>", "", entry).strip() for entry in entries]
    hide, delete = labels.index("Ẩn khỏi gian hàng"), labels.index("Xoá sản phẩm")
    assert abs(hide - delete) > 1 and delete == len(labels) - 1


def test_the_list_costs_the_same_queries_for_many_products(
    seller_client, shop, django_assert_max_num_queries
):
    for n in range(12):
        product_of(shop, name=f"Sản phẩm {n}", with_image=n % 2 == 0)
    seller_client.get(reverse("seller:products"))  # the first visit makes the thumbnails
    with django_assert_max_num_queries(12):
        response = seller_client.get(reverse("seller:products"))
    assert response.content.decode().count('class="seller-product"') == 12
