"""Catalogue writes: the seller's products, stock and photos; staff moderation within their unit."""

import io

import pytest
from PIL import ExifTags, Image
from wagtail.images import get_image_model

from marketplace.catalogue.models import Product, ProductImage, StockAdjustment
from marketplace.catalogue.selectors import products_visible
from marketplace.catalogue.services import (
    MAX_PHOTOS,
    CatalogueError,
    product_photo_add,
    product_photo_remove,
    product_photos_arrange,
    product_save,
    product_set_status,
    product_soft_delete,
    product_staff_hide,
    product_staff_restore,
    stock_adjust,
)
from marketplace.core.audit import audit_history
from marketplace.core.uploads import UploadRejected
from tests.factories import HUE, ProducerFactory, ProductFactory, category, make_image
from tests.factories_producers import (
    HA_NOI_WARD,
    SVG_BYTES,
    image_bytes,
    member_of,
    staff_user,
    tiny_union_tree,
    upload,
)


@pytest.fixture
def tree(db):
    return tiny_union_tree()


@pytest.fixture
def producer(tree):
    return ProducerFactory(name="HTX Mật ong Ba Vì", union_unit=tree.ha_noi_ward, ward_code=HA_NOI_WARD)


@pytest.fixture
def seller(producer):
    return member_of(producer, username="chi-lan")


@pytest.fixture
def product(producer):
    return ProductFactory(producer=producer, name="Mật ong hoa nhãn", variants=[
        {"name": "Chai 500 ml", "price": 150_000, "stock": 10}, {"name": "Chai 1 lít", "price": 280_000, "stock": 2},
    ])


@pytest.fixture
def variant(product):
    return product.variants.get(name="Chai 500 ml")


def _new_product(producer, name="Mật ong hoa nhãn") -> Product:
    return Product(producer=producer, name=name, category=category(), unit="chai", status=Product.Status.DRAFT)


# --- Products ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_product_save_gives_unique_accent_free_slugs_and_the_producers_province(producer, seller):
    first = product_save(product=_new_product(producer), by=seller)
    second = product_save(product=_new_product(producer), by=seller)
    hue_producer = ProducerFactory(province_code=HUE)
    third = product_save(product=_new_product(hue_producer), by=seller)

    assert [first.slug, second.slug, third.slug] == ["mat-ong-hoa-nhan", "mat-ong-hoa-nhan-2", "mat-ong-hoa-nhan-3"]
    assert (first.origin_province_code, third.origin_province_code) == (producer.province_code, HUE)
    event = audit_history(first).get()
    assert (event.action, event.actor, event.to_state) == ("product_created", seller, "draft")


@pytest.mark.django_db
def test_product_save_of_an_existing_product_keeps_its_slug(producer, seller):
    product = product_save(product=_new_product(producer), by=seller)
    product.name = "Mật ong hoa cà phê"

    product_save(product=product, by=seller)

    product.refresh_from_db()
    assert (product.slug, product.name) == ("mat-ong-hoa-nhan", "Mật ong hoa cà phê")
    assert "mat ong hoa ca phe" in product.name_search
    assert audit_history(product).count() == 1


@pytest.mark.django_db
def test_product_set_status_records_the_change(product, seller):
    product_set_status(product=product, by=seller, status=Product.Status.HIDDEN)

    product.refresh_from_db()
    assert product.status == Product.Status.HIDDEN
    event = audit_history(product).get()
    assert (event.action, event.actor, event.from_state, event.to_state) == (
        "product_status", seller, "published", "hidden"
    )
    assert not products_visible().filter(pk=product.pk).exists()


@pytest.mark.django_db
def test_an_invalid_status_is_refused(product, seller):
    with pytest.raises(CatalogueError) as error:
        product_set_status(product=product, by=seller, status="deleted")

    assert error.value.message == "Trạng thái không hợp lệ."
    product.refresh_from_db()
    assert product.status == Product.Status.PUBLISHED
    assert not audit_history(product).exists()


@pytest.mark.django_db
def test_soft_delete_hides_the_product_and_blocks_republishing(product, seller):
    assert products_visible().filter(pk=product.pk).exists()

    product_soft_delete(product=product, by=seller)

    product.refresh_from_db()
    assert product.deleted_at is not None and product.status == Product.Status.HIDDEN
    assert not products_visible().filter(pk=product.pk).exists()
    assert audit_history(product).get().action == "product_deleted"
    with pytest.raises(CatalogueError) as error:
        product_set_status(product=product, by=seller, status=Product.Status.PUBLISHED)
    assert error.value.message == "Sản phẩm đã bị xoá."


# --- Staff moderation --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_staff_hide_needs_a_reason(product, tree):
    officer = staff_user(tree.ha_noi)

    with pytest.raises(CatalogueError) as error:
        product_staff_hide(product=product, by=officer, reason="   ")

    assert error.value.message == "Hãy ghi lý do ẩn sản phẩm để người bán biết cần sửa gì."
    product.refresh_from_db()
    assert not product.staff_hidden


@pytest.mark.django_db
def test_staff_out_of_scope_cannot_hide_or_restore(product, tree):
    hue_officer = staff_user(tree.hue)

    with pytest.raises(CatalogueError) as error:
        product_staff_hide(product=product, by=hue_officer, reason="Ảnh không đúng sản phẩm.")
    assert error.value.message == "Sản phẩm này không thuộc đơn vị của bạn."

    Product.objects.filter(pk=product.pk).update(staff_hidden=True, staff_hidden_reason="Ảnh sai.")
    with pytest.raises(CatalogueError):
        product_staff_restore(product=product, by=hue_officer)

    product.refresh_from_db()
    assert product.staff_hidden and product.staff_hidden_reason == "Ảnh sai."
    assert not audit_history(product).exists()


@pytest.mark.django_db
def test_staff_hide_then_restore_is_recorded_and_followed_by_the_storefront(product, tree):
    officer = staff_user(tree.ha_noi)

    hidden = product_staff_hide(product=product, by=officer, reason="  Ảnh không đúng sản phẩm. ")

    assert (hidden.staff_hidden, hidden.staff_hidden_reason) == (True, "Ảnh không đúng sản phẩm.")
    assert not products_visible().filter(pk=product.pk).exists()
    event = audit_history(product).get()
    assert (event.action, event.actor, event.reason) == ("product_staff_hidden", officer, "Ảnh không đúng sản phẩm.")

    restored = product_staff_restore(product=product, by=officer, reason="Đã sửa ảnh.")

    assert (restored.staff_hidden, restored.staff_hidden_reason) == (False, "")
    assert products_visible().filter(pk=product.pk).exists()
    assert audit_history(product).first().action == "product_staff_restored"


# --- Stock -------------------------------------------------------------------------------------------


def _stock(variant) -> tuple[int, int]:
    variant.refresh_from_db()
    return variant.stock, Product.objects.get(pk=variant.product_id).stock_total


@pytest.mark.django_db
def test_stock_goes_up_and_down_with_a_reason_and_the_total_follows(variant, seller):
    stock_adjust(variant=variant, delta=5, reason="Nhập hàng", by=seller)
    assert _stock(variant) == (15, 17)

    stock_adjust(variant=variant, delta=-3, reason="Vỡ chai", by=seller)
    assert _stock(variant) == (12, 14)

    rows = list(StockAdjustment.objects.filter(variant=variant).values_list("delta", "stock_after", "reason", "actor"))
    assert rows == [(-3, 12, "Vỡ chai", seller.pk), (5, 15, "Nhập hàng", seller.pk)]


@pytest.mark.django_db
@pytest.mark.parametrize(("delta", "reason", "message"), [
    (-100, "Kiểm kê", "Tồn kho không đủ để bớt 100."),
    (-11, "Kiểm kê", "Tồn kho không đủ để bớt 11."),
    (0, "Kiểm kê", "Số lượng thay đổi phải khác 0."),
    (5, "  ", "Hãy ghi lý do thay đổi tồn kho (nhập hàng, hỏng, kiểm kê…)."),
])
def test_bad_stock_changes_are_refused_and_change_nothing(variant, seller, delta, reason, message):
    with pytest.raises(CatalogueError) as error:
        stock_adjust(variant=variant, delta=delta, reason=reason, by=seller)

    assert error.value.message == message
    assert _stock(variant) == (10, 12)
    assert not StockAdjustment.objects.exists()


@pytest.mark.django_db
def test_stock_may_be_taken_down_to_exactly_zero(variant, seller):
    stock_adjust(variant=variant, delta=-10, reason="Bán ngoài chợ", by=seller)

    assert _stock(variant) == (0, 2)


# --- Photos ------------------------------------------------------------------------------------------


def _phone_jpeg() -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitude] = (21.0, 1.0, 42.0)
    return image_bytes("JPEG", size=(40, 20), exif=exif)


@pytest.mark.django_db
def test_a_photo_is_cleaned_and_added_at_the_end(product, seller):
    ProductImage.objects.create(product=product, image=make_image(), sort_order=3)

    photo = product_photo_add(product=product, uploaded=upload(_phone_jpeg(), "IMG_0001.JPG"),
                              alt_text="Chai mật ong trên bàn gỗ", by=seller)

    assert photo.sort_order == 4
    assert photo.alt_text == "Chai mật ong trên bàn gỗ"
    image = photo.image
    assert (image.title, image.uploaded_by_user, image.width, image.height) == (
        "Chai mật ong trên bàn gỗ", seller, 20, 40
    )
    assert image.file.name.endswith(".jpg")
    with image.open_file() as stored:
        assert len(Image.open(io.BytesIO(stored.read())).getexif()) == 0


@pytest.mark.django_db
def test_the_first_photo_without_alt_text_takes_the_product_name(product, seller):
    photo = product_photo_add(product=product, uploaded=upload(image_bytes("PNG")), alt_text="", by=seller)

    assert (photo.alt_text, photo.sort_order) == ("Mật ong hoa nhãn", 1)


@pytest.mark.django_db
def test_a_refused_photo_saves_nothing(product, seller):
    with pytest.raises(UploadRejected):
        product_photo_add(product=product, uploaded=upload(SVG_BYTES, "logo.svg"), alt_text="", by=seller)

    assert not product.images.exists()
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
def test_a_product_has_at_most_ten_photos(product, seller):
    for position in range(MAX_PHOTOS):
        ProductImage.objects.create(product=product, image=make_image(), sort_order=position)
    images_before = get_image_model().objects.count()

    with pytest.raises(CatalogueError) as error:
        product_photo_add(product=product, uploaded=upload(image_bytes("PNG")), alt_text="", by=seller)

    assert error.value.message == "Mỗi sản phẩm có tối đa 10 ảnh."
    assert product.images.count() == MAX_PHOTOS
    assert get_image_model().objects.count() == images_before


@pytest.mark.django_db
def test_photos_are_arranged_and_ids_of_other_products_ignored(product, producer):
    a, b, c = (ProductImage.objects.create(product=product, image=make_image(), alt_text=name, sort_order=i)
               for i, name in enumerate(["a", "b", "c"]))
    other = ProductImage.objects.create(product=ProductFactory(producer=producer), image=make_image(),
                                        alt_text="của sản phẩm khác", sort_order=7)

    product_photos_arrange(product=product, order=[c.pk, other.pk, a.pk],
                           alt_texts={a.pk: "  Chai mở nắp ", other.pk: "đổi trộm"})

    arranged = list(product.images.order_by("sort_order").values_list("pk", "sort_order", "alt_text"))
    assert arranged == [(c.pk, 0, "c"), (a.pk, 1, "Chai mở nắp"), (b.pk, 2, "b")]
    other.refresh_from_db()
    assert (other.sort_order, other.alt_text) == (7, "của sản phẩm khác")


@pytest.mark.django_db
def test_removing_a_photo_deletes_its_image_but_not_another_products(product, producer):
    photo = ProductImage.objects.create(product=product, image=make_image(), sort_order=0)
    other = ProductImage.objects.create(product=ProductFactory(producer=producer), image=make_image(), sort_order=0)

    product_photo_remove(product=product, photo_id=photo.pk)
    with pytest.raises(CatalogueError) as error:
        product_photo_remove(product=product, photo_id=other.pk)

    assert error.value.message == "Không tìm thấy ảnh này."
    assert not ProductImage.objects.filter(pk=photo.pk).exists()
    assert not get_image_model().objects.filter(pk=photo.image_id).exists()
    assert ProductImage.objects.filter(pk=other.pk).exists()
