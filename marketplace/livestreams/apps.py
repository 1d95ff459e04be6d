from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


def _drop_kept_pages(**kwargs):
    # Live banners, /live/ and session pages are kept for visitors (marketplace/core/page_cache.py):
    # a session scheduled, started, ended or re-pinned must show at once.
    from marketplace.core import cache_version

    cache_version.bump()


class LivestreamsConfig(AppConfig):
    name = "marketplace.livestreams"
    label = "livestreams"
    verbose_name = _("Bán hàng qua livestream")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from marketplace.livestreams.models import LiveSession, PinnedProduct

        for model in (LiveSession, PinnedProduct):
            post_save.connect(_drop_kept_pages, sender=model, dispatch_uid=f"live_drop_pages_save_{model.__name__}")
            post_delete.connect(_drop_kept_pages, sender=model, dispatch_uid=f"live_drop_pages_delete_{model.__name__}")
