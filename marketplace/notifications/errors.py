"""How a channel adapter says a message did not go."""


class SendError(Exception):
    """The provider refused or could not be reached; `permanent` means trying again will not help."""

    def __init__(self, message: str, *, permanent: bool = False):
        super().__init__(message)
        self.permanent = permanent
