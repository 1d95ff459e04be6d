"""What any bank-transfer provider tells us, in our words: the matching service reads only this."""

from dataclasses import dataclass
from datetime import datetime


class BankWebhookError(Exception):
    """A webhook call refused; `status` is the HTTP answer, the message says why (for the log and the caller)."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message, self.status = message, status


@dataclass(frozen=True)
class IncomingTransfer:
    provider: str
    provider_id: str
    incoming: bool
    amount: int
    content: str
    code: str = ""  # the payment code the provider itself recognised in the content, if any
    bank: str = ""
    account_number: str = ""
    sub_account: str = ""
    bank_reference: str = ""
    transferred_at: datetime | None = None
    payload: dict | None = None
