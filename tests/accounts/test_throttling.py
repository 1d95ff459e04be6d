from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from axes.utils import reset
from django.contrib.auth import get_user_model

from tests.accounts.conftest import LOGIN_URL, PASSWORD, SIGNUP_URL

pytestmark = pytest.mark.django_db

User = get_user_model()


def fail(client, username="0912345678", times=1, ip="10.0.0.1"):
    return [
        client.post(LOGIN_URL, {"username": username, "password": "sai-mat-khau"}, REMOTE_ADDR=ip)
        for _ in range(times)
    ]


def log_in(client, username="0912345678", ip="10.0.0.1"):
    return client.post(LOGIN_URL, {"username": username, "password": PASSWORD}, REMOTE_ADDR=ip)


def test_four_failures_still_let_the_right_password_in(client, phone_user):
    assert [r.status_code for r in fail(client, times=4)] == [200] * 4

    assert log_in(client).status_code == 302


def test_after_five_failures_even_the_right_password_gets_the_lockout_page(client, phone_user):
    fail(client, times=5)

    response = log_in(client)

    html = response.content.decode()
    assert response.status_code == 429
    assert "Tạm khoá đăng nhập" in html and "15 phút" in html and "<script" not in html
    assert "_auth_user_id" not in client.session


def test_failures_count_together_whatever_the_spelling_of_the_number(client, phone_user):
    for spelling in ["0912345678", "0912 345 678", "+84912345678", "84912345678", "0912.345.678"]:
        fail(client, username=spelling)

    assert log_in(client, username="+84 912 345 678").status_code == 429


def test_the_lockout_is_per_address_so_another_network_may_log_in(client, phone_user):
    fail(client, times=5, ip="10.0.0.1")

    assert log_in(client, ip="10.0.0.2").status_code == 302


def test_unknown_accounts_are_locked_out_too(client):
    responses = fail(client, username="0987654321", times=6)

    assert responses[-1].status_code == 429


def test_the_lockout_ends_after_fifteen_minutes(client, phone_user):
    fail(client, times=5)
    assert log_in(client).status_code == 429

    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16)
    )

    assert log_in(client).status_code == 302


def test_retrying_during_the_lockout_does_not_prolong_it(client, phone_user):
    fail(client, times=5)
    locked_at = AccessAttempt.objects.get().attempt_time

    fail(client, times=3)

    assert AccessAttempt.objects.get().attempt_time == locked_at


def test_axes_reset_unlocks_at_once(client, phone_user):
    fail(client, times=5)

    reset(username=phone_user.username)

    assert log_in(client).status_code == 302


def test_a_success_forgets_earlier_failures(client, phone_user):
    fail(client, times=4)
    log_in(client)
    client.logout()

    fail(client, times=4)

    assert log_in(client).status_code == 302


def signup(client, number, ip="10.0.0.1"):
    data = {
        "identifier": f"09123456{number:02d}",
        "full_name": "Lan",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    response = client.post(SIGNUP_URL, data, REMOTE_ADDR=ip)
    client.logout()
    return response


def test_sign_up_is_limited_per_address_per_hour(client, settings):
    settings.SIGNUP_ATTEMPTS_PER_HOUR = 10
    assert [signup(client, n).status_code for n in range(10)] == [302] * 10

    refused = signup(client, 10)

    assert refused.status_code == 429
    assert "Tạm dừng đăng ký" in refused.content.decode()
    assert User.objects.count() == 10
    assert signup(client, 11, ip="10.0.0.2").status_code == 302


def test_failed_sign_ups_count_too(client, settings):
    settings.SIGNUP_ATTEMPTS_PER_HOUR = 3
    for _ in range(3):
        client.post(SIGNUP_URL, {"identifier": "abc"}, REMOTE_ADDR="10.0.0.1")

    assert signup(client, 1).status_code == 429
    assert User.objects.count() == 0


def test_looking_at_the_sign_up_page_is_never_limited(client, settings):
    settings.SIGNUP_ATTEMPTS_PER_HOUR = 1
    signup(client, 1)
    signup(client, 2)

    assert client.get(SIGNUP_URL, REMOTE_ADDR="10.0.0.1").status_code == 200


def test_the_phone_the_email_and_the_username_of_one_account_share_one_count(client, django_user_model):
    django_user_model.objects.create_user(
        username="chi-mai", phone="+84387654321", email="mai@example.vn", password=PASSWORD
    )
    fail(client, username="0387 654 321", times=2)
    fail(client, username="MAI@example.vn", times=2)
    fail(client, username="chi-mai", times=1)

    assert log_in(client, username="mai@example.vn").status_code == 429
