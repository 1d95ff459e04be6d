"""eSMS.vn, and only eSMS.vn: one customer-care SMS per request under our registered brand name.

API (https://developers.esms.vn, "Send OTP/Customer care message"):
POST {ESMS_URL}/MainService.svc/json/SendMultipleMessage_V4_post_json/ with a JSON body
{"ApiKey", "SecretKey", "Brandname", "SmsType": "2" (customer care), "Phone", "Content",
 "IsUnicode": "0", "RequestId"} and the answer {"CodeResult": "100", "SMSID": "..."} when taken,
else another CodeResult with "ErrorMessage".

We send unaccented text (IsUnicode 0): a GSM SMS holds 160 characters, a Unicode one only 70, and
Vietnamese with diacritics is Unicode — so texts are short, their accents removed here, and cut at 160.
RequestId is the delivery's own id: eSMS refuses a second request with the same one, so a retry after
a lost answer does not send twice.
"""

import unicodedata

import requests
from django.conf import settings

from marketplace.notifications.errors import SendError

TIMEOUT_SECONDS = 15
PATH = "/MainService.svc/json/SendMultipleMessage_V4_post_json/"
SMS_TYPE_CUSTOMER_CARE = "2"
GSM_LIMIT = 160
ACCEPTED = "100"
# Codes worth another try later (eSMS's table): 99 unknown error, 103 account balance too low.
TEMPORARY_CODES = {"99", "103"}


def available() -> bool:
    return settings.SMS_PROVIDER == "esms" and bool(settings.ESMS_API_KEY and settings.ESMS_SECRET_KEY)


def unaccented(text: str) -> str:
    """"Đơn hàng đã giao" -> "Don hang da giao": what a GSM-7 SMS can carry."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.encode("ascii", "ignore").decode().split())


def sms_text(text: str) -> str:
    plain = unaccented(text)
    return plain if len(plain) <= GSM_LIMIT else plain[: GSM_LIMIT - 3].rstrip() + "..."


def send(phone: str, text: str, *, request_id: str) -> str:
    """Send one SMS to "+84…"; return eSMS's SMSID or raise SendError."""
    body = {
        "ApiKey": settings.ESMS_API_KEY,
        "SecretKey": settings.ESMS_SECRET_KEY,
        "Brandname": settings.ESMS_BRANDNAME,
        "SmsType": SMS_TYPE_CUSTOMER_CARE,
        "Phone": "0" + phone.removeprefix("+84") if phone.startswith("+84") else phone,
        "Content": sms_text(text),
        "IsUnicode": "0",
        "RequestId": request_id,
    }
    try:
        response = requests.post(settings.ESMS_URL + PATH, json=body, timeout=TIMEOUT_SECONDS)
        answer = response.json()
    except (requests.RequestException, ValueError) as error:
        raise SendError(f"eSMS: {error.__class__.__name__}") from error
    code = str(answer.get("CodeResult", ""))
    if code == ACCEPTED:
        return str(answer.get("SMSID", ""))
    message = f"eSMS {code}: {answer.get('ErrorMessage', '')}"[:500]
    raise SendError(message, permanent=code not in TEMPORARY_CODES and response.status_code < 500)
