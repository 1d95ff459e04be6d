import pytest

from producers.models import Producer
from tests.factories_producers import DraftProducerFactory, staff_user, tiny_union_tree, use_private_storage


@pytest.fixture(autouse=True)
def _private_media_in_tmp(settings, monkeypatch, tmp_path):
    """Verification documents and scans of a test go to a folder of its own, outside MEDIA_ROOT."""
    use_private_storage(settings, monkeypatch, tmp_path / "private")


@pytest.fixture
def tree(db):
    return tiny_union_tree()


@pytest.fixture
def ha_noi_staff(tree):
    return staff_user(tree.ha_noi, username="can-bo-ha-noi", email="canbo.hanoi@example.vn")


@pytest.fixture
def hue_staff(tree):
    return staff_user(tree.hue, username="can-bo-hue", email="canbo.hue@example.vn")


@pytest.fixture
def central_staff(tree):
    return staff_user(tree.central, username="can-bo-trung-uong", email="canbo.tw@example.vn")


@pytest.fixture
def ha_noi_producer(tree):
    return DraftProducerFactory(name="HTX Rau sạch Ba Đình", union_unit=tree.ha_noi_ward, ward_code=4,
                           verification_status=Producer.Verification.SUBMITTED)


@pytest.fixture
def hue_producer(tree):
    return DraftProducerFactory(name="HTX Mè xửng Huế", union_unit=tree.hue_ward, province_code=46, ward_code=19815,
                           verification_status=Producer.Verification.SUBMITTED)
