from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "marketplace.payments"
    label = "payments"
    verbose_name = _("Thanh toán")

    def ready(self):
        from marketplace.orders.card_gateway import card_gateway_register
        from marketplace.payments import stripe_gateway

        # The module itself: its functions are looked up at each call.
        card_gateway_register(stripe_gateway)
