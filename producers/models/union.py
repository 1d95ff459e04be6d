from django.conf import settings
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from marketplace.accounts.phone import format_phone


class UnionUnit(MP_Node):
    """A unit of the Women's Union: central → province → ward/commune → branch (chi hội).

    A staff member attached to a unit acts on its whole subtree: `path` prefix matching.
    """

    class Level(models.IntegerChoices):
        CENTRAL = 0, _("Trung ương")
        PROVINCE = 1, _("Tỉnh/thành phố")
        COMMUNE = 2, _("Phường/xã")
        BRANCH = 3, _("Chi hội")

    name = models.CharField(_("tên"), max_length=200)
    level = models.PositiveSmallIntegerField(_("cấp"), choices=Level.choices)
    province_code = models.PositiveSmallIntegerField(_("mã tỉnh"), null=True, blank=True, db_index=True)
    ward_code = models.PositiveIntegerField(_("mã phường/xã"), null=True, blank=True, db_index=True)

    node_order_by = ["name"]

    class Meta:
        verbose_name = _("đơn vị Hội")
        verbose_name_plural = _("đơn vị Hội")
        constraints = [
            models.UniqueConstraint(
                fields=["level", "province_code", "ward_code"],
                condition=models.Q(level__lt=3),
                name="union_unit_one_per_division",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def covers(self, other: "UnionUnit") -> bool:
        return other.path.startswith(self.path)


class UnionStaff(models.Model):
    """A union officer (cán bộ Hội), attached to one unit and acting on its subtree."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="union_staff")
    unit = models.ForeignKey(UnionUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="staff")
    title = models.CharField(_("chức danh"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("cán bộ Hội")
        verbose_name_plural = _("cán bộ Hội")

    def __str__(self) -> str:
        return f"{self.user} — {self.unit}"

    @admin.display(description=_("đăng nhập bằng"))
    def sign_in(self) -> str:
        """What she signs in with (her phone as she reads it, or her email), beside her name in the staff list."""
        return format_phone(self.user.phone) or self.user.email or ""
