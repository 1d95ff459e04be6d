"""What a buyer weighs beside the price on a product page: this producer's shipping fee and free-shipping
threshold, when it arrives, how she can pay, and what if it arrives broken. A template tag of the orders
app because these are order rules; the catalogue's page loads it without importing orders."""

from django import template
from django.conf import settings

from marketplace.orders.card_gateway import card_available
from marketplace.orders.models import Checkout
from marketplace.orders.selectors import producer_has_bank_account
from marketplace.orders.shipping import shipping_fee

register = template.Library()


@register.inclusion_tag("orders/_buying_terms.html")
def buying_terms(product):
    producer = product.producer
    methods = Checkout.PaymentMethod
    payments = [methods.COD.label]
    if producer_has_bank_account(producer):
        payments.append(methods.VIETQR.label)
    if card_available():
        payments.append(methods.CARD.label)
    fastest, slowest = settings.DELIVERY_ESTIMATE_DAYS
    return {
        "producer": producer,
        "fee": producer.shipping_flat_fee,
        "threshold": producer.free_shipping_threshold,
        "free_now": producer.free_shipping_threshold is not None and product.price >= producer.free_shipping_threshold,
        "fastest": fastest,
        "slowest": slowest,
        "payments": payments,
        "return_days": settings.RETURN_DAYS,
    }


@register.simple_tag
def shipping_quote(producer, subtotal: int) -> dict:
    """The cart's line per producer: her fee for this subtotal, and how much more makes it free."""
    threshold = producer.free_shipping_threshold
    short = threshold - subtotal if threshold is not None and subtotal < threshold else 0
    return {"fee": shipping_fee(producer=producer, subtotal=subtotal), "short_of_free": short}


@register.simple_tag
def cart_total_with_shipping(cart) -> int:
    return cart.total + sum(shipping_fee(producer=group.producer, subtotal=group.subtotal) for group in cart.groups)
