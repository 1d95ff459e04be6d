"""SePay, and only SePay: how its webhook call proves it comes from SePay, and what its JSON says.

SePay posts one JSON object per bank movement:
{"id", "gateway", "transactionDate", "accountNumber", "code", "content", "transferType": "in"|"out",
"transferAmount", "accumulated", "subAccount", "referenceCode", "description"}.

Authentication is chosen in SePay's dashboard and mirrored in our settings:
- HMAC-SHA256 (SEPAY_WEBHOOK_SECRET, preferred): header X-SePay-Timestamp (Unix seconds) and
  X-SePay-Signature, the hex HMAC-SHA256 of "<timestamp>.<raw body>" ("sha256=" prefix allowed);
  a timestamp more than five minutes away from our clock is refused, so a captured call cannot be replayed later.
- API key (SEPAY_API_KEY, only when no secret is set): header "Authorization: Apikey <key>".
"""

import hashlib
import hmac
import json
import time
from datetime import datetime

from django.conf import settings
from django.utils import timezone

from marketplace.payments.bank_transfers.incoming import BankWebhookError, IncomingTransfer

PROVIDER = "sepay"
TIMESTAMP_WINDOW_SECONDS = 300
MAX_AMOUNT = 10**13
MAX_CONTENT = 2000


def sepay_enabled() -> bool:
    return settings.BANK_WEBHOOK_PROVIDER == PROVIDER and bool(
        settings.SEPAY_WEBHOOK_SECRET or settings.SEPAY_API_KEY
    )


def sepay_verify(*, headers, body: bytes, now: float | None = None) -> None:
    """Return if the call is SePay's, or raise BankWebhookError (401)."""
    secret = settings.SEPAY_WEBHOOK_SECRET
    if secret:
        _verify_hmac(secret, headers, body, time.time() if now is None else now)
        return
    given = headers.get("Authorization", "")
    scheme, _space, key = given.partition(" ")
    if scheme.lower() != "apikey" or not hmac.compare_digest(
        key.strip().encode(), settings.SEPAY_API_KEY.encode()
    ):
        raise BankWebhookError("bad api key", status=401)


def sepay_sign(*, secret: str, body: bytes, timestamp: int) -> str:
    """The signature SePay puts on `body` (used by our own checks and the local stub)."""
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def _verify_hmac(secret: str, headers, body: bytes, now: float) -> None:
    stamp = headers.get("X-SePay-Timestamp", "").strip()
    if not (stamp.isascii() and stamp.isdigit() and len(stamp) <= 12):
        raise BankWebhookError("missing or bad timestamp", status=401)
    if abs(now - int(stamp)) > TIMESTAMP_WINDOW_SECONDS:
        raise BankWebhookError("stale timestamp", status=401)
    signature = headers.get("X-SePay-Signature", "").strip().removeprefix("sha256=")
    expected = sepay_sign(secret=secret, body=body, timestamp=int(stamp))
    if not hmac.compare_digest(signature.encode(), expected.encode()):
        raise BankWebhookError("bad signature", status=401)


def sepay_parse(body: bytes) -> IncomingTransfer:
    """The transfer in SePay's JSON, or BankWebhookError (400) for anything not shaped like it."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as error:  # UnicodeDecodeError is a ValueError; [[[[…]]]] recurses
        raise BankWebhookError("body is not JSON") from error
    if not isinstance(data, dict):
        raise BankWebhookError("body is not a JSON object")
    if _has_nul(data):
        raise BankWebhookError("NUL character in body")  # no database stores it as text
    provider_id = data.get("id")
    if (
        isinstance(provider_id, bool)
        or not isinstance(provider_id, int | str)
        or not str(provider_id).strip()
    ):
        raise BankWebhookError("id missing")
    provider_id = str(provider_id).strip()
    amount = data.get("transferAmount")
    if isinstance(amount, float) and amount.is_integer():
        amount = int(amount)
    if isinstance(amount, bool) or not isinstance(amount, int) or not 0 <= amount < MAX_AMOUNT:
        raise BankWebhookError("transferAmount must be a whole number of đồng")
    if data.get("transferType") not in {"in", "out"}:
        raise BankWebhookError("transferType must be in or out")
    content = data.get("content")
    if content is None:
        content = data.get("description") or ""
    if len(provider_id) > 64 or not isinstance(content, str) or len(content) > MAX_CONTENT:
        raise BankWebhookError("id or content too long")
    return IncomingTransfer(
        provider=PROVIDER,
        provider_id=provider_id,
        incoming=data["transferType"] == "in",
        amount=amount,
        content=content,
        code=_text(data.get("code"), 64),
        bank=_text(data.get("gateway"), 80),
        account_number=_text(data.get("accountNumber"), 32),
        sub_account=_text(data.get("subAccount"), 32),
        bank_reference=_text(data.get("referenceCode"), 80),
        transferred_at=_when(data.get("transactionDate")),
        payload=data,
    )


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(key) or _has_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_has_nul(item) for item in value)
    return False


def _text(value, limit: int) -> str:
    return str(value).strip()[:limit] if isinstance(value, str | int) and not isinstance(value, bool) else ""


def _when(value) -> datetime | None:
    """SePay writes the bank's local time ("2026-12-04 14:02:37"), Vietnam's."""
    try:
        moment = datetime.strptime(str(value), "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None
    return timezone.make_aware(moment, timezone.get_default_timezone())
