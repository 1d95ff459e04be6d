"""Stock: add or remove per variant, always with a reason; never below zero; the history shows it."""

from marketplace.catalogue.models import StockAdjustment


def stock_url(product) -> str:
    return f"/seller/products/{product.pk}/stock/"


def test_add_and_remove_stock_with_a_reason(seller_client, product, owner):
    variant = product.variants.get(name="Chai 1 lít")
    response = seller_client.post(stock_url(product), {"variant": variant.pk, "quantity": "10",
                                                      "reason": "Nhập mẻ mới", "direction": "add"})
    assert response.status_code == 302
    seller_client.post(stock_url(product), {"variant": variant.pk, "quantity": "4", "reason": "Vỡ chai",
                                           "direction": "remove"})
    variant.refresh_from_db()
    product.refresh_from_db()
    assert variant.stock == 3 + 10 - 4 and product.stock_total == 12 + 9
    history = list(StockAdjustment.objects.filter(variant=variant).values_list("delta", "stock_after", "reason"))
    assert history == [(-4, 9, "Vỡ chai"), (10, 13, "Nhập mẻ mới")]
    page = seller_client.get(stock_url(product)).content.decode()
    assert "Vỡ chai" in page and "-4" in page and "+10" in page


def test_removing_more_than_in_stock_is_refused(seller_client, product):
    variant = product.variants.get(name="Chai 1 lít")
    response = seller_client.post(stock_url(product), {"variant": variant.pk, "quantity": "4", "reason": "Bán ngoài",
                                                      "direction": "remove"})
    assert response.status_code == 200
    assert "Tồn kho không đủ để bớt 4." in response.content.decode()
    variant.refresh_from_db()
    assert variant.stock == 3
    assert not StockAdjustment.objects.exists()


def test_a_negative_quantity_is_refused(seller_client, product):
    variant = product.variants.get(name="Chai 1 lít")
    response = seller_client.post(stock_url(product), {"variant": variant.pk, "quantity": "-5", "reason": "x",
                                                      "direction": "add"})
    assert "Nhập số lượng lớn hơn 0, ví dụ 5." in response.content.decode()
    variant.refresh_from_db()
    assert variant.stock == 3


def test_a_reason_is_required(seller_client, product):
    variant = product.variants.get(name="Chai 1 lít")
    response = seller_client.post(stock_url(product), {"variant": variant.pk, "quantity": "5", "reason": "  ",
                                                      "direction": "add"})
    assert "Hãy ghi lý do thay đổi tồn kho." in response.content.decode()
    assert not StockAdjustment.objects.exists()


def test_a_missing_or_unknown_variant_is_handled(seller_client, product):
    response = seller_client.post(stock_url(product), {"quantity": "5", "reason": "x", "direction": "add"}, follow=True)
    assert "Hãy chọn phân loại cần đổi tồn kho." in response.content.decode()
    assert seller_client.post(stock_url(product), {"variant": "999999", "quantity": "1", "reason": "x",
                                                  "direction": "add"}).status_code == 404
