from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from wagtail.fields import RichTextField
from wagtail.search import index

from marketplace.accounts.phone import format_phone
from marketplace.core.banks import bank_choices, bank_short_name
from marketplace.core.geography import province_choices, province_name, ward_in_province, ward_name
from producers.registration import registration_number_error


class Producer(index.Indexed, ClusterableModel):
    """A women-owned business that sells on the marketplace: profile, verification, bank and shipping."""

    class Kind(models.TextChoices):
        COOPERATIVE = "htx", _("Hợp tác xã")
        COOPERATIVE_GROUP = "tht", _("Tổ hợp tác")
        HOUSEHOLD = "hkd", _("Hộ kinh doanh")
        COMPANY = "dn", _("Doanh nghiệp")
        INDIVIDUAL = "cn", _("Cá nhân")

    class Verification(models.TextChoices):
        DRAFT = "draft", _("Chưa gửi xác minh")
        SUBMITTED = "submitted", _("Đang chờ xác minh")
        CHANGES_REQUESTED = "changes", _("Cần bổ sung")
        VERIFIED = "verified", _("Đã xác minh")
        REJECTED = "rejected", _("Bị từ chối")

    name = models.CharField(_("tên"), max_length=200)
    slug = models.SlugField(_("đường dẫn"), max_length=220, unique=True)
    kind = models.CharField(_("loại hình"), max_length=3, choices=Kind.choices, default=Kind.HOUSEHOLD)
    story = RichTextField(_("câu chuyện"), blank=True, features=["bold", "italic", "h3", "ol", "ul", "link"])
    province_code = models.PositiveSmallIntegerField(_("tỉnh/thành phố"), choices=province_choices, db_index=True)
    ward_code = models.PositiveIntegerField(_("phường/xã"), null=True, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("logo"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verification_status = models.CharField(
        _("trạng thái xác minh"), max_length=10, choices=Verification.choices, default=Verification.DRAFT, db_index=True
    )
    representative_name = models.CharField(_("người đại diện"), max_length=120, blank=True)
    women_share_percent = models.PositiveSmallIntegerField(
        _("tỉ lệ nữ chủ sở hữu/thành viên (%)"), null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    woman_leader = models.BooleanField(_("người đứng đầu là nữ"), default=False)
    member_count = models.PositiveIntegerField(
        _("số thành viên"), null=True, blank=True, validators=[MaxValueValidator(100_000)]
    )
    union_unit = models.ForeignKey(
        "producers.UnionUnit", verbose_name=_("đơn vị Hội"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="producers",
    )
    registration_number = models.CharField(_("số đăng ký kinh doanh"), max_length=20, blank=True)
    # How buyers reach her, shown only when she chooses to (show_contact).
    contact_phone = models.CharField(_("số điện thoại liên hệ"), max_length=16, blank=True)
    zalo_phone = models.CharField(_("số Zalo"), max_length=16, blank=True)
    show_contact = models.BooleanField(_("hiện số điện thoại và Zalo cho người mua"), default=False)
    bank_bin = models.CharField(_("ngân hàng"), max_length=6, blank=True, choices=bank_choices)
    bank_account_number = models.CharField(
        _("số tài khoản"), max_length=19, blank=True,
        validators=[RegexValidator(r"^[0-9]{6,19}$", _("Số tài khoản gồm 6 đến 19 chữ số."))],
    )
    bank_account_name = models.CharField(_("tên chủ tài khoản"), max_length=100, blank=True)
    # Shipping of one order of this producer: the union's table by weight and destination (orders/shipping.py),
    # or her own flat fee when she set one; nothing once the subtotal reaches the threshold.
    shipping_flat_fee = models.PositiveIntegerField(
        _("phí giao hàng riêng (₫)"), null=True, blank=True,
        help_text=_("Để trống để tính theo bảng phí của Chợ (theo cân nặng và tỉnh nhận)."),
    )
    free_shipping_threshold = models.PositiveBigIntegerField(
        _("miễn phí giao hàng từ (₫)"), null=True, blank=True,
        help_text=_("Để trống nếu không miễn phí giao hàng."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration_number"], condition=~models.Q(registration_number=""),
                name="producer_registration_number_unique",
                violation_error_message=_("Số đăng ký kinh doanh này đã được dùng cho một nhà sản xuất khác."),
            ),
        ]
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
        error = registration_number_error(self.kind, self.registration_number)
        if error:
            raise ValidationError({"registration_number": error})

    @property
    def is_verified(self) -> bool:
        return self.verification_status == self.Verification.VERIFIED

    @is_verified.setter
    def is_verified(self, value: bool) -> None:
        # For demo data and tests only; real decisions go through services.verification.
        self.verification_status = self.Verification.VERIFIED if value else self.Verification.DRAFT

    @property
    def bank_name(self) -> str:
        return bank_short_name(self.bank_bin)

    @property
    def province_name(self) -> str:
        return province_name(self.province_code)

    @property
    def ward_name(self) -> str:
        return ward_name(self.ward_code)

    @property
    def contact(self) -> dict | None:
        """Her phone (to call) and Zalo (to chat), national format, when she chose to show them."""
        if not self.show_contact or not (self.contact_phone or self.zalo_phone):
            return None
        def digits(phone: str) -> str:
            return "0" + phone.removeprefix("+84") if phone else ""

        return {"phone": self.contact_phone, "phone_text": format_phone(self.contact_phone),
                "zalo": digits(self.zalo_phone or self.contact_phone),
                "zalo_text": format_phone(self.zalo_phone or self.contact_phone)}
