from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LivestreamsConfig(AppConfig):
    name = "marketplace.livestreams"
    label = "livestreams"
    verbose_name = _("Bán hàng qua livestream")
    default_auto_field = "django.db.models.BigAutoField"
