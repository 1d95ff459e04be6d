class LiveError(Exception):
    """A livestream rule refused the change; the message is shown to the user as it is."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class LiveCapExhausted(LiveError):
    """Fewer live-price places (suất) are left than a buyer asks for; placement turns it into its own error."""
