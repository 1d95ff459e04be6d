import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory

from marketplace.accounts.views import landing_url
from tests.accounts.conftest import LOGIN_URL, PASSWORD

pytestmark = pytest.mark.django_db

GENERIC_ERROR = "Số điện thoại/email hoặc mật khẩu chưa đúng."


def logged_in_as(client):
    return client.session.get("_auth_user_id")


def test_the_page_is_a_plain_vietnamese_form(client):
    response = client.get(LOGIN_URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Số điện thoại hoặc email" in html and "Quên mật khẩu?" in html
    assert 'name="username"' in html and 'autocomplete="username"' in html and "<script" not in html


@pytest.mark.parametrize("typed", ["0912 345 678", "0912.345.678", "+84912345678", "84912345678"])
def test_log_in_with_the_phone_written_any_usual_way(client, phone_user, typed):
    response = client.post(LOGIN_URL, {"username": typed, "password": PASSWORD})

    assert response.status_code == 302 and response.url == landing_url()
    assert logged_in_as(client) == str(phone_user.pk)


def test_log_in_with_the_email_in_any_case(client, email_user):
    response = client.post(LOGIN_URL, {"username": "  HOA.nguyen@Example.vn ", "password": PASSWORD})

    assert response.status_code == 302
    assert logged_in_as(client) == str(email_user.pk)


def test_a_staff_account_may_still_use_its_username(client, django_user_model):
    admin = django_user_model.objects.create_user(username="bientap", password=PASSWORD, is_staff=True)

    client.post(LOGIN_URL, {"username": "bientap", "password": PASSWORD})

    assert logged_in_as(client) == str(admin.pk)


def test_wrong_password_and_unknown_account_get_the_same_message(client, phone_user):
    wrong_password = client.post(LOGIN_URL, {"username": "0912345678", "password": "sai-mat-khau"})
    unknown = client.post(LOGIN_URL, {"username": "0987654321", "password": PASSWORD})

    for response in (wrong_password, unknown):
        assert response.status_code == 200
        assert GENERIC_ERROR in response.content.decode()
        assert (
            response.context["form"].non_field_errors() == wrong_password.context["form"].non_field_errors()
        )
    assert logged_in_as(client) is None


def test_an_inactive_account_cannot_log_in(client, phone_user):
    phone_user.is_active = False
    phone_user.save()

    response = client.post(LOGIN_URL, {"username": "0912345678", "password": PASSWORD})

    assert GENERIC_ERROR in response.content.decode() and logged_in_as(client) is None


def test_a_safe_next_is_followed(client, phone_user):
    response = client.post(LOGIN_URL, {"username": "0912345678", "password": PASSWORD, "next": "/products/"})

    assert response.url == "/products/"


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/", "http://evil.example/products/"]
)
def test_next_to_another_host_is_ignored(client, phone_user, next_url):
    response = client.post(LOGIN_URL, {"username": "0912345678", "password": PASSWORD, "next": next_url})

    assert response.status_code == 302 and response.url == landing_url()


def test_the_login_page_keeps_a_safe_next_and_drops_another_host(client):
    kept = client.get(LOGIN_URL, {"next": "/products/"}).content.decode()
    dropped = client.get(LOGIN_URL, {"next": "https://evil.example/"}).content.decode()

    assert 'name="next" value="/products/"' in kept
    assert 'name="next"' not in dropped


def test_huge_input_is_a_form_error_not_a_crash(client, phone_user):
    response = client.post(LOGIN_URL, {"username": "9" * 5000, "password": "x" * 5000})

    assert response.status_code == 200
    assert response.context["form"].errors
    assert logged_in_as(client) is None


def test_pages_that_need_an_account_send_to_this_login(settings):
    from django.shortcuts import resolve_url

    assert resolve_url(settings.LOGIN_URL) == LOGIN_URL


def test_the_backend_needs_the_request_for_axes(phone_user):
    request = RequestFactory().post(LOGIN_URL)

    assert authenticate(request, username="0912 345 678", password=PASSWORD) == phone_user


def test_logout_asks_on_get_and_logs_out_on_post(client, phone_user):
    client.force_login(phone_user)

    confirm = client.get("/accounts/logout/")
    assert confirm.status_code == 200 and logged_in_as(client) == str(phone_user.pk)
    assert 'method="post"' in confirm.content.decode() and "Đăng xuất" in confirm.content.decode()

    response = client.post("/accounts/logout/")
    assert response.status_code == 302 and response.url == "/"
    assert logged_in_as(client) is None


def test_the_wagtail_admin_keeps_its_own_login(client):
    response = client.get("/admin/")

    assert response.status_code == 302 and response.url.startswith("/admin/login/")


def test_without_next_a_seller_lands_in_her_seller_centre_and_a_buyer_on_the_home_page(client, phone_user):
    from tests.factories import ProducerFactory
    from tests.factories_producers import member_of

    assert landing_url(phone_user) == "/"  # a buyer; becoming a seller is her choice ("Bán hàng")
    seller = member_of(ProducerFactory())
    assert landing_url(seller) == "/seller/"
    response = client.post(LOGIN_URL, {"username": "0912345678", "password": PASSWORD})
    assert response.url == "/"
