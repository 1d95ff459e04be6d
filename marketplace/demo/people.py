"""The people and papers behind a demo producer: representative, members, registration, bank account.

Registration numbers follow producers/registration.py (10 digits for a cooperative or company,
"<province><letter><digits>" for a household business) so a demo producer saves cleanly in the admin.
"""

import random

from marketplace.core.banks import NAPAS_BANKS
from marketplace.core.text import normalise
from marketplace.demo.types import ProducerSpec

FAMILY_NAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Đinh")
HIGHLAND_FAMILY_NAMES = ("Lò", "Lường", "Tẩn", "Giàng", "Sùng", "Vàng", "Nông", "Hà", "Lục")
GIVEN_NAMES = ("Lan", "Hương", "Hoa", "Mai", "Thu", "Hằng", "Ngọc", "Linh", "Nga", "Hạnh", "Thảo", "Yến", "Dung",
               "Phương", "Loan", "Hiền", "Xuân", "Đào", "Nhung", "Tuyết", "Diệp", "Oanh")
# Provinces of the northern mountains, where the demo's Thái, Dao, Mông and Tày producers live.
HIGHLAND_PROVINCES = {4, 8, 11, 12, 14, 15, 20}
# Named in the showcases' quotes, so the producer's page names the same person.
KNOWN_REPRESENTATIVES = {
    "htx-nuoc-mam-phu-nu-phu-quoc": "Nguyễn Thị Lan",
    "tht-det-tho-cam-phong-tho": "Tẩn Thị Mẩy",
}
MEMBERS_BY_KIND = {"htx": (7, 60), "tht": (5, 25), "hkd": (1, 8), "dn": (5, 80), "cn": (1, 1)}


def representative_for(spec: ProducerSpec, rng: random.Random) -> str:
    if spec.slug in KNOWN_REPRESENTATIVES:
        return KNOWN_REPRESENTATIVES[spec.slug]
    if spec.kind == "cn":
        return spec.name.split(" – ")[0]
    families = HIGHLAND_FAMILY_NAMES if spec.province_code in HIGHLAND_PROVINCES else FAMILY_NAMES
    return f"{rng.choice(families)} Thị {rng.choice(GIVEN_NAMES)}"


def registration_number(spec: ProducerSpec, rng: random.Random) -> str:
    if spec.kind in ("htx", "dn"):
        return f"{spec.province_code:02d}{rng.randint(0, 99_999_999):08d}"
    if spec.kind == "hkd":
        return f"{spec.province_code:02d}A8{rng.randint(0, 9_999_999):07d}"
    return ""


def people_and_papers(spec: ProducerSpec, rng: random.Random) -> dict:
    """Field values of Producer beyond the story, for the producer `spec`."""
    representative = representative_for(spec, rng)
    low, high = MEMBERS_BY_KIND[spec.kind]
    holder = representative if spec.kind in ("hkd", "cn") else spec.name
    return {
        "representative_name": representative,
        "member_count": rng.randint(low, high),
        "women_share_percent": 100 if spec.kind == "cn" else rng.choice((70, 80, 85, 90, 100)),
        "woman_leader": True,
        "registration_number": registration_number(spec, rng),
        "bank_bin": rng.choice(NAPAS_BANKS[:10])[0],
        "bank_account_number": str(rng.randint(10**9, 10**13 - 1)),
        "bank_account_name": normalise(holder).upper()[:100],
    }
