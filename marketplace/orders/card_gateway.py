"""The card gateway as checkout sees it.

The Stripe module lives above this app (marketplace/payments) and registers itself here when the
project starts (PaymentsConfig.ready), so checkout can offer the card and send the buyer to pay
without importing it. Nothing registered, or no keys set: the card is shown as unavailable.
"""

from typing import Protocol

from marketplace.orders.models import Checkout


class CardGateway(Protocol):
    def card_available(self) -> bool: ...

    def checkout_session_start(self, *, checkout: Checkout, success_url: str, cancel_url: str) -> str: ...


_gateway: CardGateway | None = None


def card_gateway_register(gateway: CardGateway) -> None:
    global _gateway
    _gateway = gateway


def card_available() -> bool:
    return _gateway is not None and _gateway.card_available()


def card_payment_start(*, checkout: Checkout, success_url: str, cancel_url: str) -> str:
    """The address to send the buyer to for paying the checkout's open orders; OrderError when refused."""
    return _gateway.checkout_session_start(checkout=checkout, success_url=success_url, cancel_url=cancel_url)
