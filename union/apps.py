from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnionConfig(AppConfig):
    name = "union"
    verbose_name = _("Cán bộ Hội")
