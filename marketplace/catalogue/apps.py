from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


def _variant_saved(sender, instance, **kwargs):
    """A variant saved with stock (the seller's product form, the stock page) sends its waiting alerts at once;
    stock given back by a cancelled order is caught by beat's sweep."""
    if instance.stock > 0 and instance.stock_alerts.filter(sent_at__isnull=True).exists():
        from django.db import transaction

        from marketplace.catalogue.tasks import send_stock_alerts

        transaction.on_commit(send_stock_alerts.delay, robust=True)


class CatalogueConfig(AppConfig):
    name = "marketplace.catalogue"
    label = "catalogue"
    verbose_name = _("Danh mục sản phẩm")

    def ready(self):
        from marketplace.catalogue.models import Category, ProductImage, ProductVariant
        from marketplace.core import cache_version
        from producers.models import Producer, ProducerFollow

        post_save.connect(_variant_saved, sender=ProductVariant, dispatch_uid="catalogue_stock_alerts")
        # Public pages kept for visitors (marketplace/core/page_cache.py) show categories, photos, variants
        # and the producer's profile and follower count: any change to them drops every kept page.
        cache_version.bump_on_change(Category, ProductImage, ProductVariant, Producer, ProducerFollow,
                                     uid="catalogue_drop_pages")
