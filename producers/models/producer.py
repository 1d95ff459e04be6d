from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField
from wagtail.search import index

from marketplace.core.geography import province_choices, province_name, ward_in_province, ward_name


class Producer(index.Indexed, models.Model):
    """A women-owned business that sells on the marketplace (extended by the producers issue)."""

    class Kind(models.TextChoices):
        COOPERATIVE = "htx", _("Hợp tác xã")
        COOPERATIVE_GROUP = "tht", _("Tổ hợp tác")
        HOUSEHOLD = "hkd", _("Hộ kinh doanh")
        COMPANY = "dn", _("Doanh nghiệp")
        INDIVIDUAL = "cn", _("Cá nhân")

    name = models.CharField(_("tên"), max_length=200)
    slug = models.SlugField(_("đường dẫn"), max_length=220, unique=True)
    kind = models.CharField(_("loại hình"), max_length=3, choices=Kind.choices, default=Kind.HOUSEHOLD)
    story = RichTextField(_("câu chuyện"), blank=True, features=["bold", "italic", "h3", "ol", "ul", "link"])
    province_code = models.PositiveSmallIntegerField(_("tỉnh/thành phố"), choices=province_choices, db_index=True)
    ward_code = models.PositiveIntegerField(_("phường/xã"), null=True, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("logo"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_verified = models.BooleanField(_("đã xác minh"), default=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("nhà sản xuất")
        verbose_name_plural = _("nhà sản xuất")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("producers:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.ward_code and self.province_code and not ward_in_province(self.ward_code, self.province_code):
            raise ValidationError({"ward_code": _("Phường/xã này không thuộc tỉnh/thành phố đã chọn.")})

    @property
    def province_name(self) -> str:
        return province_name(self.province_code)

    @property
    def ward_name(self) -> str:
        return ward_name(self.ward_code)
