"""Build the union tree from `vietnam-provinces`: central → 34 provinces → their wards/communes.

Idempotent. A fresh tree is written with bulk inserts and hand-computed treebeard paths (3,300+
wards one by one through add_child would take minutes); later runs only add what is missing.
"""

from django.db import transaction

from marketplace.core.geography import province_choices, wards_of
from producers.models import UnionUnit

CENTRAL_NAME = "Trung ương Hội Liên hiệp Phụ nữ Việt Nam"
ALPHABET = UnionUnit.alphabet
STEPLEN = UnionUnit.steplen


def _step(index: int) -> str:
    digits = ""
    for _ in range(STEPLEN):
        index, rem = divmod(index, len(ALPHABET))
        digits = ALPHABET[rem] + digits
    return digits


def province_unit_name(province_name: str) -> str:
    return f"Hội LHPN {province_name}"


def ward_unit_name(ward_name: str) -> str:
    return f"Hội LHPN {ward_name}"


@transaction.atomic
def union_tree_load() -> dict[str, int]:
    central = UnionUnit.objects.filter(level=UnionUnit.Level.CENTRAL).first()
    if central is None and not UnionUnit.objects.exists():
        return _bulk_build()
    return _add_missing(central)


def _sorted(items: list[tuple[int, str]], namer) -> list[tuple[int, str]]:
    # Siblings in name order, as node_order_by says, so later add_child calls keep the order.
    return sorted(((code, namer(name)) for code, name in items), key=lambda item: item[1])


def _bulk_build() -> dict[str, int]:
    rows = [UnionUnit(path=_step(1), depth=1, numchild=34, name=CENTRAL_NAME, level=UnionUnit.Level.CENTRAL)]
    provinces = _sorted(province_choices(), province_unit_name)
    rows[0].numchild = len(provinces)
    ward_count = 0
    for p_index, (province_code, name) in enumerate(provinces, start=1):
        province_path = _step(1) + _step(p_index)
        wards = _sorted(wards_of(province_code), ward_unit_name)
        rows.append(UnionUnit(path=province_path, depth=2, numchild=len(wards), name=name,
                              level=UnionUnit.Level.PROVINCE, province_code=province_code))
        for w_index, (ward_code, ward_name) in enumerate(wards, start=1):
            rows.append(UnionUnit(path=province_path + _step(w_index), depth=3, numchild=0, name=ward_name,
                                  level=UnionUnit.Level.COMMUNE, province_code=province_code, ward_code=ward_code))
        ward_count += len(wards)
    UnionUnit.objects.bulk_create(rows, batch_size=1000)
    return {"created": len(rows), "provinces": len(provinces), "wards": ward_count}


def _add_missing(central: UnionUnit | None) -> dict[str, int]:
    created = 0
    if central is None:
        central = UnionUnit.add_root(name=CENTRAL_NAME, level=UnionUnit.Level.CENTRAL)
        created += 1
    existing_provinces = {
        unit.province_code: unit for unit in UnionUnit.objects.filter(level=UnionUnit.Level.PROVINCE)
    }
    existing_wards = set(
        UnionUnit.objects.filter(level=UnionUnit.Level.COMMUNE).values_list("ward_code", flat=True)
    )
    for province_code, name in province_choices():
        province = existing_provinces.get(province_code)
        if province is None:
            central.refresh_from_db()
            province = central.add_child(name=province_unit_name(name), level=UnionUnit.Level.PROVINCE,
                                         province_code=province_code)
            created += 1
        for ward_code, ward_name in wards_of(province_code):
            if ward_code not in existing_wards:
                province.refresh_from_db()
                province.add_child(name=ward_unit_name(ward_name), level=UnionUnit.Level.COMMUNE,
                                   province_code=province_code, ward_code=ward_code)
                created += 1
    return {"created": created, "provinces": len(province_choices()), "wards": len(existing_wards)}


def unit_for_ward(ward_code: int | None, province_code: int | None) -> UnionUnit | None:
    """The unit a producer belongs to by address: her ward's unit, else her province's."""
    if ward_code:
        unit = UnionUnit.objects.filter(level=UnionUnit.Level.COMMUNE, ward_code=ward_code).first()
        if unit:
            return unit
    if province_code:
        return UnionUnit.objects.filter(level=UnionUnit.Level.PROVINCE, province_code=province_code).first()
    return None
