"""'Theo dõi': buyers who follow a producer, and the news (a new product, a new livestream) sent to them.

The producer sees only how many follow her; the addresses stay with the marketplace.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def new_follow_token() -> str:
    return secrets.token_urlsafe(24)


class ProducerFollowQuerySet(models.QuerySet):
    def active(self):
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)


class ProducerFollow(models.Model):
    """One follower of one producer: an account (her own address, confirmed at once) or a guest's email
    (confirmed by the link emailed to it). The token in every link is random and looked up here."""

    producer = models.ForeignKey("producers.Producer", on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="producer_follows",
    )
    # A guest's address; for an account, her address when she followed ("" when she has only a phone).
    email = models.EmailField(_("email"), blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_follow_token, editable=False)
    confirmed_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("bỏ theo dõi lúc"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProducerFollowQuerySet.as_manager()

    class Meta:
        verbose_name = _("người theo dõi")
        verbose_name_plural = _("người theo dõi")
        constraints = [
            models.UniqueConstraint(
                fields=["producer", "user"],
                condition=Q(user__isnull=False),
                name="producer_follow_once_per_user",
            ),
            models.UniqueConstraint(
                fields=["producer", "email"], condition=~Q(email=""), name="producer_follow_once_per_email"
            ),
        ]
        indexes = [
            models.Index(
                fields=["producer", "unsubscribed_at", "confirmed_at"], name="producer_follow_active"
            )
        ]

    def __str__(self) -> str:
        return f"{self.producer_id} ← {self.pk}"

    @property
    def active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None

    @property
    def address(self) -> str:
        """Where the news goes: the account's current address, else the one given."""
        if self.user_id and self.user.email:
            return self.user.email.lower()
        return self.email


class FollowNews(models.Model):
    """Something followers hear about once: a product published for the first time, a livestream announced.

    The unique (kind, object_id) is the first-time marker: publishing the same product again finds the row
    and sends nothing. Title, path and time are copied here so sending needs nothing from the apps above.
    """

    class Kind(models.TextChoices):
        PRODUCT = "product", _("Sản phẩm mới")
        LIVESTREAM = "live", _("Phiên live mới")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    producer = models.ForeignKey("producers.Producer", on_delete=models.CASCADE, related_name="follow_news")
    # Co-hosts of a livestream: their followers hear about it too (once per address).
    also_producers = models.ManyToManyField("producers.Producer", blank=True, related_name="+")
    title = models.CharField(max_length=200)
    path = models.CharField(max_length=300)
    starts_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("tin cho người theo dõi")
        verbose_name_plural = _("tin cho người theo dõi")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="follow_news_once")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"


class FollowNewsDelivery(models.Model):
    """The sent-marker: one piece of news to one address at most once, whichever producers she follows."""

    news = models.ForeignKey(FollowNews, on_delete=models.CASCADE, related_name="deliveries")
    email = models.EmailField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["news", "email"], name="follow_news_once_per_address")]

    def __str__(self) -> str:
        return f"{self.news_id} → {self.pk}"
