class PaymentError(Exception):
    """A payment that cannot be made or recorded; the message is for the user, in the active language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
