"""Reviews by buyers whose order was delivered: stars, text, up to three photos; the seller answers once;
staff may hide a review with a reason. The product keeps its count and sum of visible stars."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_PHOTOS = 3


class Review(models.Model):
    product = models.ForeignKey("catalogue.Product", verbose_name=_("sản phẩm"), on_delete=models.CASCADE,
                                related_name="reviews")
    order = models.ForeignKey("orders.Order", verbose_name=_("đơn hàng"), on_delete=models.CASCADE,
                              related_name="reviews")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="reviews")
    author_name = models.CharField(_("người đánh giá"), max_length=60)
    stars = models.PositiveSmallIntegerField(_("số sao"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    text = models.TextField(_("nhận xét"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("đánh giá lúc"), auto_now_add=True, db_index=True)
    reply = models.TextField(_("người bán trả lời"), blank=True, max_length=1000)
    replied_at = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(_("bị ẩn lúc"), null=True, blank=True)
    hidden_reason = models.TextField(_("lý do ẩn"), blank=True, max_length=1000)

    class Meta:
        verbose_name = _("đánh giá")
        verbose_name_plural = _("đánh giá")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["order", "product"], name="review_one_per_order_and_product"),
            models.CheckConstraint(condition=models.Q(stars__gte=1, stars__lte=5), name="review_stars_1_to_5"),
        ]
        indexes = [models.Index(fields=["product", "hidden_at", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.stars}★ — {self.product}"


class ReviewPhoto(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("ảnh đánh giá")
        verbose_name_plural = _("ảnh đánh giá")

    def __str__(self) -> str:
        return str(self.image)
