import pytest
from django.contrib.auth import get_user_model

from marketplace.accounts.services import IdentifierTaken, user_register
from marketplace.accounts.views import landing_url
from tests.accounts.conftest import PASSWORD, SIGNUP_URL

User = get_user_model()

pytestmark = pytest.mark.django_db


def signup_data(**overrides):
    data = {
        "identifier": "0912 345 678",
        "full_name": "Nguyễn Thị Lan",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    return {**data, **overrides}


def test_the_page_is_in_vietnamese_and_works_without_javascript(client):
    response = client.get(SIGNUP_URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Số điện thoại hoặc email" in html and "Họ và tên" in html and "Nhập lại mật khẩu" in html
    assert 'method="post"' in html and "csrfmiddlewaretoken" in html and "<script" not in html


def test_sign_up_with_a_phone_number_logs_in_and_goes_on(client):
    response = client.post(SIGNUP_URL, signup_data(identifier="0912.345.678"))

    user = User.objects.get()
    assert response.status_code == 302 and response.url == landing_url()
    assert user.phone == "+84912345678" and user.email is None
    assert user.get_full_name() == "Nguyễn Thị Lan"
    assert user.check_password(PASSWORD)
    assert client.session["_auth_user_id"] == str(user.pk)


def test_sign_up_with_an_email_stores_it_in_lower_case(client):
    response = client.post(SIGNUP_URL, signup_data(identifier="Lan.Nguyen@Gmail.com"))

    user = User.objects.get()
    assert response.status_code == 302
    assert user.email == "lan.nguyen@gmail.com" and user.phone is None
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_safe_next_is_followed_and_another_host_is_ignored(client):
    kept = client.post(SIGNUP_URL, signup_data(next="/products/"))
    client.logout()
    ignored = client.post(
        SIGNUP_URL, signup_data(identifier="lan@gmail.com", next="https://evil.example/steal")
    )

    assert kept.url == "/products/"
    assert ignored.status_code == 302 and ignored.url == landing_url()


def test_usernames_are_generated_and_unique():
    first = user_register(identifier="lan@gmail.com", full_name="Lan", password=PASSWORD)
    second = user_register(identifier="lan@yahoo.com", full_name="Lan", password=PASSWORD)
    by_phone = user_register(identifier="0912345678", full_name="Lan", password=PASSWORD)

    assert first.username == "lan"
    assert second.username.startswith("lan-") and second.username != first.username
    assert by_phone.username == "sdt84912345678"


def test_the_same_phone_written_another_way_is_refused_with_a_link_to_log_in(client, phone_user):
    response = client.post(SIGNUP_URL, signup_data(identifier="+84 912 345 678"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Số điện thoại này đã có tài khoản." in html
    assert '<a href="/accounts/login/">Đăng nhập?</a>' in html
    assert User.objects.count() == 1


def test_the_same_email_in_another_case_is_refused(client, email_user):
    response = client.post(SIGNUP_URL, signup_data(identifier="HOA.Nguyen@example.VN"))

    assert "Email này đã có tài khoản." in response.content.decode()
    assert User.objects.count() == 1


def test_the_service_refuses_a_taken_identifier_too(phone_user):
    with pytest.raises(IdentifierTaken):
        user_register(identifier="84912345678", full_name="Lan", password=PASSWORD)


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"identifier": "0123"}, "identifier", "03, 05, 07, 08 hoặc 09"),
        ({"identifier": "abc"}, "identifier", "Hãy nhập số điện thoại (ví dụ 0912 345 678) hoặc email."),
        ({"identifier": "0" * 20}, "identifier", "03, 05, 07, 08 hoặc 09"),
        ({"identifier": "lan@"}, "identifier", "Email này chưa đúng"),
        ({"password2": PASSWORD + "x"}, "password2", "Hai mật khẩu không khớp nhau."),
        ({"password1": "12345678", "password2": "12345678"}, "password1", "Mật khẩu này hoàn toàn là số."),
        ({"password1": "abc", "password2": "abc"}, "password1", "Mật khẩu quá ngắn"),
        ({"password1": "password", "password2": "password"}, "password1", "Mật khẩu này quá phổ biến."),
        ({"identifier": ""}, "identifier", "Trường này là bắt buộc."),
        ({"full_name": ""}, "full_name", "Trường này là bắt buộc."),
        ({"password1": "", "password2": ""}, "password1", "Trường này là bắt buộc."),
        ({"identifier": "9" * 5000}, "identifier", "254"),
        ({"identifier": "a" * 5000 + "@gmail.com"}, "identifier", "254"),
        ({"full_name": "Lan" * 2000}, "full_name", "150"),
        ({"password1": "x" * 5000, "password2": "x" * 5000}, "password1", "128"),
    ],
)
def test_bad_input_gets_a_vietnamese_form_error_and_saves_nothing(client, overrides, field, message):
    response = client.post(SIGNUP_URL, signup_data(**overrides))

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert "Có chỗ chưa đúng" in response.content.decode()
    assert User.objects.count() == 0
    assert "_auth_user_id" not in client.session


def test_a_password_like_the_name_is_refused(client):
    response = client.post(
        SIGNUP_URL,
        signup_data(identifier="lannguyen@gmail.com", password1="lannguyen", password2="lannguyen"),
    )

    assert "Mật khẩu quá giống" in " ".join(response.context["form"].errors["password1"])
    assert User.objects.count() == 0


def test_missing_fields_altogether_are_form_errors(client):
    response = client.post(SIGNUP_URL, {})

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"identifier", "full_name", "password1", "password2"}
    assert User.objects.count() == 0


def test_a_logged_in_person_is_sent_on(client, phone_user):
    client.force_login(phone_user)

    assert client.get(SIGNUP_URL).status_code == 302


def test_the_english_page_lives_under_en(client):
    response = client.get("/en" + SIGNUP_URL)

    assert response.status_code == 200 and '<html lang="en">' in response.content.decode()


def test_every_error_and_hint_is_tied_to_its_input_for_screen_readers(client):
    import re

    html = client.post(SIGNUP_URL, signup_data(identifier="abc", password2="khac")).content.decode()

    described = {ref for refs in re.findall(r'aria-describedby="([^"]+)"', html) for ref in refs.split()}
    assert {"id_identifier_error", "id_password2_error"} <= described
    assert all(f'id="{ref}"' in html for ref in described)


def test_a_new_buyer_goes_back_to_where_she_was_not_to_the_seller_profile(client):
    # She followed "Đăng nhập" from her cart, then "Đăng ký miễn phí": the cart stays the `next`.
    login_page = client.get("/accounts/login/", {"next": "/cart/"}).content.decode()
    assert 'href="/accounts/signup/?next=/cart/"' in login_page

    response = client.post(SIGNUP_URL, signup_data(next="/cart/"))

    assert response.status_code == 302 and response.url == "/cart/"


def test_without_next_a_new_account_lands_on_the_home_page(client):
    response = client.post(SIGNUP_URL, signup_data())

    assert response.url == "/" and "/seller/" not in response.url


def test_becoming_a_seller_is_a_choice_the_sign_up_page_offers(client):
    page = client.get(SIGNUP_URL).content.decode()
    assert 'href="/accounts/signup/?next=/seller/"' in page

    response = client.post(SIGNUP_URL, signup_data(next="/seller/"), follow=True)

    assert response.redirect_chain[0][0] == "/seller/"
    assert "Tạo hồ sơ người bán" in response.content.decode() or "/seller/start/" in response.redirect_chain[-1][0]


def test_the_account_link_carries_the_page_she_is_on_to_the_login(client):
    page = client.get("/cart/").content.decode()
    assert 'href="/accounts/?next=/cart/"' in page  # "Tài khoản" in the bottom navigation

    hub = client.get("/accounts/", {"next": "/cart/"}).content.decode()
    assert 'href="/accounts/login/?next=/cart/"' in hub


def test_the_account_page_refuses_a_next_to_another_site(client):
    hub = client.get("/accounts/", {"next": "https://evil.example/"}).content.decode()

    assert 'href="/accounts/login/"' in hub and "login/?next=https" not in hub
