class ProgrammeError(Exception):
    """A rule of the union's programmes refused the change; the message is shown as it is."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
