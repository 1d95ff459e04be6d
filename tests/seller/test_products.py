"""Products: create with variants, edit, hide and show, soft delete, preview; and bad input."""

import pytest
from django.urls import reverse

from marketplace.catalogue.models import Category, Product, ProductVariant, StockAdjustment
from marketplace.core.models import AuditEvent
from producers.models import Producer
from tests.seller.conftest import product_of

NEW = "/seller/products/new/"


def leaf() -> Category:
    return Category.objects.filter(numchild=0).order_by("path").first()


def product_data(*variants, **changes) -> dict:
    variants = variants or ({"name": "Chai 500 ml", "price": "150000", "stock": "12", "weight_grams": "700"},)
    data = {
        "name": "Mật ong rừng U Minh", "category": str(leaf().pk), "unit": "chai", "status": "published",
        "description": "Mật ong rừng tràm.\n\nBảo quản nơi khô ráo.",
        "variants-TOTAL_FORMS": str(len(variants)), "variants-INITIAL_FORMS": "0",
        "variants-MIN_NUM_FORMS": "1", "variants-MAX_NUM_FORMS": "20",
    }
    for index, variant in enumerate(variants):
        for key, value in variant.items():
            data[f"variants-{index}-{key}"] = value
    data.update(changes)
    return data


def edit_data(product: Product, **changes) -> dict:
    variants = list(product.variants.order_by("sort_order", "id"))
    data = {
        "name": product.name, "category": str(product.category_id), "unit": product.unit, "status": product.status,
        "description": "Mô tả mới.", "variants-TOTAL_FORMS": str(len(variants)),
        "variants-INITIAL_FORMS": str(len(variants)), "variants-MIN_NUM_FORMS": "1", "variants-MAX_NUM_FORMS": "20",
    }
    for index, variant in enumerate(variants):
        data.update({f"variants-{index}-id": str(variant.pk), f"variants-{index}-product": str(product.pk),
                     f"variants-{index}-name": variant.name, f"variants-{index}-price": str(variant.price),
                     f"variants-{index}-sku": variant.sku, f"variants-{index}-weight_grams": "0"})
    data.update(changes)
    return data


def test_create_a_product_with_two_variants(seller_client, shop, owner):
    response = seller_client.post(NEW, product_data(
        {"name": "Chai 500 ml", "price": "150000", "stock": "12", "weight_grams": "700"},
        {"name": "Chai 1 lít", "price": "280000", "compare_at_price": "300000", "stock": "0", "sku": "MO-1L"},
    ))
    product = Product.objects.get(producer=shop, name="Mật ong rừng U Minh")
    assert response["Location"] == reverse("seller:product_photos", args=[product.pk])
    variants = list(product.variants.order_by("sort_order"))
    assert [(v.name, v.price, v.stock) for v in variants] == [("Chai 500 ml", 150_000, 12), ("Chai 1 lít", 280_000, 0)]
    assert variants[0].sku.startswith(f"CPN-{product.pk}-") and variants[1].sku == "MO-1L"
    assert product.price == 150_000 and product.stock_total == 12
    assert product.status == Product.Status.PUBLISHED
    assert product.description == "<p>Mật ong rừng tràm.</p><p>Bảo quản nơi khô ráo.</p>"
    opening = StockAdjustment.objects.get(variant=variants[0])
    assert opening.delta == 12 and opening.actor == owner


def test_the_product_list_shows_status_price_stock(seller_client, product):
    page = seller_client.get("/seller/products/").content.decode()
    assert "Mật ong hoa nhãn" in page and "150.000" in page and "còn 15" in page and "Đang bán" in page


def test_staff_hidden_product_shows_the_reason(seller_client, product):
    Product.objects.filter(pk=product.pk).update(staff_hidden=True, staff_hidden_reason="Ảnh không đúng sản phẩm.")
    assert "Ảnh không đúng sản phẩm." in seller_client.get("/seller/products/").content.decode()
    assert "Ảnh không đúng sản phẩm." in seller_client.get("/seller/").content.decode()


def test_edit_a_product_and_add_a_variant(seller_client, product):
    data = edit_data(product, name="Mật ong hoa nhãn Hưng Yên", **{
        "variants-TOTAL_FORMS": "3", "variants-0-price": "160000",
        "variants-2-name": "Hũ 250 g", "variants-2-price": "90000", "variants-2-stock": "5",
    })
    response = seller_client.post(f"/seller/products/{product.pk}/", data)
    assert response.status_code == 302, response.content.decode()
    product.refresh_from_db()
    assert product.name == "Mật ong hoa nhãn Hưng Yên" and product.description == "<p>Mô tả mới.</p>"
    assert sorted(product.variants.values_list("price", flat=True)) == [90_000, 160_000, 280_000]
    assert product.price == 90_000 and product.stock_total == 12 + 3 + 5


def test_editing_cannot_change_the_stock_of_an_existing_variant(seller_client, product):
    variant = product.variants.get(name="Chai 500 ml")
    seller_client.post(f"/seller/products/{product.pk}/", edit_data(product, **{"variants-0-stock": "999"}))
    variant.refresh_from_db()
    assert variant.stock == 12


def test_delete_a_variant_but_not_the_last_one(seller_client, product):
    seller_client.post(f"/seller/products/{product.pk}/", edit_data(product, **{"variants-1-DELETE": "on"}))
    assert product.variants.count() == 1
    response = seller_client.post(f"/seller/products/{product.pk}/", edit_data(product, **{"variants-0-DELETE": "on"}))
    assert "Cần ít nhất một phân loại" in response.content.decode()
    assert product.variants.count() == 1


def test_edit_status_change_is_recorded(seller_client, product, owner):
    seller_client.post(f"/seller/products/{product.pk}/", edit_data(product, status="draft"))
    product.refresh_from_db()
    assert product.status == Product.Status.DRAFT
    assert AuditEvent.objects.filter(action="product_status", to_state="draft", actor=owner).exists()


def test_hide_and_show_again(seller_client, product):
    seller_client.post(f"/seller/products/{product.pk}/status/", {"status": "hidden"})
    product.refresh_from_db()
    assert product.status == Product.Status.HIDDEN
    seller_client.post(f"/seller/products/{product.pk}/status/", {"status": "published"})
    product.refresh_from_db()
    assert product.status == Product.Status.PUBLISHED


def test_showing_again_does_not_lift_a_staff_hide(seller_client, product):
    Product.objects.filter(pk=product.pk).update(staff_hidden=True, staff_hidden_reason="Sai danh mục")
    response = seller_client.post(f"/seller/products/{product.pk}/status/", {"status": "published"}, follow=True)
    product.refresh_from_db()
    assert product.staff_hidden is True
    assert "Sản phẩm vẫn đang bị Hội ẩn: Sai danh mục" in response.content.decode()


def test_an_unknown_status_is_refused(seller_client, product):
    response = seller_client.post(f"/seller/products/{product.pk}/status/", {"status": "deleted"}, follow=True)
    assert "Trạng thái không hợp lệ." in response.content.decode()
    product.refresh_from_db()
    assert product.status == Product.Status.PUBLISHED


def test_soft_delete_asks_first_then_keeps_the_row(seller_client, product):
    confirm = seller_client.get(f"/seller/products/{product.pk}/delete/")
    assert "Xoá sản phẩm?" in confirm.content.decode()
    seller_client.post(f"/seller/products/{product.pk}/delete/")
    product.refresh_from_db()
    assert product.deleted_at is not None
    assert f'href="/seller/products/{product.pk}/"' not in seller_client.get("/seller/products/").content.decode()


def test_preview_shows_a_draft_as_the_buyer_would_see_it(seller_client, shop, product):
    Product.objects.filter(pk=product.pk).update(status=Product.Status.DRAFT)
    assert seller_client.get(product.get_absolute_url()).status_code == 404  # buyers: not yet
    response = seller_client.get(f"/seller/products/{product.pk}/preview/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Xem trước" in page and "Mật ong hoa nhãn" in page and "Chai 1 lít" in page
    assert "người mua chưa thấy" in page


def test_preview_of_a_visible_product_says_so(seller_client, shop, product):
    Producer.objects.filter(pk=shop.pk).update(verification_status=Producer.Verification.VERIFIED)
    assert "người mua đang thấy" in seller_client.get(f"/seller/products/{product.pk}/preview/").content.decode()


# --- Bad input: a clear Vietnamese message, nothing half-saved -------------------------------------------


def assert_nothing_created(shop):
    assert not Product.objects.filter(producer=shop).exists()
    assert not ProductVariant.objects.filter(product__producer=shop).exists()


@pytest.mark.parametrize(("price", "message"), [
    ("0", "Giá phải từ 1 ₫ trở lên."),
    ("1000000001", "Giá tối đa là 1.000.000.000 ₫ (một tỉ đồng)."),
    ("-5", "Giá phải từ 1 ₫ trở lên."),
    ("mười nghìn", "Giá viết bằng chữ số, ví dụ 450000 hoặc 450.000 ₫."),
    ("4,5", "Giá viết bằng chữ số"),
    ("45.00", "Giá viết bằng chữ số"),
    ("450.000.000.000.000.000", "Giá tối đa là 1.000.000.000 ₫"),
    ("9" * 5000, "Giá tối đa là 1.000.000.000 ₫"),
    ("1.000.000.001 ₫", "Giá tối đa là 1.000.000.000 ₫ (một tỉ đồng)."),
])
def test_bad_prices_are_refused(seller_client, shop, price, message):
    response = seller_client.post(NEW, product_data({"name": "Chai", "price": price, "stock": "1"}))
    assert message in response.content.decode()
    assert_nothing_created(shop)


def test_a_price_of_exactly_one_billion_is_accepted(seller_client, shop):
    seller_client.post(NEW, product_data({"name": "Cả lô", "price": "1000000000", "stock": "1"}))
    assert Product.objects.get(producer=shop).price == 1_000_000_000


def test_negative_opening_stock_is_refused(seller_client, shop):
    response = seller_client.post(NEW, product_data({"name": "Chai", "price": "1000", "stock": "-3"}))
    assert "Số lượng không thể âm." in response.content.decode()
    assert_nothing_created(shop)


def test_html_in_a_product_name_is_stored_as_text_and_shown_escaped(seller_client, shop):
    name = '<b>Mật ong</b><script>alert("x")</script>'
    seller_client.post(NEW, product_data(name=name, description="<img src=x onerror=alert(1)>"))
    product = Product.objects.get(producer=shop)
    assert product.name == name
    assert product.description == "<p>&lt;img src=x onerror=alert(1)&gt;</p>"
    Producer.objects.filter(pk=shop.pk).update(verification_status=Producer.Verification.VERIFIED)
    for url in (product.get_absolute_url(), "/seller/products/", f"/seller/products/{product.pk}/preview/"):
        page = seller_client.get(url).content.decode()
        assert "<script>alert(" not in page and "<b>Mật ong</b>" not in page, url
        assert "&lt;b&gt;Mật ong&lt;/b&gt;" in page, url


def test_a_5000_character_name_is_refused(seller_client, shop):
    response = seller_client.post(NEW, product_data(name="M" * 5000))
    assert "Dài quá: tối đa 200 ký tự (đang có 5000)." in response.content.decode()
    assert_nothing_created(shop)


def test_missing_fields_are_named(seller_client, shop):
    data = product_data({"name": "", "price": "", "stock": ""}, name="", category="", unit="")
    page = seller_client.post(NEW, data).content.decode()
    assert page.count("Hãy điền mục này.") >= 2 and "Hãy chọn một mục." in page
    assert "Hãy ghi giá bán, ví dụ 450.000 ₫." in page
    assert_nothing_created(shop)


def test_a_category_that_does_not_exist_is_refused(seller_client, shop):
    response = seller_client.post(NEW, product_data(category="999999"))
    assert "Lựa chọn này không có trong danh sách" in response.content.decode()
    assert_nothing_created(shop)


def test_a_category_with_sub_categories_is_refused(seller_client, shop):
    parent = Category.objects.filter(numchild__gt=0).first()
    response = seller_client.post(NEW, product_data(category=str(parent.pk)))
    assert "Lựa chọn này không có trong danh sách" in response.content.decode()
    assert_nothing_created(shop)


def test_a_variant_of_another_product_in_the_formset_is_refused(seller_client, product, rival):
    foreign = product_of(rival, variants=[{"name": "Gói 100 g", "price": 50_000, "stock": 7}])
    foreign_variant = foreign.variants.get()
    data = edit_data(product, **{"variants-0-id": str(foreign_variant.pk), "variants-0-price": "1"})
    response = seller_client.post(f"/seller/products/{product.pk}/", data)
    assert response.status_code == 200
    assert "Phân loại này không thuộc sản phẩm" in response.content.decode()
    foreign_variant.refresh_from_db()
    assert (foreign_variant.price, foreign_variant.product_id) == (50_000, foreign.pk)
    assert product.variants.get(name="Chai 500 ml").price == 150_000


def test_a_sku_already_used_elsewhere_is_refused(seller_client, shop, rival):
    taken = product_of(rival).variants.get().sku
    response = seller_client.post(NEW, product_data({"name": "Chai", "price": "1000", "sku": taken}))
    assert "Mã SKU này đã được dùng" in response.content.decode()
    assert_nothing_created(shop)


def test_a_tampered_formset_does_not_crash(seller_client, shop):
    data = product_data()
    del data["variants-TOTAL_FORMS"]
    response = seller_client.post(NEW, data)
    assert response.status_code == 200
    assert "Cần ít nhất một phân loại" in response.content.decode()
    assert_nothing_created(shop)
