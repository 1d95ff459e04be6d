"""Writes of reviews: a delivered buyer's review (with photos cleaned like product photos), the seller's one
answer, staff hiding one with a reason. Each keeps the product's count and sum of visible stars."""

from django.db import IntegrityError, transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from marketplace.catalogue.models import Product
from marketplace.core import cache_version
from marketplace.core.audit import audit_record
from marketplace.core.uploads import UploadRejected, clean_photo
from marketplace.orders.models import Order
from marketplace.reviews.models import MAX_PHOTOS, Review, ReviewPhoto

REVIEWABLE = (Order.Status.DELIVERED, Order.Status.COMPLETED)


class ReviewError(Exception):
    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message, self.field = message, field


def rating_refresh(product_id: int) -> None:
    totals = Review.objects.filter(product_id=product_id, hidden_at__isnull=True).aggregate(
        count=Count("pk"), total=Sum("stars"))
    Product.objects.filter(pk=product_id).update(rating_count=totals["count"], rating_sum=totals["total"] or 0)
    cache_version.bump()  # listings and facets cached under the catalogue version show the new rating


def reviewable_products(order: Order) -> list[Product]:
    """The products of a delivered order its buyer has not reviewed yet."""
    if order.status not in REVIEWABLE:
        return []
    done = set(order.reviews.values_list("product_id", flat=True))
    lines = order.lines.select_related("variant__product").filter(variant__isnull=False)
    seen, products = set(), []
    for line in lines:
        product = line.variant.product
        if product.pk not in done and product.pk not in seen and product.deleted_at is None:
            seen.add(product.pk)
            products.append(product)
    return products


def review_create(*, order: Order, product: Product, stars, text: str, photos: list, by) -> Review:
    if order.status not in REVIEWABLE:
        raise ReviewError(_("Chỉ đánh giá được khi đơn đã giao tới bạn."))
    if not order.lines.filter(variant__product=product).exists():
        raise ReviewError(_("Sản phẩm này không có trong đơn của bạn."))
    if stars not in (1, 2, 3, 4, 5):
        raise ReviewError(_("Hãy chọn từ 1 đến 5 sao."), field="stars")
    if len(photos) > MAX_PHOTOS:
        raise ReviewError(_("Tối đa %(n)s ảnh.") % {"n": MAX_PHOTOS}, field="photos")
    cleaned = []
    for upload in photos:  # every photo checked before anything is saved: a bad one saves nothing
        try:
            cleaned.append(clean_photo(upload, name_stem="danh-gia"))
        except UploadRejected as error:
            raise ReviewError(error.message, field="photos") from error
    name = (order.checkout.contact_name or "").split()
    author_name = name[-1] if name else _("Người mua")
    try:
        with transaction.atomic():
            review = Review.objects.create(product=product, order=order, stars=stars, text=text.strip(),
                                           author=by if getattr(by, "is_authenticated", False) else None,
                                           author_name=author_name[:60])
            for clean in cleaned:
                image = get_image_model()(title=_("Ảnh đánh giá %(product)s") % {"product": product.name},
                                          uploaded_by_user=review.author)
                image.file.save(clean.name, clean, save=False)
                image.save()
                ReviewPhoto.objects.create(review=review, image=image)
    except IntegrityError as error:
        raise ReviewError(_("Bạn đã đánh giá sản phẩm này cho đơn này rồi.")) from error
    rating_refresh(product.pk)
    return review


def review_reply(*, review: Review, by, text: str) -> Review:
    text = (text or "").strip()
    if not text:
        raise ReviewError(_("Hãy viết câu trả lời."), field="reply")
    if len(text) > 1000:
        raise ReviewError(_("Câu trả lời dài tối đa 1000 ký tự."), field="reply")
    changed = Review.objects.filter(pk=review.pk, replied_at__isnull=True).update(reply=text,
                                                                                replied_at=timezone.now())
    if not changed:
        raise ReviewError(_("Chị đã trả lời đánh giá này rồi."))
    review.refresh_from_db()
    return review


def review_hide(*, review: Review, by, reason: str) -> Review:
    reason = (reason or "").strip()
    if not reason:
        raise ReviewError(_("Hãy ghi lý do ẩn đánh giá."), field="reason")
    with transaction.atomic():
        if not Review.objects.filter(pk=review.pk, hidden_at__isnull=True).update(hidden_at=timezone.now(),
                                                                                  hidden_reason=reason):
            raise ReviewError(_("Đánh giá này đã bị ẩn."))
        audit_record(subject=review, action="review_hidden", actor=by, reason=reason)
    rating_refresh(review.product_id)
    review.refresh_from_db()
    return review
