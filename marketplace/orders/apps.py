from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrdersConfig(AppConfig):
    name = "marketplace.orders"
    label = "orders"
    verbose_name = _("Đơn hàng")

    def ready(self):
        from marketplace.core import cache_version
        from marketplace.core.page_cache import share_with_guests
        from marketplace.orders.models import ShippingRate
        from marketplace.orders.selectors import SESSION_CHECKOUTS

        share_with_guests(SESSION_CHECKOUTS)  # her recent orders' references show on their own pages only
        cache_version.bump_on_change(ShippingRate, uid="orders")  # product pages show fees from the table
