"""Factories for the producers issue: accounts, a tiny union tree, staff, members, upload bytes.

Shared by the issue-3 test suites: extend, don't rewrite.
"""

import io
from dataclasses import dataclass

import factory
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from producers.models import (
    OcopCertificate,
    Producer,
    ProducerMember,
    UnionStaff,
    UnionUnit,
    VerificationDocument,
)
from producers.union_tree import CENTRAL_NAME
from tests.factories import HA_NOI, HUE, ProducerFactory

HA_NOI_WARD = 4  # Phường Ba Đình
HUE_WARD = 19815  # Phường An Cựu
PASSWORD = "Rau-sach-Ba-Vi-2025"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "accounts.User"
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"nguoi-dung-{n}")
    first_name = "Nguyễn Thị Lan"
    email = factory.Sequence(lambda n: f"nguoi{n}@example.vn")
    phone = None
    password = factory.django.Password(PASSWORD)


class DraftProducerFactory(ProducerFactory):
    """A producer in any verification status (ProducerFactory's is_verified would override it)."""

    class Meta:
        exclude = ("is_verified",)

    verification_status = Producer.Verification.DRAFT


@dataclass
class TinyUnionTree:
    """central → Hà Nội → Ba Đình; central → Huế → An Cựu."""

    central: UnionUnit
    ha_noi: UnionUnit
    ha_noi_ward: UnionUnit
    hue: UnionUnit
    hue_ward: UnionUnit


def tiny_union_tree() -> TinyUnionTree:
    central = UnionUnit.add_root(name=CENTRAL_NAME, level=UnionUnit.Level.CENTRAL)
    ha_noi = central.add_child(name="Hội LHPN Hà Nội", level=UnionUnit.Level.PROVINCE, province_code=HA_NOI)
    # Siblings are kept in name order ("Huế" sorts before "Hà Nội"): an insert may move the paths of
    # nodes already in memory, so each parent is read again before it gets a child.
    central.refresh_from_db()
    hue = central.add_child(name="Hội LHPN Huế", level=UnionUnit.Level.PROVINCE, province_code=HUE)
    ha_noi.refresh_from_db()
    ha_noi_ward = ha_noi.add_child(name="Hội LHPN Phường Ba Đình", level=UnionUnit.Level.COMMUNE,
                                   province_code=HA_NOI, ward_code=HA_NOI_WARD)
    hue_ward = hue.add_child(name="Hội LHPN Phường An Cựu", level=UnionUnit.Level.COMMUNE,
                             province_code=HUE, ward_code=HUE_WARD)
    units = [central, ha_noi, ha_noi_ward, hue, hue_ward]
    for unit in units:
        unit.refresh_from_db()
    return TinyUnionTree(*units)


def staff_user(unit: UnionUnit, **user_fields):
    """A union officer attached to `unit`."""
    user = UserFactory(**user_fields)
    UnionStaff.objects.create(user=user, unit=unit, title="Cán bộ Hội")
    return user


def member_of(producer, *, role: str = ProducerMember.Role.OWNER, **user_fields):
    """A seller account that belongs to `producer`."""
    user = UserFactory(**user_fields)
    ProducerMember.objects.create(producer=producer, user=user, role=role)
    return user


def use_private_storage(settings, monkeypatch, location) -> None:
    """Point the private storage at `location` for one test (call it from an autouse fixture).

    Changing settings.STORAGES alone is not enough: a FileField resolves its callable storage once,
    when the model class is built, so the fields are given the new storage too.
    """
    private = settings.STORAGES["private"]
    settings.STORAGES = {
        **settings.STORAGES, "private": {**private, "OPTIONS": {**private.get("OPTIONS", {}), "location": location}}
    }
    for field in (VerificationDocument._meta.get_field("file"), OcopCertificate._meta.get_field("scan")):
        monkeypatch.setattr(field, "storage", storages["private"])


# --- Upload bytes ------------------------------------------------------------------------------------

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
SVG_BYTES = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def image_bytes(fmt: str = "JPEG", size=(40, 20), mode: str = "RGB", color=(176, 18, 79), **save_options) -> bytes:
    buffer = io.BytesIO()
    PILImage.new(mode, size, color).save(buffer, format=fmt, **save_options)
    return buffer.getvalue()


def upload(content: bytes, name: str = "tep.pdf", content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)
