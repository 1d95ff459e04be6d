"""VietQR: the bank-transfer QR that every Vietnamese banking app scans.

The payload is an EMVCo merchant-presented QR as NAPAS specifies it for a transfer to an account
(service QRIBFTTA): tag + two-digit length + value, closed by a CRC-16/CCITT-FALSE. It is a format, not
a service: no bank is asked anything. Orders show it to the buyer; bank-transfer webhooks read it back.
"""

import io
import re
import unicodedata

import segno
from django.utils.translation import gettext as _

from marketplace.core.banks import NAPAS_BANKS

NAPAS_GUID = "A000000727"
SERVICE_TRANSFER_TO_ACCOUNT = "QRIBFTTA"
CURRENCY_VND = "704"
MAX_AMOUNT = 999_999_999_999
MAX_REFERENCE_LENGTH = 25
QR_TARGET_PX = 240

_KNOWN_BINS = frozenset(bin_ for bin_, _short, _full in NAPAS_BANKS)
_ACCOUNT = re.compile(r"[0-9]{6,19}")
# Banks pass the transfer note on as plain ASCII; punctuation other than "-" gets mangled or refused.
_UNSAFE_IN_REFERENCE = re.compile(r"[^A-Za-z0-9 -]")


class VietQRError(ValueError):
    """The account, amount or note cannot make a VietQR; the message is for the user, in the active language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def vietqr_payload(*, bank_bin: str, account_number: str, amount: int, reference: str) -> str:
    """The text of a dynamic VietQR asking for `amount` VND to the account, with `reference` as the note."""
    if bank_bin not in _KNOWN_BINS:
        raise VietQRError(_("Ngân hàng nhận tiền không có trong danh sách NAPAS."))
    if not isinstance(account_number, str) or not _ACCOUNT.fullmatch(account_number):
        raise VietQRError(_("Số tài khoản nhận tiền phải gồm 6 đến 19 chữ số."))
    if isinstance(amount, bool) or not isinstance(amount, int) or not 1 <= amount <= MAX_AMOUNT:
        raise VietQRError(_("Số tiền chuyển khoản không hợp lệ."))
    note = reference_ascii(reference)
    if not note:
        raise VietQRError(_("Nội dung chuyển khoản không được để trống."))
    beneficiary = _field("00", bank_bin) + _field("01", account_number)
    merchant_account = _field("00", NAPAS_GUID) + _field("01", beneficiary) + _field("02", SERVICE_TRANSFER_TO_ACCOUNT)
    body = (
        _field("00", "01")  # payload format indicator
        + _field("01", "12")  # dynamic: the amount is part of the code
        + _field("38", merchant_account)
        + _field("53", CURRENCY_VND)
        + _field("54", str(amount))
        + _field("58", "VN")
        + _field("62", _field("08", note))  # purpose of transaction: what the seller looks for
        + "6304"
    )
    return body + f"{crc16_ccitt_false(body.encode('ascii')):04X}"


def qr_svg(payload: str, title: str | None = None) -> str:
    """The payload as an inline <svg> of about 240 px, with a title for screen readers and no external refs."""
    code = segno.make(payload, error="m", micro=False, boost_error=False)
    width, _height = code.symbol_size(scale=1)
    scale = max(2, round(QR_TARGET_PX / width))
    svg = code.svg_inline(
        scale=scale, title=title or _("Mã VietQR"), dark="#000", light="#fff", svgclass="vietqr", lineclass=None
    )
    return svg.replace("<svg ", '<svg role="img" ', 1)


def qr_png(payload: str) -> bytes:
    """The payload as a PNG (for emails: mail programs show PNG, not inline SVG)."""
    buffer = io.BytesIO()
    segno.make(payload, error="m", micro=False, boost_error=False).save(buffer, kind="png", scale=6, border=4)
    return buffer.getvalue()


def reference_ascii(text: str) -> str:
    """The transfer note as banks carry it: no diacritics (đ → d), only letters, digits, spaces and "-"."""
    text = (text or "").replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    plain = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(_UNSAFE_IN_REFERENCE.sub(" ", plain).split())[:MAX_REFERENCE_LENGTH].strip()


def crc16_ccitt_false(data: bytes) -> int:
    """CRC-16/CCITT-FALSE (polynomial 0x1021, initial value 0xFFFF), as EMVCo tag 63 asks."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _bit in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc


def _field(tag: str, value: str) -> str:
    if len(value) > 99:
        raise VietQRError(_("Mã VietQR quá dài."))
    return f"{tag}{len(value):02d}{value}"
