from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ProducersConfig(AppConfig):
    name = "producers"
    verbose_name = _("Nhà sản xuất")

    def ready(self):
        from producers.staff_group import union_staff_group_on_migrate

        # After every migrate: the "Cán bộ Hội" admin group exists with its permissions.
        post_migrate.connect(union_staff_group_on_migrate, sender=self, dispatch_uid="producers_union_staff_group")
