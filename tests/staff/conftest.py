"""A tiny union (central → Hà Nội → Ba Đình; central → Huế → An Cựu), one producer with a pending
request, a document, a certificate and a product in each province, and officers of each unit."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.test import Client
from django.utils import timezone

from marketplace.catalogue.models import Product
from producers.models import (
    OcopCertificate,
    Producer,
    VerificationDocument,
    VerificationRequest,
)
from producers.services.documents import document_upload
from producers.staff_group import union_staff_group_ensure
from tests.factories import HA_NOI, HUE, ProductFactory
from tests.factories_producers import (
    HA_NOI_WARD,
    HUE_WARD,
    PDF_BYTES,
    DraftProducerFactory,
    UserFactory,
    member_of,
    staff_user,
    tiny_union_tree,
    upload,
)


@pytest.fixture(autouse=True)
def _private_media_in_tmp(settings, tmp_path, monkeypatch):
    """Documents and scans of a test go to a folder of its own, outside MEDIA_ROOT."""
    location = tmp_path / "private"
    storages = {**settings.STORAGES}
    storages["private"] = {**storages["private"], "OPTIONS": {**storages["private"].get("OPTIONS", {}),
                                                              "location": location}}
    settings.STORAGES = storages
    # The FileFields took their storage object when the models were loaded: point those at it too.
    storage = FileSystemStorage(location=location, base_url=None)
    monkeypatch.setattr(VerificationDocument._meta.get_field("file"), "storage", storage)
    monkeypatch.setattr(OcopCertificate._meta.get_field("scan"), "storage", storage)


@dataclass
class Side:
    """Everything of one province."""

    producer: Producer
    owner: object
    request: VerificationRequest
    document: VerificationDocument
    certificate: OcopCertificate
    product: Product
    ward_unit: object


@dataclass
class World:
    tree: object
    ha_noi: Side
    hue: Side
    ha_noi_staff: object
    hue_staff: object
    central_staff: object
    buyer: object
    superuser: object


def _side(*, name: str, product_name: str, unit, province: int, ward: int, registration: str, number: str) -> Side:
    producer = DraftProducerFactory(
        name=name, union_unit=unit, province_code=province, ward_code=ward, registration_number=registration,
        representative_name="Trần Thị Hoa", women_share_percent=80, woman_leader=True, member_count=12,
        verification_status=Producer.Verification.SUBMITTED,
    )
    owner = member_of(producer, email=f"chu.{registration}@example.vn")
    request = VerificationRequest.objects.create(producer=producer, submitted_by=owner,
                                                 note="Mong Hội xem giúp hồ sơ.")
    document = document_upload(producer=producer, kind=VerificationDocument.Kind.BUSINESS_REGISTRATION,
                               uploaded=upload(PDF_BYTES, name="dang-ky.pdf"), by=owner)
    today = timezone.localdate()
    certificate = OcopCertificate(producer=producer, stars=4, number=number, issued_on=today - timedelta(days=300),
                                  expires_on=today + timedelta(days=30))
    certificate.scan.save("scan.pdf", ContentFile(PDF_BYTES), save=False)
    certificate.save()
    product = ProductFactory(producer=producer, name=product_name, origin_province_code=province)
    return Side(producer, owner, request, document, certificate, product, unit)


@pytest.fixture
def world(db) -> World:
    union_staff_group_ensure()
    tree = tiny_union_tree()
    ha_noi = _side(name="HTX Rau sạch Ba Đình", product_name="Rau cải ngọt Ba Đình", unit=tree.ha_noi_ward,
                   province=HA_NOI, ward=HA_NOI_WARD, registration="0101234567", number="HN-0001")
    hue = _side(name="HTX Mè xửng Thiên Hương", product_name="Mè xửng dẻo Thiên Hương", unit=tree.hue_ward,
                province=HUE, ward=HUE_WARD, registration="3301234567", number="TTH-0002")
    group = union_staff_group_ensure()

    def officer(unit, username):
        user = staff_user(unit, username=username, email=f"{username}@hoiphunu.vn")
        user.groups.add(group)
        return user

    return World(
        tree=tree, ha_noi=ha_noi, hue=hue,
        ha_noi_staff=officer(tree.ha_noi, "can-bo-ha-noi"),
        hue_staff=officer(tree.hue, "can-bo-hue"),
        central_staff=officer(tree.central, "can-bo-trung-uong"),
        buyer=UserFactory(username="nguoi-mua", email="mua@example.vn"),
        superuser=get_user_model().objects.create_superuser("quan-tri", "qt@example.vn", "Rau-sach-Ba-Vi-2025"),
    )


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def ha_noi_client(world):
    return logged_in(world.ha_noi_staff)


@pytest.fixture
def central_client(world):
    return logged_in(world.central_staff)


@pytest.fixture
def buyer_client(world):
    return logged_in(world.buyer)
