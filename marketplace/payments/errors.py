from marketplace.orders.errors import OrderError


class PaymentError(OrderError):
    """A payment that cannot be made or recorded; the message is for the user, in the active language.

    An OrderError, so that checkout, which knows the card gateway only through orders.card_gateway,
    answers a refused payment as it answers any refused order."""
