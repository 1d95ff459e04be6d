from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from producers.models import Producer


class ProducerViewSet(SnippetViewSet):
    model = Producer
    icon = "group"
    menu_label = _("Nhà sản xuất")
    menu_order = 190
    add_to_admin_menu = True
    list_display = ["name", "kind", "province_name", "is_verified"]
    list_filter = ["kind", "is_verified"]
    search_fields = ["name"]


register_snippet(ProducerViewSet)
