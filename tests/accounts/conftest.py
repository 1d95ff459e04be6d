import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

PASSWORD = "Rau-sach-Ba-Vi-2025"
LOGIN_URL = "/accounts/login/"
SIGNUP_URL = "/accounts/signup/"


@pytest.fixture
def phone_user(db):
    return get_user_model().objects.create_user(
        username="chi-lan", phone="+84912345678", password=PASSWORD, first_name="Nguyễn Thị Lan"
    )


@pytest.fixture
def email_user(db):
    return get_user_model().objects.create_user(
        username="chi-hoa", email="hoa.nguyen@example.vn", password=PASSWORD, first_name="Trần Thị Hoa"
    )


@pytest.fixture(autouse=True)
def _default_language_afterwards(settings):
    """A request to /en/… leaves English active in this thread; later tests' reverse() would get /en/."""
    yield
    translation.activate(settings.LANGUAGE_CODE)
