"""Wagtail's own Vietnamese catalogue leaves "Create", "Save" and "New: …" in English; the programmes'
forms say them in Vietnamese."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class CreateLabels:
    submit_button_label = gettext_lazy("Lưu")

    def get_breadcrumbs_items(self):
        items = super().get_breadcrumbs_items()
        items[-1] = {"url": "", "label": _("Thêm %(name)s") % {"name": self.model._meta.verbose_name}}
        return items


class EditLabels:
    submit_button_label = gettext_lazy("Lưu")
