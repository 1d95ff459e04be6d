"""Two producers side by side: "shop" (ours) and "rival" (someone else's), each with an owner.

The seller centre must give the shop's people the shop's data only; every test here starts from that.
"""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

from marketplace.catalogue.models import Product
from producers.models import (
    OcopCertificate,
    Producer,
    ProducerInvitation,
    ProducerMember,
    ProducerPhoto,
    VerificationDocument,
)
from producers.services.documents import document_upload
from tests.factories import HA_NOI, ProductFactory, make_image
from tests.factories_producers import (
    HA_NOI_WARD,
    PDF_BYTES,
    DraftProducerFactory,
    UserFactory,
    member_of,
    tiny_union_tree,
    upload,
)


@pytest.fixture(autouse=True)
def _private_media_in_tmp(settings, tmp_path, monkeypatch):
    """Documents go to a folder of the test's own.

    A FileField evaluates a storage callable once, when the model loads, so changing
    settings.STORAGES alone would leave the fields writing to the real private folder.
    """
    location = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {**settings.STORAGES["private"], "OPTIONS": {"location": location, "base_url": None}},
    }
    storage = FileSystemStorage(location=location, base_url=None)
    monkeypatch.setattr(VerificationDocument._meta.get_field("file"), "storage", storage)
    monkeypatch.setattr(OcopCertificate._meta.get_field("scan"), "storage", storage)


@pytest.fixture
def tree(db):
    return tiny_union_tree()


@pytest.fixture
def shop(tree):
    return DraftProducerFactory(
        name="Hộ kinh doanh Mật ong Ba Vì", kind=Producer.Kind.HOUSEHOLD, registration_number="01A8012345",
        representative_name="Nguyễn Thị Lan", province_code=HA_NOI, ward_code=HA_NOI_WARD,
        union_unit=tree.ha_noi_ward,
    )


@pytest.fixture
def owner(shop):
    return member_of(shop, role=ProducerMember.Role.OWNER, username="chu-shop", phone="+84912345678")


@pytest.fixture
def helper(shop):
    return member_of(shop, role=ProducerMember.Role.HELPER, username="nguoi-giup", phone="+84987654321")


@pytest.fixture
def rival(tree):
    return DraftProducerFactory(name="HTX Chè Thái Nguyên", province_code=HA_NOI, union_unit=tree.ha_noi)


@pytest.fixture
def rival_owner(rival):
    return member_of(rival, role=ProducerMember.Role.OWNER, username="chu-rival")


@pytest.fixture
def stranger(db):
    return UserFactory(username="nguoi-la", phone="+84903000111")


@pytest.fixture
def product(shop):
    return ProductFactory(producer=shop, name="Mật ong hoa nhãn", with_image=True,
                          variants=[{"name": "Chai 500 ml", "price": 150_000, "stock": 12},
                                    {"name": "Chai 1 lít", "price": 280_000, "stock": 3}])


@pytest.fixture
def document(shop, owner):
    return document_upload(producer=shop, kind=VerificationDocument.Kind.REPRESENTATIVE_ID,
                           uploaded=upload(PDF_BYTES, "cccd.pdf"), by=owner)


@pytest.fixture
def producer_photo(shop):
    return ProducerPhoto.objects.create(producer=shop, image=make_image("xưởng"), alt_text="Xưởng", sort_order=1)


@pytest.fixture
def invitation(shop, owner):
    return ProducerInvitation.objects.create(producer=shop, phone="+84977000222", invited_by=owner)


@pytest.fixture
def certificate(shop, product):
    certificate = OcopCertificate(producer=shop, stars=4, number="OCOP-HN-2025-017", issued_on=date(2025, 1, 10),
                                  expires_on=date(2028, 1, 10))
    certificate.scan.save("chung-nhan.pdf", ContentFile(PDF_BYTES), save=False)
    certificate.save()
    certificate.products.set([product])
    return certificate


@pytest.fixture
def seller_client(client, owner):
    client.force_login(owner)
    return client


def product_of(producer: Producer, **kwargs) -> Product:
    return ProductFactory(producer=producer, **kwargs)
