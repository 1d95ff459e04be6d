"""A stand-in for SePay: builds its webhook JSON, signs it as SePay does, and posts it.

The signature is computed here from the published scheme (HMAC-SHA256 of "<timestamp>.<raw body>", hex, in
X-SePay-Signature, with the Unix time in X-SePay-Timestamp), not with the application's own code, so a
test proves the two agree. Used by the Django test client (`signed_headers`) and, against a live server,
by an end-to-end test or by hand:

    python -m tests.payments.bank_stub http://127.0.0.1:8051 CPN-2026-000123 130000 0123456789
"""

import hashlib
import hmac
import itertools
import json
import sys
import time
import urllib.error
import urllib.request

SECRET = "sepay-test-secret"
API_KEY = "sepay-test-apikey"
WEBHOOK_PATH = "/payments/sepay/webhook/"
_ids = itertools.count(90_001)


def transfer(
    *,
    content: str,
    amount: int,
    account: str = "0123456789",
    transfer_type: str = "in",
    id: int | None = None,
    code=None,
) -> dict:
    """One bank movement as SePay reports it."""
    return {
        "id": next(_ids) if id is None else id,
        "gateway": "Vietcombank",
        "transactionDate": "2026-12-04 09:15:00",
        "accountNumber": account,
        "code": code,
        "content": content,
        "transferType": transfer_type,
        "transferAmount": amount,
        "accumulated": 19_077_000,
        "subAccount": None,
        "referenceCode": f"FT{next(_ids)}",
        "description": f"BankAPINotify {content}",
    }


def body_of(payload: dict) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def signed_headers(body: bytes, *, secret: str = SECRET, timestamp: int | None = None) -> dict:
    stamp = int(time.time()) if timestamp is None else timestamp
    signature = hmac.new(secret.encode(), f"{stamp}.".encode() + body, hashlib.sha256).hexdigest()
    return {"X-SePay-Timestamp": str(stamp), "X-SePay-Signature": signature}


def post_live(base_url: str, payload: dict, *, secret: str = SECRET) -> tuple[int, dict]:
    """POST a signed webhook to a running server; returns (status, JSON answer)."""
    body = body_of(payload)
    request = urllib.request.Request(
        base_url.rstrip("/") + WEBHOOK_PATH,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", **signed_headers(body, secret=secret)},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


if __name__ == "__main__":
    url, number, amount, account = sys.argv[1:5]
    print(post_live(url, transfer(content=f"{number} chuyen tien", amount=int(amount), account=account)))
