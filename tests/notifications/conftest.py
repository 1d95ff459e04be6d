import pytest

from producers.models import Producer
from tests.factories_producers import DraftProducerFactory, member_of, staff_user, tiny_union_tree
from tests.notifications.sms_stub import sms_stub_running
from tests.notifications.zalo_stub import zalo_stub_running

PHONE = "+84912000111"


@pytest.fixture
def tree(db):
    return tiny_union_tree()


@pytest.fixture
def ha_noi_staff(tree):
    return staff_user(tree.ha_noi, username="can-bo-ha-noi", email="canbo.hanoi@example.vn", is_staff=True)


@pytest.fixture
def hue_staff(tree):
    return staff_user(tree.hue, username="can-bo-hue", email="canbo.hue@example.vn", is_staff=True)


@pytest.fixture
def ha_noi_producer(tree):
    return DraftProducerFactory(name="HTX Rau sạch Ba Đình", union_unit=tree.ha_noi_ward, ward_code=4,
                                verification_status=Producer.Verification.SUBMITTED)


@pytest.fixture
def phone_only_seller(ha_noi_producer):
    """The common case: she signed up with her phone number and has no email."""
    return member_of(ha_noi_producer, email=None, phone=PHONE, username="chi-lan")


@pytest.fixture
def zalo(settings):
    with zalo_stub_running(settings) as stub:
        yield stub


@pytest.fixture
def sms(settings):
    with sms_stub_running(settings) as stub:
        yield stub


@pytest.fixture
def no_providers(settings):
    settings.SMS_PROVIDER, settings.ESMS_API_KEY, settings.ESMS_SECRET_KEY = "", "", ""
    settings.ZALO_ZNS_ACCESS_TOKEN, settings.ZALO_ZNS_TEMPLATES = "", {}
