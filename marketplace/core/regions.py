"""The three regions carriers price by (Bắc, Trung, Nam) over the 34 provinces of 1 July 2025.

A parcel within one region travels "nội miền", across regions "liên miền". The split is the usual
geographic one: the north down to Ninh Bình; the centre from Thanh Hóa to Khánh Hòa and Lâm Đồng,
with the Central Highlands; the south from Đồng Nai and Hồ Chí Minh City down to Cà Mau.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    NORTH = "north", _("Miền Bắc")
    CENTRE = "centre", _("Miền Trung")
    SOUTH = "south", _("Miền Nam")


# Keyed by the province code of `vietnam-provinces` (tests check every province is here).
PROVINCE_REGIONS: dict[int, Region] = {
    **dict.fromkeys((1, 4, 8, 11, 12, 14, 15, 19, 20, 22, 24, 25, 31, 33, 37), Region.NORTH),
    **dict.fromkeys((38, 40, 42, 44, 46, 48, 51, 52, 56, 66, 68), Region.CENTRE),
    **dict.fromkeys((75, 79, 80, 82, 86, 91, 92, 96), Region.SOUTH),
}


def region_of(province_code: int | None) -> Region | None:
    if not province_code:
        return None
    return PROVINCE_REGIONS.get(int(province_code))
