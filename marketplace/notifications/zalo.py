"""Zalo Notification Service (ZNS), and only ZNS: an approved template message to a phone number.

API (developers.zalo.me, "Gửi ZNS"): POST {ZALO_ZNS_URL}/message/template, header `access_token`
(the Official Account's token), JSON {"phone": "84912345678", "template_id", "template_data": {...},
"tracking_id"}; the answer is {"error": 0, "message": "Success", "data": {"msg_id", "sent_time", ...}}
or a negative `error` with a message.

Errors that no retry will cure (the person is not on Zalo, refused ZNS, the number is wrong, the
template is not approved) send the message down the SMS fallback; others (quota, Zalo busy, token
being renewed) are tried again later.
"""

import requests
from django.conf import settings

from marketplace.notifications.errors import SendError

TIMEOUT_SECONDS = 15
PATH = "/message/template"
# -108 invalid phone, -118 no Zalo account or inactive, -119 account cannot receive ZNS,
# -124 token invalid (needs staff), -131/-132 template not approved or wrong params, -139 user refused ZNS.
PERMANENT_ERRORS = {-108, -118, -119, -124, -131, -132, -139}


def template_for(kind: str) -> str:
    return settings.ZALO_ZNS_TEMPLATES.get(kind, "")


def available(kind: str) -> bool:
    return bool(settings.ZALO_ZNS_ACCESS_TOKEN and template_for(kind))


def send(phone: str, template_id: str, params: dict, *, tracking_id: str) -> str:
    """Send one ZNS message to "+84…"; return Zalo's msg_id or raise SendError."""
    body = {"phone": phone.removeprefix("+"), "template_id": template_id,
            "template_data": {key: str(value) for key, value in params.items()}, "tracking_id": tracking_id}
    try:
        response = requests.post(settings.ZALO_ZNS_URL + PATH, json=body, timeout=TIMEOUT_SECONDS,
                                 headers={"access_token": settings.ZALO_ZNS_ACCESS_TOKEN})
        answer = response.json()
    except (requests.RequestException, ValueError) as error:
        raise SendError(f"Zalo: {error.__class__.__name__}") from error
    error = answer.get("error")
    if error == 0:
        return str((answer.get("data") or {}).get("msg_id", ""))
    message = f"Zalo {error}: {answer.get('message', '')}"[:500]
    raise SendError(message, permanent=error in PERMANENT_ERRORS)
