"""Giao Hàng Nhanh (GHN), and only GHN: its HTTP API and its callback.

API (https://api.ghn.vn/home/docs): JSON over HTTPS, headers `Token` (the account's API token) and
`ShopId` (the shop the parcels belong to); every answer is {"code": 200, "message": ..., "data": {...}},
an error has another code and a message (often in Vietnamese) that we show the seller.
- POST /shiip/public-api/v2/shipping-order/fee     -> data.total (and service_fee, insurance_fee…)
- POST /shiip/public-api/v2/shipping-order/create  -> data.order_code, total_fee, expected_delivery_time
- POST /shiip/public-api/v2/a5/gen-token            -> data.token (valid about 30 minutes)
- GET  /a5/public-api/printA5?token=…               the label page the seller prints (opened in her browser)

Addresses: Vietnam's 2025 reform left two tiers (province, ward) and our addresses carry no district.
GHN's id-based fields (to_district_id, to_ward_code) need GHN's own master data; instead we send
names — to_province_name, to_ward_name, to_address (and the same from_* for the producer's pickup),
which GHN's newer API matches itself — and leave the district out. If GHN cannot place a name it
answers an error the seller sees.

Callback: GHN posts {"OrderCode", "Status", "Time", "Type", "ShopID", "CODAmount", ...} and retries
non-2xx answers. It is not signed, so the URL registered with GHN carries a secret
(/delivery/ghn/webhook/<GHN_WEBHOOK_SECRET>/), compared in constant time, and ShopID must be ours.
"""

import hmac
from dataclasses import dataclass
from datetime import datetime

import requests
from django.conf import settings
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from marketplace.delivery.errors import DeliveryError

TIMEOUT_SECONDS = 15
SERVICE_TYPE_STANDARD = 2  # GHN's "hàng nhẹ" e-commerce service
PAYMENT_TYPE_SHOP_PAYS = 1  # the marketplace pays GHN; the buyer already paid the shipping fee to us
REQUIRED_NOTE = "CHOXEMHANGKHONGTHU"  # the buyer may look inside the parcel, not try the goods
MAX_COD = 50_000_000  # GHN's ceiling on cash collected per parcel


@dataclass(frozen=True)
class Parcel:
    """What GHN needs to quote and carry one order."""

    client_order_code: str
    to_name: str
    to_phone: str
    to_address: str
    to_ward_name: str
    to_province_name: str
    from_name: str
    from_phone: str
    from_address: str
    from_ward_name: str
    from_province_name: str
    weight_grams: int
    cod_amount: int
    insurance_value: int
    content: str
    note: str
    items: tuple  # ({"name", "code", "quantity", "weight"}, ...)


@dataclass(frozen=True)
class Created:
    order_code: str
    total_fee: int
    expected_delivery_at: datetime | None


@dataclass(frozen=True)
class Callback:
    order_code: str
    status: str
    time: datetime
    type: str
    shop_id: str
    cod_amount: int
    raw: dict


def ghn_enabled() -> bool:
    return all((settings.GHN_API_URL, settings.GHN_TOKEN, settings.GHN_SHOP_ID, settings.GHN_WEBHOOK_SECRET))


def fee_quote(parcel: Parcel) -> int:
    data = _post("/shiip/public-api/v2/shipping-order/fee", {
        **_addresses(parcel), "service_type_id": SERVICE_TYPE_STANDARD, "weight": parcel.weight_grams,
        "insurance_value": parcel.insurance_value, "cod_value": parcel.cod_amount,
    })
    return _amount(data.get("total"))


def order_create(parcel: Parcel) -> Created:
    data = _post("/shiip/public-api/v2/shipping-order/create", {
        **_addresses(parcel), "client_order_code": parcel.client_order_code,
        "to_name": parcel.to_name, "to_phone": parcel.to_phone, "from_name": parcel.from_name,
        "from_phone": parcel.from_phone, "payment_type_id": PAYMENT_TYPE_SHOP_PAYS, "required_note": REQUIRED_NOTE,
        "service_type_id": SERVICE_TYPE_STANDARD, "weight": parcel.weight_grams, "cod_amount": parcel.cod_amount,
        "insurance_value": parcel.insurance_value, "content": parcel.content, "note": parcel.note,
        "items": list(parcel.items),
    })
    code = str(data.get("order_code") or "").strip()
    if not code or len(code) > 40:
        raise DeliveryError(_("GHN không trả về mã vận đơn; hãy thử lại sau ít phút."))
    expected = data.get("expected_delivery_time")
    return Created(order_code=code, total_fee=_amount(data.get("total_fee")),
                   expected_delivery_at=parse_datetime(expected) if isinstance(expected, str) else None)


def label_url(order_code: str) -> str:
    """A fresh link to the A5 label; GHN's print token expires, so one is asked for each time."""
    data = _post("/shiip/public-api/v2/a5/gen-token", {"order_codes": [order_code]})
    token = str(data.get("token") or "")
    if not token:
        raise DeliveryError(_("GHN chưa cho in phiếu gửi hàng; hãy thử lại sau ít phút."))
    return f"{settings.GHN_API_URL}/a5/public-api/printA5?{requests.compat.urlencode({'token': token})}"


def tracking_url(order_code: str) -> str:
    return settings.GHN_TRACKING_URL + requests.compat.quote(order_code)


def webhook_secret_ok(given: str) -> bool:
    expected = settings.GHN_WEBHOOK_SECRET
    return bool(expected) and hmac.compare_digest(given.encode(), expected.encode())


def callback_parse(payload) -> Callback:
    """Read GHN's callback body (already JSON-decoded) or raise DeliveryError (answered 400)."""
    if not isinstance(payload, dict):
        raise DeliveryError("body is not a JSON object")
    code, status = payload.get("OrderCode"), payload.get("Status")
    when = parse_datetime(payload["Time"]) if isinstance(payload.get("Time"), str) else None
    if not (isinstance(code, str) and 0 < len(code) <= 40) or not (isinstance(status, str) and 0 < len(status) <= 40):
        raise DeliveryError("OrderCode and Status are required")
    if when is None or when.tzinfo is None:
        raise DeliveryError("Time must be an ISO 8601 time with its zone")
    cod = payload.get("CODAmount")
    return Callback(
        order_code=code.strip(), status=status.strip().lower(), time=when, type=str(payload.get("Type") or "").lower(),
        shop_id=str(payload.get("ShopID") or ""), cod_amount=cod if isinstance(cod, int) and cod >= 0 else 0,
        raw=payload,
    )


def callback_shop_ok(callback: Callback) -> bool:
    return hmac.compare_digest(callback.shop_id.encode(), str(settings.GHN_SHOP_ID).encode())


def _addresses(parcel: Parcel) -> dict:
    return {
        "to_address": parcel.to_address, "to_ward_name": parcel.to_ward_name,
        "to_province_name": parcel.to_province_name, "from_address": parcel.from_address,
        "from_ward_name": parcel.from_ward_name, "from_province_name": parcel.from_province_name,
    }


def _post(path: str, body: dict) -> dict:
    headers = {"Token": settings.GHN_TOKEN, "ShopId": str(settings.GHN_SHOP_ID), "Content-Type": "application/json"}
    try:
        response = requests.post(settings.GHN_API_URL + path, json=body, headers=headers, timeout=TIMEOUT_SECONDS)
        answer = response.json()
    except (requests.RequestException, ValueError) as error:
        raise DeliveryError(_("Không kết nối được GHN; hãy thử lại sau ít phút.")) from error
    if not isinstance(answer, dict):
        raise DeliveryError(_("GHN trả lời không đúng dạng; hãy thử lại sau ít phút."))
    if answer.get("code") != 200 or response.status_code != 200:
        message = str(answer.get("message") or answer.get("code_message_value") or "")[:300]
        raise DeliveryError(_("GHN từ chối yêu cầu: %(message)s") % {"message": message or response.status_code})
    data = answer.get("data")
    return data if isinstance(data, dict) else {}


def _amount(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise DeliveryError(_("GHN trả lời không đúng dạng; hãy thử lại sau ít phút."))
    return int(value)
