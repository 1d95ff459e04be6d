from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


def _sync_news_editor(sender, instance, **kwargs):
    from cms.news_access import news_editor_sync

    news_editor_sync(instance.user)


def _navigation_saved(created=False, **kwargs):
    from marketplace.core import cache_version

    if not created:  # the first page view creates the empty settings row: nothing visible changed
        cache_version.bump()


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Trang nội dung")

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        from cms.models import SiteNavigation
        from marketplace.core import cache_version
        from producers.models import UnionStaff

        # An officer attached to a unit (or moved, or detached) writes news where her unit does.
        post_save.connect(_sync_news_editor, sender=UnionStaff, dispatch_uid="cms_news_editor_on_save")
        post_delete.connect(_sync_news_editor, sender=UnionStaff, dispatch_uid="cms_news_editor_on_delete")
        # Kept public pages (marketplace/core/page_cache.py) show the home page, menus and footer.
        page_published.connect(cache_version.bump_receiver, dispatch_uid="cms_drop_pages_on_publish")
        page_unpublished.connect(cache_version.bump_receiver, dispatch_uid="cms_drop_pages_on_unpublish")
        post_save.connect(_navigation_saved, sender=SiteNavigation, dispatch_uid="cms_drop_pages_on_navigation")
