import binascii
import xml.etree.ElementTree as ET

import pytest
from vietnam_qr_pay import QRPay

from marketplace.core.vietqr import VietQRError, qr_svg, vietqr_payload

GOOD = {"bank_bin": "970436", "account_number": "0123456789", "amount": 150_000, "reference": "CPN-2026-000123"}


def crc_ccitt_false(text: str) -> str:
    # The standard library's CRC-CCITT (poly 0x1021, unreflected) started at 0xFFFF is CRC-16/CCITT-FALSE.
    return f"{binascii.crc_hqx(text.encode('ascii'), 0xFFFF):04X}"


def tlv(text: str) -> dict[str, str]:
    """Split one level of ID + length + value, refusing any length that does not add up."""
    fields, rest = {}, text
    while rest:
        tag, length = rest[:2], int(rest[2:4])
        value, rest = rest[4:4 + length], rest[4 + length:]
        assert len(value) == length, f"field {tag} is shorter than its length says"
        assert tag not in fields
        fields[tag] = value
    return fields


def test_payload_carries_each_napas_field_with_a_correct_crc():
    payload = vietqr_payload(**GOOD)

    body = (
        "000201" "010212"
        "3854" "0010A000000727" "0124" "0006970436" "01100123456789" "0208QRIBFTTA"
        "5303704" "5406150000" "5802VN" "6219" "0815CPN-2026-000123" "6304"
    )
    assert payload == body + crc_ccitt_false(body)
    root = tlv(payload)
    assert list(root) == ["00", "01", "38", "53", "54", "58", "62", "63"]
    merchant = tlv(root["38"])
    assert merchant == {"00": "A000000727", "01": merchant["01"], "02": "QRIBFTTA"}
    assert tlv(merchant["01"]) == {"00": "970436", "01": "0123456789"}
    assert tlv(root["62"]) == {"08": "CPN-2026-000123"}
    assert root["63"] == crc_ccitt_false(payload[:-4]) and root["63"].isupper()


def test_payload_matches_a_published_sample():
    # The example of github.com/subiz/vietqr (Go): 120,000 ₫ to VietinBank 0011001932418, "ủng hộ lũ lụt".
    payload = vietqr_payload(
        bank_bin="970415", account_number="0011001932418", amount=120_000, reference="ủng hộ lũ lụt"
    )
    assert payload == (
        "00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA"
        "530370454061200005802VN62170813ung ho lu lut6304C15C"
    )


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        ("Đơn hàng của chị Hoà", "Don hang cua chi Hoa"),
        ("  CPN-2026-000123 / trả   tiền!  ", "CPN-2026-000123 tra tien"),
        ("Thanh toán đơn CPN-2026-000123 cho HTX", "Thanh toan don CPN-2026-0"),  # 25 characters at most
    ],
)
def test_reference_is_plain_ascii_and_short(reference, expected):
    purpose = tlv(tlv(vietqr_payload(**{**GOOD, "reference": reference}))["62"])["08"]
    assert purpose == expected
    assert purpose.isascii() and len(purpose) <= 25


def test_an_independent_parser_reads_it_back():
    payload = vietqr_payload(**{**GOOD, "amount": 1_234_567, "reference": "CPN-2026-000042"})

    parsed = QRPay(payload)

    assert parsed.is_valid  # vietnam-qr-pay checks the CRC before anything else
    assert parsed.provider.guid == "A000000727" and parsed.provider.service == "QRIBFTTA"
    assert (parsed.consumer.bank_bin, parsed.consumer.bank_number) == ("970436", "0123456789")
    assert (parsed.amount, parsed.currency, parsed.nation) == ("1234567", "704", "VN")
    assert parsed.additional_data.purpose == "CPN-2026-000042"
    assert parsed.crc == payload[-4:]
    assert parsed.init_method == "12"
    # and it would have noticed a wrong checksum
    assert not QRPay(payload.replace("1234567", "7654321")).is_valid


@pytest.mark.parametrize(
    "bad",
    [
        {"bank_bin": "123456"},
        {"bank_bin": "970499"},  # six digits, but no NAPAS bank
        {"bank_bin": ""},
        {"account_number": "01234abc89"},
        {"account_number": "12345"},
        {"account_number": "1" * 20},
        {"account_number": "0123 456 789"},
        {"account_number": 123456789},
        {"amount": 0},
        {"amount": -50_000},
        {"amount": 1_000_000_000_000},
        {"amount": 150_000.0},
        {"amount": "150000"},
        {"amount": True},
        {"reference": ""},
        {"reference": "!!! ??? ###"},
    ],
)
def test_bad_input_is_refused_in_vietnamese(bad):
    with pytest.raises(VietQRError) as raised:
        vietqr_payload(**{**GOOD, **bad})
    assert raised.value.message and not raised.value.message.isascii()


def test_qr_svg_is_inline_markup_of_about_240_px():
    svg = qr_svg(vietqr_payload(**GOOD))

    assert svg.startswith("<svg ") and "<?xml" not in svg
    assert "href" not in svg and "<script" not in svg and "<image" not in svg
    root = ET.fromstring(svg)
    assert root.tag in {"svg", "{http://www.w3.org/2000/svg}svg"}
    assert root.get("role") == "img"
    assert root.find("title").text == "Mã VietQR"
    assert 200 <= int(root.get("width")) <= 280 and root.get("width") == root.get("height")
