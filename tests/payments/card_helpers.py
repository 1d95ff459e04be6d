"""Card checkouts for the Stripe tests: placed the real way, paid through a signed webhook."""

from marketplace.orders.models import Checkout
from marketplace.payments.models import CardPayment
from marketplace.payments.stripe_gateway import checkout_session_start
from tests.factories import ProductFactory
from tests.orders.conftest import place
from tests.payments.stripe_stub import post_event, session_event

SUCCESS_URL = "https://cho.example.vn/checkout/done/?session={CHECKOUT_SESSION_ID}"
CANCEL_URL = "https://cho.example.vn/checkout/"


def variant(price: int = 100_000, stock: int = 10):
    # The seller's own flat fee (not the weight table) keeps the amounts of these payment tests round.
    return ProductFactory(producer__shipping_flat_fee=30_000, variants=[{"price": price, "stock": stock}]).variants.get()


def card_checkout(*lines) -> Checkout:
    """A card checkout of the given (variant, quantity) lines, one order per producer, awaiting payment."""
    return place([(v.pk, quantity) for v, quantity in lines], payment_method="card")


def start(checkout: Checkout) -> str:
    return checkout_session_start(checkout=checkout, success_url=SUCCESS_URL, cancel_url=CANCEL_URL)


def pay(client, checkout: Checkout, *, payment_intent: str = "pi_test_1"):
    """Open the Stripe session and have Stripe report it paid; returns the webhook response."""
    start(checkout)
    session_id = CardPayment.objects.get(checkout=checkout).session_id
    return post_event(client, session_event("checkout.session.completed", checkout, session_id=session_id,
                                            payment_intent=payment_intent))
