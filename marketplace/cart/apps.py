from django.apps import AppConfig


class CartConfig(AppConfig):
    name = "marketplace.cart"
    label = "cart"
    verbose_name = "Giỏ hàng"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from marketplace.cart.services import merge_cart_at_login

        user_logged_in.connect(merge_cart_at_login, dispatch_uid="cart_merge_on_login")
