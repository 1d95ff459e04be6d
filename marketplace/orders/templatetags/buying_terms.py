"""What a buyer weighs beside the price on a product page: this producer's shipping fee (by weight, to the
buyer's province when known) and free-shipping threshold, when it arrives, how she can pay, and what if it
arrives broken; and the cart's fees per producer. A template tag of the orders app because these are order
rules; the catalogue's and the cart's pages load it without importing orders."""

from django import template
from django.conf import settings

from marketplace.core.geography import province_choices, province_name
from marketplace.orders.card_gateway import card_available
from marketplace.orders.models import Checkout
from marketplace.orders.selectors import checkout_cost, producer_has_bank_account, ship_to_province
from marketplace.orders.shipping import Zone, free_over_threshold, item_grams, rate_table, zone_between

register = template.Library()


@register.inclusion_tag("orders/_buying_terms.html", takes_context=True)
def buying_terms(context, product):
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
        **_product_shipping(context.get("request"), product),
        "threshold": producer.free_shipping_threshold,
        "free_now": free_over_threshold(producer, product.price),
        "fastest": fastest,
        "slowest": slowest,
        "payments": payments,
        "return_days": settings.RETURN_DAYS,
        "csrf_token": context.get("csrf_token"),
    }


def _product_shipping(request, product) -> dict:
    """One item of the cheapest option: its fee to the buyer's province when known, else the range from
    inside the producer's province to the far end of the country (her own flat fee is one number)."""
    producer = product.producer
    if producer.shipping_flat_fee is not None:
        return {"fee": producer.shipping_flat_fee, "destination": None}
    variants = list(product.variants.all())
    cheapest = min(variants, key=lambda v: (v.price, v.sort_order, v.pk), default=None)
    grams = item_grams(cheapest.weight_grams if cheapest else 0)
    table = rate_table()
    destination = ship_to_province(request) if request is not None else None
    ship_to = {"provinces": province_choices(), "destination": destination, "next": product.get_absolute_url()}
    if destination is not None:
        return {"fee": table.fee(zone_between(producer.province_code, destination), grams),
                "destination": province_name(destination), "ship_to": ship_to}
    return {"fee": table.fee(Zone.INNER, grams), "fee_far": table.fee(Zone.FAR, grams), "destination": None,
            "ship_to": ship_to}


@register.simple_tag(takes_context=True)
def cart_shipping(context, cart):
    """The cart's fees per producer to the "Giao đến" province, and the province select (cart/_cart_body.html)."""
    request = context.get("request")
    destination = ship_to_province(request) if request is not None else None
    return {
        "cost": checkout_cost(cart, destination),
        "destination": destination,
        "destination_name": province_name(destination),
        "provinces": province_choices(),
    }


@register.filter
def group_cost(cost, producer_id):
    """`{{ shipping.cost|group_cost:producer.pk }}`: this producer's fee in the cart, or None."""
    return cost.for_producer(producer_id)


@register.filter
def kilograms(grams) -> str:
    """A parcel's weight as a buyer reads it: "800 g", "1,5 kg"."""
    grams = int(grams or 0)
    if grams < 1000:
        return f"{grams} g"
    return f"{grams / 1000:.1f}".rstrip("0").rstrip(".").replace(".", ",") + " kg"
