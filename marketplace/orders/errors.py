class OrderError(Exception):
    """A refused checkout or status change; the message is for the user, in the active language."""

    def __init__(self, message: str, *, variant_id: int | None = None):
        super().__init__(message)
        self.message = message
        # The cart line at fault, so the cart can point at it (too few in stock, no longer sold).
        self.variant_id = variant_id
