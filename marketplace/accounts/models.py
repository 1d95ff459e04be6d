from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.phone import format_phone


class User(AbstractUser):
    """A person: buyer, seller or union staff. Signs in with a phone number (+84…) or an email.

    Both are optional but unique when given; the producers issue adds sign-up with either.
    """

    email = models.EmailField(_("email"), unique=True, null=True, blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=16, unique=True, null=True, blank=True)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """How people are named wherever staff and sellers read about them (history, decisions, exports): the
        name she gave, else her phone as she reads it ("0912 345 678"), else her email; never "sdt84…"."""
        return self.get_full_name() or format_phone(self.phone) or self.email or self.username

    def save(self, *args, **kwargs):
        # Empty strings would collide on the unique indexes; store "no email/phone" as NULL.
        self.email = self.email or None
        self.phone = self.phone or None
        super().save(*args, **kwargs)
