from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LivestreamsConfig(AppConfig):
    name = "marketplace.livestreams"
    label = "livestreams"
    verbose_name = _("Bán hàng qua livestream")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from marketplace.core import cache_version
        from marketplace.livestreams.models import LiveSession, PinnedProduct

        # Live banners, /live/ and session pages are kept for visitors (marketplace/core/page_cache.py):
        # a session scheduled, started, ended or re-pinned must show at once.
        cache_version.bump_on_change(LiveSession, PinnedProduct, uid="live_drop_pages")
