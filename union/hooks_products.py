"""Products in the Wagtail admin: union staff see the products of their unit and hide or restore them
with a reason; the full edit form stays with superusers (the text is the seller's)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.widgets import ListingButton
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from marketplace.catalogue.models import Product
from marketplace.core.text import normalise
from union import views as staff_views
from union.permissions import policies
from union.scoping import ScopedListedObjectMixin, scoped, scoped_chooser_viewset


def search_products(products, query: str):
    # search_text is kept accent-free, so "nuoc mam" finds "Nước mắm" (the search index could not
    # filter on the officer's union path).
    return products.filter(search_text__contains=normalise(query))


class ProductIndexView(snippet_views.IndexView):
    def search_queryset(self, queryset):
        return search_products(queryset, self.search_query) if self.is_searching else queryset

    def get_list_buttons(self, instance):
        buttons = super().get_list_buttons(instance)
        if policy_registry.get(instance).user_has_permission(self.request.user, "moderate"):
            name = "restore" if instance.staff_hidden else "hide"
            label = _("Hiện lại") if instance.staff_hidden else _("Ẩn")
            buttons.insert(0, ListingButton(label, url=reverse(f"wagtailsnippets_catalogue_product:{name}",
                                                               args=[instance.pk])))
        return buttons


class ProductViewSet(SnippetViewSet):
    model = Product
    icon = "pick"
    menu_label = _("Sản phẩm")
    menu_order = 200
    add_to_admin_menu = True
    menu_item_is_registered = True  # not on the Snippets page, whose counts are not scoped
    index_view_class = ProductIndexView
    inspect_view_enabled = True
    inspect_view_class = staff_views.ProductInspectView
    edit_view_class = scoped(snippet_views.EditView, "change")
    delete_view_class = scoped(snippet_views.DeleteView, "delete")
    usage_view_class = scoped(snippet_views.UsageView, "view", "change", mixin=ScopedListedObjectMixin)
    history_view_class = scoped(snippet_views.HistoryView, "view", "change", mixin=ScopedListedObjectMixin)
    copy_view_enabled = False
    chooser_viewset_class = scoped_chooser_viewset(search=search_products)
    list_display = ["name", "producer", "category", "price", "stock_total", "status", "staff_hidden"]
    list_filter = ["status", "staff_hidden", "category"]
    search_fields = ["name"]
    search_backend_name = None
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

    def get_queryset(self, request):
        return policies()[Product].instances_user_has_any_permission_for(request.user, ["view", "change"])

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("hide/<int:pk>/", staff_views.ProductModerationView.as_view(), name="hide"),
            path("restore/<int:pk>/", staff_views.ProductRestoreView.as_view(), name="restore"),
        ]


register_snippet(ProductViewSet)
