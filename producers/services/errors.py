class ProducerError(Exception):
    """A rule of the producers domain refused the change; the message is shown to the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
