from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from marketplace.catalogue.models import Product


class ProductViewSet(SnippetViewSet):
    model = Product
    icon = "pick"
    menu_label = _("Sản phẩm")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "producer", "category", "price", "stock_total", "status"]
    list_filter = ["status", "category"]
    search_fields = ["name"]
    panels = [
        FieldPanel("producer"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("category"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("origin_province_code"), FieldPanel("origin_ward_code"), FieldPanel("unit")],
            heading=_("Xuất xứ"),
        ),
        FieldPanel("status"),
        InlinePanel("variants", label=_("Phân loại"), min_num=1),
        InlinePanel("images", label=_("Ảnh")),
    ]


register_snippet(ProductViewSet)
