from django.apps import AppConfig


class CartConfig(AppConfig):
    name = "marketplace.cart"
    label = "cart"
    verbose_name = "Giỏ hàng"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from marketplace.cart.context_processors import fill_kept_count
        from marketplace.cart.services import merge_cart_at_login
        from marketplace.cart.session_store import SESSION_KEY, SHIP_TO_KEY
        from marketplace.core.page_cache import share_with_guests

        user_logged_in.connect(merge_cart_at_login, dispatch_uid="cart_merge_on_login")
        # A guest with a cart still shares the kept pages: the fees on them follow her province.
        share_with_guests(SESSION_KEY, fill=fill_kept_count)
        share_with_guests(SHIP_TO_KEY, varies_page=True)
