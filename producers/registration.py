"""Business registration numbers, checked by the kind of producer.

- Cooperative (HTX) and company: the 10-digit enterprise/tax code, optionally "-NNN" for a branch.
- Household business: the registration number "<2-digit province><letter><6–8 digits>" (e.g. 01A8012345),
  or since 2021 a 10- or 12-digit tax/identity number.
- Cooperative group and individual: no registration exists; a number is optional.
"""

import re

from django.utils.translation import gettext as _

ENTERPRISE = re.compile(r"^\d{10}(-\d{3})?$")
HOUSEHOLD = re.compile(r"^(\d{2}[A-Z]\d{6,8}|\d{10}|\d{12})$")
FREE_FORM = re.compile(r"^[0-9A-Z./-]{4,20}$")


def normalise_registration_number(raw: str) -> str:
    return re.sub(r"\s+", "", raw or "").upper()


def registration_number_error(kind: str, number: str) -> str | None:
    number = normalise_registration_number(number)
    if kind in ("htx", "dn"):
        if not number:
            return _("Hợp tác xã và doanh nghiệp cần số đăng ký (mã số doanh nghiệp 10 chữ số).")
        if not ENTERPRISE.match(number):
            return _("Mã số doanh nghiệp/hợp tác xã gồm 10 chữ số, có thể thêm -NNN cho chi nhánh.")
    elif kind == "hkd":
        if not number:
            return _("Hộ kinh doanh cần số giấy chứng nhận đăng ký hộ kinh doanh.")
        if not HOUSEHOLD.match(number):
            return _("Số đăng ký hộ kinh doanh có dạng 01A8012345 (mã tỉnh, một chữ cái, 6–8 chữ số) hoặc mã số thuế.")
    elif number and not FREE_FORM.match(number):
        return _("Số đăng ký chỉ gồm chữ, số và các dấu . / - (4 đến 20 ký tự).")
    return None
