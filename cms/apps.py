from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


def _sync_news_editor(sender, instance, **kwargs):
    from cms.news_access import news_editor_sync

    news_editor_sync(instance.user)


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Trang nội dung")

    def ready(self):
        from producers.models import UnionStaff

        # An officer attached to a unit (or moved, or detached) writes news where her unit does.
        post_save.connect(_sync_news_editor, sender=UnionStaff, dispatch_uid="cms_news_editor_on_save")
        post_delete.connect(_sync_news_editor, sender=UnionStaff, dispatch_uid="cms_news_editor_on_delete")
