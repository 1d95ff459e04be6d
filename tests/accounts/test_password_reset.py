import re

import pytest
from django.core import mail

from tests.accounts.conftest import LOGIN_URL, PASSWORD

pytestmark = pytest.mark.django_db

RESET_URL = "/accounts/password-reset/"
NEW_PASSWORD = "Mat-khau-moi-2026"


def reset_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def test_the_page_explains_that_phone_accounts_ask_their_union_officer(client):
    html = client.get(RESET_URL).content.decode()

    assert "Email của tài khoản" in html
    assert "Chưa lấy lại mật khẩu qua tin nhắn SMS được" in html and "cán bộ Hội Phụ nữ" in html


def test_a_reset_email_carries_a_link_that_sets_a_new_password(client, email_user):
    response = client.post(RESET_URL, {"email": "Hoa.Nguyen@example.vn"})

    assert response.status_code == 302 and response.url == "/accounts/password-reset/sent/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["hoa.nguyen@example.vn"]
    assert message.subject == "Đặt lại mật khẩu Chợ Phụ nữ"
    assert "đặt mật khẩu mới" in message.body and "&#x27;" not in message.body

    form_page = client.get(reset_link(message), follow=True)
    assert form_page.status_code == 200 and "Mật khẩu mới" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert done.status_code == 302 and done.url == "/accounts/reset/done/"
    email_user.refresh_from_db()
    assert email_user.check_password(NEW_PASSWORD) and not email_user.check_password(PASSWORD)
    assert "Đã đổi mật khẩu" in client.get(done.url).content.decode()
    assert (
        client.post(LOGIN_URL, {"username": "hoa.nguyen@example.vn", "password": NEW_PASSWORD}).status_code
        == 302
    )


def test_the_link_works_once(client, email_user):
    client.post(RESET_URL, {"email": "hoa.nguyen@example.vn"})
    link = reset_link(mail.outbox[0])
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    again = client.get(link, follow=True)

    assert "Đường dẫn này đã hết hạn hoặc đã được dùng rồi." in again.content.decode()


def test_a_weak_or_mismatched_new_password_is_refused_in_vietnamese(client, email_user):
    client.post(RESET_URL, {"email": "hoa.nguyen@example.vn"})
    form_url = client.get(reset_link(mail.outbox[0]), follow=True).redirect_chain[-1][0]

    weak = client.post(form_url, {"new_password1": "123", "new_password2": "123"})
    mismatched = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD + "x"})

    assert "Mật khẩu quá ngắn, cần ít nhất 8 ký tự." in weak.content.decode()
    assert "Hai mật khẩu không khớp nhau." in mismatched.content.decode()
    email_user.refresh_from_db()
    assert email_user.check_password(PASSWORD)


def test_an_unknown_email_shows_the_same_sent_page_and_sends_nothing(client, email_user):
    known = client.post(RESET_URL, {"email": "hoa.nguyen@example.vn"}, follow=True)
    unknown = client.post(RESET_URL, {"email": "ai-do@example.vn"}, follow=True)

    assert unknown.redirect_chain == known.redirect_chain
    assert unknown.content == known.content
    assert len(mail.outbox) == 1


def test_a_phone_number_gets_the_note_instead_of_an_email(client, phone_user):
    response = client.post(RESET_URL, {"email": "0912 345 678"})

    assert response.status_code == 200
    assert "Chưa lấy lại mật khẩu qua tin nhắn SMS được." in " ".join(
        response.context["form"].errors["email"]
    )
    assert mail.outbox == []


@pytest.mark.parametrize("typed", ["", "abc", "a" * 5000 + "@example.vn"])
def test_bad_input_is_a_form_error(client, typed):
    response = client.post(RESET_URL, {"email": typed})

    assert response.status_code == 200 and response.context["form"].errors["email"]
    assert mail.outbox == []


def test_resetting_the_password_lifts_a_login_lockout(client, email_user):
    for _ in range(5):
        client.post(LOGIN_URL, {"username": "hoa.nguyen@example.vn", "password": "sai"})
    assert (
        client.post(LOGIN_URL, {"username": "hoa.nguyen@example.vn", "password": PASSWORD}).status_code == 429
    )

    client.post(RESET_URL, {"email": "hoa.nguyen@example.vn"})
    form_url = client.get(reset_link(mail.outbox[0]), follow=True).redirect_chain[-1][0]
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert (
        client.post(LOGIN_URL, {"username": "hoa.nguyen@example.vn", "password": NEW_PASSWORD}).status_code
        == 302
    )


def test_the_reset_link_uses_the_sites_public_address_not_the_requests_host(client, email_user, settings):
    settings.SITE_URL = "https://chophunu.example.org"

    client.post(RESET_URL, {"email": "hoa.nguyen@example.vn"}, HTTP_HOST="127.0.0.1:8000")

    [message] = mail.outbox
    assert "https://chophunu.example.org/accounts/reset/" in message.body and "127.0.0.1" not in message.body
