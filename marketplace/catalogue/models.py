from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Min, Sum
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from treebeard.mp_tree import MP_Node
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from marketplace.core import cache_version
from marketplace.core.geography import province_choices, province_name, ward_in_province, ward_name
from marketplace.core.text import normalise, text_from_html

MAX_PRICE_VND = 1_000_000_000


class Category(MP_Node):
    """OCOP product groups and their sub-groups; `path` makes "with sub-categories" one prefix match."""

    name = models.CharField(_("tên"), max_length=120)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=120, blank=True)
    slug = models.SlugField(_("đường dẫn"), max_length=140, unique=True)
    description = models.TextField(_("mô tả"), blank=True)

    node_order_by = ["name"]

    class Meta:
        verbose_name = _("danh mục")
        verbose_name_plural = _("danh mục")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.name_en and (get_language() or "vi").startswith("en"):
            return self.name_en
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalogue:product_list") + f"?category={self.slug}"


class Product(index.Indexed, ClusterableModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Bản nháp")
        PUBLISHED = "published", _("Đang bán")
        HIDDEN = "hidden", _("Đã ẩn")

    producer = models.ForeignKey(
        "producers.Producer", verbose_name=_("nhà sản xuất"), on_delete=models.PROTECT, related_name="products"
    )
    name = models.CharField(_("tên sản phẩm"), max_length=200)
    slug = models.SlugField(_("đường dẫn"), max_length=220, unique=True)
    description = RichTextField(_("mô tả"), blank=True, features=["bold", "italic", "h3", "ol", "ul", "link"])
    category = models.ForeignKey(
        Category, verbose_name=_("danh mục"), on_delete=models.PROTECT, related_name="products"
    )
    origin_province_code = models.PositiveSmallIntegerField(_("tỉnh/thành phố xuất xứ"), choices=province_choices)
    origin_ward_code = models.PositiveIntegerField(_("phường/xã xuất xứ"), null=True, blank=True)
    unit = models.CharField(_("đơn vị bán"), max_length=40, default="sản phẩm")
    # The stars of the best confirmed, unexpired OCOP certificate covering the product; kept by
    # producers.ocop services (certificate confirmed, expired) so the badge and filter read one column.
    ocop_stars = models.PositiveSmallIntegerField(
        _("sao OCOP"), null=True, blank=True, editable=False, validators=[MinValueValidator(3), MaxValueValidator(5)]
    )
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    staff_hidden = models.BooleanField(_("bị Hội ẩn"), default=False)
    staff_hidden_reason = models.TextField(_("lý do Hội ẩn"), blank=True)
    deleted_at = models.DateTimeField(_("đã xoá lúc"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Kept in step with the variants (refresh_summary) so that listing, sorting and the
    # price/stock filters read one indexed row instead of aggregating variants per request.
    price = models.PositiveBigIntegerField(_("giá từ"), default=0, editable=False)
    stock_total = models.PositiveIntegerField(_("tồn kho"), default=0, editable=False)
    # Visible reviews, kept by marketplace.reviews so cards show the rating without another query.
    rating_count = models.PositiveIntegerField(_("số đánh giá"), default=0, editable=False)
    rating_sum = models.PositiveIntegerField(default=0, editable=False)
    # Accent-free, lower-case text of name, producer, category and description: what search matches.
    search_text = models.TextField(default="", editable=False)
    name_search = models.CharField(max_length=200, default="", editable=False)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("sản phẩm")
        verbose_name_plural = _("sản phẩm")
        indexes = [
            models.Index(fields=["status", "-created_at", "-id"], name="product_listing_newest"),
            models.Index(fields=["status", "price"], name="product_listing_price"),
            models.Index(fields=["status", "origin_province_code"], name="product_status_province"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalogue:product_detail", kwargs={"slug": self.slug})

    @property
    def origin_province_name(self) -> str:
        return province_name(self.origin_province_code)

    @property
    def origin_ward_name(self) -> str:
        return ward_name(self.origin_ward_code)

    @property
    def in_stock(self) -> bool:
        return self.stock_total > 0

    @property
    def rating_average(self) -> float | None:
        return round(self.rating_sum / self.rating_count, 1) if self.rating_count else None

    def build_search_text(self) -> str:
        return build_search_text(
            name=self.name,
            producer_name=self.producer.name if self.producer_id else "",
            category_name=self.category.name if self.category_id else "",
            category_name_en=self.category.name_en if self.category_id else "",
            description=self.description,
        )

    def clean(self):
        super().clean()
        if self.origin_ward_code and self.origin_province_code and not ward_in_province(
            self.origin_ward_code, self.origin_province_code
        ):
            raise ValidationError({"origin_ward_code": _("Phường/xã này không thuộc tỉnh/thành phố đã chọn.")})

    def save(self, *args, **kwargs):
        self.search_text = self.build_search_text()
        self.name_search = build_name_search(self.name)
        super().save(*args, **kwargs)
        self.refresh_summary()

    def refresh_summary(self, *, shown_elsewhere: bool = True) -> None:
        """Recompute the price and stock that lists show, and drop the kept pages that show them.

        A sell-out or a new price drops every kept page (cards say "Hết hàng" and show the price). Otherwise
        only a live session's page shows the stock in units (its own page fills it in for each answer,
        page_cache's live parts): `shown_elsewhere` says the product is pinned on one that is live, whose
        kept page is then dropped (the LIVE_STOCK version); `False` drops nothing."""
        # One query: the product's listed price and stock (before) beside its variants' summary (after).
        rows = (ProductVariant.objects.filter(product_id=self.pk).order_by()
                .values("product__price", "product__stock_total").annotate(low=Min("price"), units=Sum("stock"))
                .values_list("product__price", "product__stock_total", "low", "units"))
        row = next(iter(rows), None)
        before, summary = (row[:2], row[2:]) if row else (None, (None, None))
        self.price = summary[0] or 0
        self.stock_total = summary[1] or 0
        Product.objects.filter(pk=self.pk).update(price=self.price, stock_total=self.stock_total)
        listed_alike = before is not None and before[0] == self.price and (before[1] > 0) == (self.stock_total > 0)
        if not listed_alike:
            cache_version.bump()
        elif shown_elsewhere:
            cache_version.bump(cache_version.LIVE_STOCK)


def build_search_text(*, name: str, producer_name: str, category_name: str, category_name_en: str, description: str) -> str:
    # The leading space lets a portable LIKE '% term%' match the start of any word, so "ong"
    # finds "ong" (bee) and not the middle of "không" or "trong".
    parts = [name, producer_name, category_name, category_name_en, text_from_html(description)[:2000]]
    return " " + normalise(" ".join(parts))


def build_name_search(name: str) -> str:
    return (" " + normalise(name))[:200]


class ProductVariant(Orderable):
    product = ParentalKey(Product, on_delete=models.CASCADE, related_name="variants")
    sku = models.CharField(_("mã SKU"), max_length=64, unique=True)
    name = models.CharField(_("tên phân loại"), max_length=120, help_text=_("Ví dụ: Chai 500 ml"))
    price = models.PositiveBigIntegerField(
        _("giá (₫)"), validators=[MinValueValidator(1), MaxValueValidator(MAX_PRICE_VND)]
    )
    compare_at_price = models.PositiveBigIntegerField(
        _("giá gốc (₫)"), null=True, blank=True, validators=[MaxValueValidator(MAX_PRICE_VND)]
    )
    stock = models.PositiveIntegerField(_("tồn kho"), default=0)
    weight_grams = models.PositiveIntegerField(_("khối lượng (g)"), default=0)

    class Meta(Orderable.Meta):
        verbose_name = _("phân loại")
        verbose_name_plural = _("phân loại")
        constraints = [
            models.CheckConstraint(condition=models.Q(price__gt=0), name="variant_price_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.product.name} — {self.name}" if self.product_id else self.name

    @property
    def on_sale(self) -> bool:
        return bool(self.compare_at_price and self.compare_at_price > self.price)


class ProductImage(Orderable):
    product = ParentalKey(Product, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey("wagtailimages.Image", verbose_name=_("ảnh"), on_delete=models.CASCADE, related_name="+")
    alt_text = models.CharField(_("mô tả ảnh"), max_length=200, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("ảnh sản phẩm")
        verbose_name_plural = _("ảnh sản phẩm")

    def __str__(self) -> str:
        return self.alt_text or str(self.image)


class StockAdjustment(models.Model):
    """A change of a variant's stock by hand, with its reason (orders record their own moves)."""

    variant = models.ForeignKey(ProductVariant, on_delete=models.CASCADE, related_name="stock_adjustments")
    delta = models.IntegerField(_("thay đổi"))
    stock_after = models.PositiveIntegerField(_("tồn kho sau"))
    reason = models.CharField(_("lý do"), max_length=200)
    actor = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("điều chỉnh tồn kho")
        verbose_name_plural = _("điều chỉnh tồn kho")

    def __str__(self) -> str:
        return f"{self.variant.sku}: {self.delta:+d}"


class StockAlert(models.Model):
    """"Báo tôi khi có hàng": one address waiting for one sold-out variant; sent once when stock returns."""

    variant = models.ForeignKey(ProductVariant, on_delete=models.CASCADE, related_name="stock_alerts")
    email = models.EmailField(_("email"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("báo khi có hàng")
        verbose_name_plural = _("báo khi có hàng")
        constraints = [models.UniqueConstraint(fields=["variant", "email"], condition=models.Q(sent_at__isnull=True),
                                               name="stock_alert_one_pending_per_address")]

    def __str__(self) -> str:
        return f"{self.email} — {self.variant}"
