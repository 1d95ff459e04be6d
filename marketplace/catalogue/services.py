"""Writes of the catalogue: the seller's own products and staff moderation."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from marketplace.catalogue.models import Product, ProductImage, ProductVariant, StockAdjustment
from marketplace.catalogue.selectors import products_for_staff
from marketplace.core import cache_version
from marketplace.core.audit import audit_record
from marketplace.core.text import unique_slug
from marketplace.core.uploads import clean_photo
from producers.follow_news import follow_news_announce
from producers.models import FollowNews

MAX_PHOTOS = 10


class CatalogueError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def unique_product_slug(name: str) -> str:
    return unique_slug(name, fallback="san-pham", taken=lambda slug: Product.objects.filter(slug=slug).exists())


@transaction.atomic
def product_save(*, product: Product, by) -> Product:
    """Create or update a seller's product from a validated form instance (variants saved by the caller's formset)."""
    creating = product.pk is None
    if creating:
        product.slug = unique_product_slug(product.name)
        product.origin_province_code = product.origin_province_code or product.producer.province_code
    product.save()
    if creating:
        audit_record(subject=product, action="product_created", actor=by, to_state=product.status)
        _announce_to_followers(product)
    return product


@transaction.atomic
def product_set_status(*, product: Product, by, status: str) -> Product:
    """The seller publishes, hides or drafts her product; a staff hide stays until staff restore it."""
    if status not in Product.Status.values:
        raise CatalogueError(_("Trạng thái không hợp lệ."))
    product = Product.objects.select_for_update().get(pk=product.pk)
    if product.deleted_at:
        raise CatalogueError(_("Sản phẩm đã bị xoá."))
    previous = product.status
    product.status = status
    product.save(update_fields=["status", "updated_at"])
    audit_record(subject=product, action="product_status", actor=by, from_state=previous, to_state=status)
    _announce_to_followers(product)
    return product


def _announce_to_followers(product: Product) -> None:
    """Published for the first time: news for the producer's followers (emailed on commit, once ever)."""
    if product.status == Product.Status.PUBLISHED and not product.staff_hidden:
        follow_news_announce(kind=FollowNews.Kind.PRODUCT, subject=product, producer_ids=[product.producer_id],
                             title=product.name)


@transaction.atomic
def product_soft_delete(*, product: Product, by) -> None:
    Product.objects.filter(pk=product.pk).update(
        deleted_at=timezone.now(), status=Product.Status.HIDDEN, updated_at=timezone.now()
    )
    cache_version.bump()
    audit_record(subject=product, action="product_deleted", actor=by, from_state=product.status, to_state="deleted")


@transaction.atomic
def product_staff_hide(*, product: Product, by, reason: str) -> Product:
    reason = (reason or "").strip()
    if not reason:
        raise CatalogueError(_("Hãy ghi lý do ẩn sản phẩm để người bán biết cần sửa gì."))
    if not products_for_staff(by).filter(pk=product.pk).exists():
        raise CatalogueError(_("Sản phẩm này không thuộc đơn vị của bạn."))
    Product.objects.filter(pk=product.pk).update(staff_hidden=True, staff_hidden_reason=reason[:2000])
    cache_version.bump()
    audit_record(subject=product, action="product_staff_hidden", actor=by, from_state="visible",
                 to_state="staff_hidden", reason=reason[:2000])
    product.refresh_from_db()
    return product


@transaction.atomic
def product_staff_restore(*, product: Product, by, reason: str = "") -> Product:
    if not products_for_staff(by).filter(pk=product.pk).exists():
        raise CatalogueError(_("Sản phẩm này không thuộc đơn vị của bạn."))
    Product.objects.filter(pk=product.pk).update(staff_hidden=False, staff_hidden_reason="")
    cache_version.bump()
    audit_record(subject=product, action="product_staff_restored", actor=by, from_state="staff_hidden",
                 to_state="visible", reason=reason.strip()[:2000])
    product.refresh_from_db()
    return product


@transaction.atomic
def stock_adjust(*, variant: ProductVariant, delta: int, reason: str, by) -> ProductVariant:
    """Add or remove stock in one conditional UPDATE: stock can never go below zero."""
    reason = (reason or "").strip()
    if not reason:
        raise CatalogueError(_("Hãy ghi lý do thay đổi tồn kho (nhập hàng, hỏng, kiểm kê…)."))
    if delta == 0:
        raise CatalogueError(_("Số lượng thay đổi phải khác 0."))
    updated = ProductVariant.objects.filter(pk=variant.pk, stock__gte=max(0, -delta)).update(stock=F("stock") + delta)
    if not updated:
        raise CatalogueError(_("Tồn kho không đủ để bớt %(n)s.") % {"n": -delta})
    variant.refresh_from_db(fields=["stock"])
    StockAdjustment.objects.create(variant=variant, delta=delta, stock_after=variant.stock, reason=reason[:200], actor=by)
    variant.product.refresh_summary()
    if delta > 0 and variant.stock_alerts.filter(sent_at__isnull=True).exists():
        from marketplace.catalogue.tasks import send_stock_alerts

        transaction.on_commit(send_stock_alerts.delay, robust=True)  # "Báo tôi khi có hàng" goes out now
    return variant


@transaction.atomic
def product_photo_add(*, product: Product, uploaded, alt_text: str, by) -> ProductImage:
    if product.images.count() >= MAX_PHOTOS:
        raise CatalogueError(_("Mỗi sản phẩm có tối đa %(n)s ảnh.") % {"n": MAX_PHOTOS})
    clean = clean_photo(uploaded, name_stem=product.slug[:60] or "anh")
    image = get_image_model()(title=(alt_text or product.name)[:255], uploaded_by_user=by)
    image.file.save(clean.name, clean, save=False)
    image.save()
    position = (product.images.order_by("-sort_order").values_list("sort_order", flat=True).first() or 0) + 1
    return ProductImage.objects.create(product=product, image=image, alt_text=(alt_text or product.name)[:200],
                                       sort_order=position)


@transaction.atomic
def product_photos_arrange(*, product: Product, order: list[int], alt_texts: dict[int, str]) -> None:
    """Put the product's photos in the given order (ids of other products' photos are ignored)."""
    own = {photo.pk: photo for photo in product.images.all()}
    position = 0
    for photo_id in order + [pk for pk in own if pk not in order]:
        photo = own.get(photo_id)
        if photo is None:
            continue
        photo.sort_order = position
        if photo_id in alt_texts:
            photo.alt_text = alt_texts[photo_id].strip()[:200]
        photo.save(update_fields=["sort_order", "alt_text"])
        position += 1


@transaction.atomic
def product_photo_remove(*, product: Product, photo_id: int) -> None:
    photo = product.images.filter(pk=photo_id).select_related("image").first()
    if photo is None:
        raise CatalogueError(_("Không tìm thấy ảnh này."))
    image = photo.image
    photo.delete()
    image.delete()
