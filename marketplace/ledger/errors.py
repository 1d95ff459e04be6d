class LedgerError(Exception):
    """A ledger write refused, with a message for the person who asked."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
