from marketplace.orders.errors import OrderError


class DeliveryError(OrderError):
    """A shipment that cannot be quoted, created or tracked; the message is for the user, in the active language.

    An OrderError, so the seller's order page answers it as any refused move of the order."""
