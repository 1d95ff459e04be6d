""""Nhắc tôi": a visitor subscribes to a session, confirms by email, and unsubscribes from any email."""

import re

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from marketplace.livestreams.models import LiveSession, LiveSubscription
from tests.factories_live import LiveSessionFactory, ended_session, live_session, subscription
from tests.factories_producers import DraftProducerFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    return LiveSessionFactory(title="Mắm & muối Phú Quốc")


def subscribe(client, capture, session, email="lan@example.vn", **extra):
    data = {"email": email} if email is not None else {}
    with capture(execute=True):
        return client.post(reverse("livestreams:subscribe", args=[session.pk]), data, **extra)


def answer(response) -> str:
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


def link(message, name) -> str:
    path = reverse(f"livestreams:{name}", args=["TOKEN"]).replace("TOKEN/", "")
    return re.search(re.escape(path) + r"[^/\s]+/", message.body).group(0)


def test_a_guest_subscribes_unconfirmed_and_gets_a_confirmation_email(client, session,
                                                                     django_capture_on_commit_callbacks):
    response = subscribe(client, django_capture_on_commit_callbacks, session, email="  Lan@Example.VN ")

    assert response.status_code == 302
    assert "Hãy mở thư" in answer(response)
    row = LiveSubscription.objects.get(session=session)
    assert (row.email, row.confirmed_at, row.user) == ("lan@example.vn", None, None)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lan@example.vn"]
    assert "Mắm & muối Phú Quốc" in message.subject
    assert "http://" in message.body and reverse("livestreams:confirm", args=[row.token]) in message.body
    assert reverse("livestreams:unsubscribe", args=[row.token]) in message.body
    assert message.extra_headers["List-Unsubscribe"].endswith(
        reverse("livestreams:unsubscribe", args=[row.token]) + ">")


def test_the_confirmation_page_asks_on_get_and_confirms_on_post(client, session, django_capture_on_commit_callbacks):
    subscribe(client, django_capture_on_commit_callbacks, session)
    confirm_path = link(mail.outbox[0], "confirm")

    page = client.get(confirm_path)
    assert page.status_code == 200
    assert "Xác nhận nhận nhắc" in page.text
    assert LiveSubscription.objects.get().confirmed_at is None  # a mail scanner's GET changes nothing

    done = client.post(confirm_path)
    assert done.status_code == 200
    assert "Đã xác nhận" in done.text
    assert LiveSubscription.objects.get().active


def test_a_signed_in_buyer_is_subscribed_at_once_with_her_account_email(client, session,
                                                                        django_capture_on_commit_callbacks):
    user = UserFactory(email="hoa@example.vn")
    client.force_login(user)

    response = subscribe(client, django_capture_on_commit_callbacks, session, email="")

    assert "Đã bật nhắc" in answer(response)
    row = LiveSubscription.objects.get()
    assert (row.email, row.user, row.active) == ("hoa@example.vn", user, True)
    assert mail.outbox == []


def test_a_signed_in_buyer_typing_another_address_must_confirm_it(client, session,
                                                                  django_capture_on_commit_callbacks):
    client.force_login(UserFactory(email="hoa@example.vn"))

    subscribe(client, django_capture_on_commit_callbacks, session, email="me@example.vn")

    row = LiveSubscription.objects.get()
    assert (row.email, row.confirmed_at, row.user) == ("me@example.vn", None, None)
    assert mail.outbox[0].to == ["me@example.vn"]


@pytest.mark.parametrize("confirmed", [True, False])
def test_subscribing_again_answers_already_and_changes_nothing(client, session, confirmed,
                                                               django_capture_on_commit_callbacks):
    subscribe(client, django_capture_on_commit_callbacks, session)
    if confirmed:
        LiveSubscription.objects.update(confirmed_at=session.created_at)
    before = list(LiveSubscription.objects.values())
    mails = len(mail.outbox)

    response = subscribe(client, django_capture_on_commit_callbacks, session, email="LAN@example.vn")

    assert response.status_code == 302
    assert "Bạn đã đăng ký nhắc cho phiên này rồi" in answer(response)
    assert list(LiveSubscription.objects.values()) == before
    assert len(mail.outbox) == mails


@pytest.mark.parametrize(("email", "error"), [
    (None, "Hãy nhập email"),
    ("", "Hãy nhập email"),
    ("abc", "Email này chưa đúng"),
    ("a@b", "Email này chưa đúng"),
    ("x" * 490 + "@example.vn", "Email dài quá"),
])
def test_a_bad_email_gets_a_clear_message_and_nothing_is_saved(client, session, email, error,
                                                               django_capture_on_commit_callbacks):
    response = subscribe(client, django_capture_on_commit_callbacks, session, email=email)

    assert response.status_code == 400
    assert error in response.text
    assert "field-errors" in response.text and 'aria-invalid="true"' in response.text
    assert not LiveSubscription.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize("make", [
    lambda: LiveSessionFactory(state=LiveSession.State.CANCELLED, cancel_reason="Ốm"),
    lambda: ended_session(),
])
def test_a_cancelled_or_ended_session_takes_no_subscription(client, make, django_capture_on_commit_callbacks):
    closed = make()

    response = subscribe(client, django_capture_on_commit_callbacks, closed)

    assert response.status_code == 302
    assert "không đăng ký nhắc được nữa" in answer(response)
    assert not LiveSubscription.objects.exists()
    assert mail.outbox == []


def test_a_live_session_takes_subscriptions(client, django_capture_on_commit_callbacks):
    now_live = live_session()

    subscribe(client, django_capture_on_commit_callbacks, now_live)

    assert LiveSubscription.objects.filter(session=now_live).exists()


def test_a_session_of_an_unverified_host_or_unknown_is_not_found(client, django_capture_on_commit_callbacks):
    hidden = LiveSessionFactory(host=DraftProducerFactory())

    response = subscribe(client, django_capture_on_commit_callbacks, hidden)
    missing = client.post(reverse("livestreams:subscribe", args=[hidden.pk + 1000]), {"email": "lan@example.vn"})

    assert response.status_code == 404 and missing.status_code == 404
    assert "Không tìm thấy phiên live này" in response.text
    assert not LiveSubscription.objects.exists()


def test_subscribe_takes_only_post(client, session):
    assert client.get(reverse("livestreams:subscribe", args=[session.pk])).status_code == 405


def test_unsubscribe_get_shows_the_session_and_post_unsubscribes(client, session):
    row = subscription(session, email="lan@example.vn")
    url = reverse("livestreams:unsubscribe", args=[row.token])

    page = client.get(url)
    row.refresh_from_db()
    assert page.status_code == 200
    assert "Mắm &amp; muối Phú Quốc" in page.text
    assert row.unsubscribed_at is None and row.active

    done = client.post(url)
    row.refresh_from_db()
    assert done.status_code == 200
    assert "Đã huỷ" in done.text
    assert row.unsubscribed_at is not None and not row.active


def test_one_click_unsubscribe_from_the_mail_app_needs_no_csrf_token(session):
    from django.test import Client

    row = subscription(session)
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("livestreams:unsubscribe", args=[row.token]), {"List-Unsubscribe": "One-Click"})

    row.refresh_from_db()
    assert response.status_code == 200
    assert row.unsubscribed_at is not None


@pytest.mark.parametrize("name", ["unsubscribe", "confirm"])
def test_a_tampered_token_shows_a_clear_404_and_changes_nothing(client, session, name):
    row = subscription(session, confirmed=(name == "unsubscribe"))
    last = row.token[-1]
    tampered = row.token[:-1] + ("A" if last != "A" else "B")
    assert tampered != row.token

    for method in (client.get, client.post):
        response = method(reverse(f"livestreams:{name}", args=[tampered]))
        assert response.status_code == 404
        assert "Đường dẫn không dùng được" in response.text
    huge = client.post(reverse(f"livestreams:{name}", args=["x" * 500]))
    assert huge.status_code == 404

    row.refresh_from_db()
    assert row.unsubscribed_at is None
    assert (row.confirmed_at is None) == (name == "confirm")


def test_subscribing_again_after_unsubscribing_reactivates(client, session, django_capture_on_commit_callbacks):
    user = UserFactory(email="hoa@example.vn")
    row = subscription(session, email="hoa@example.vn")
    client.post(reverse("livestreams:unsubscribe", args=[row.token]))
    client.force_login(user)

    response = subscribe(client, django_capture_on_commit_callbacks, session, email="hoa@example.vn")

    row.refresh_from_db()
    assert "Đã bật nhắc" in answer(response)
    assert row.active and row.user == user
    assert LiveSubscription.objects.count() == 1


def test_a_guest_coming_back_after_unsubscribing_confirms_again(client, session, django_capture_on_commit_callbacks):
    row = subscription(session, email="lan@example.vn")
    client.post(reverse("livestreams:unsubscribe", args=[row.token]))

    subscribe(client, django_capture_on_commit_callbacks, session, email="lan@example.vn")

    row.refresh_from_db()
    assert row.unsubscribed_at is None and row.confirmed_at is None
    assert len(mail.outbox) == 1 and "Xác nhận" in mail.outbox[0].subject


def test_a_confirmation_link_does_not_undo_an_unsubscribe(client, session):
    row = subscription(session, email="lan@example.vn", confirmed=False)
    client.post(reverse("livestreams:unsubscribe", args=[row.token]))

    response = client.post(reverse("livestreams:confirm", args=[row.token]))

    row.refresh_from_db()
    assert response.status_code == 200
    assert "đã huỷ nhận nhắc" in response.text
    assert row.confirmed_at is None and not row.active


def test_one_address_cannot_flood_strangers_with_confirmation_emails(client, session,
                                                                     django_capture_on_commit_callbacks):
    from marketplace.livestreams.subscriptions import CONFIRMATIONS_PER_ADDRESS_HOUR

    for number in range(CONFIRMATIONS_PER_ADDRESS_HOUR):
        subscribe(client, django_capture_on_commit_callbacks, session, email=f"nguoi{number}@example.vn")

    response = subscribe(client, django_capture_on_commit_callbacks, session, email="one-more@example.vn")

    assert "nhiều yêu cầu quá" in answer(response)
    assert len(mail.outbox) == CONFIRMATIONS_PER_ADDRESS_HOUR
    assert not LiveSubscription.objects.filter(email="one-more@example.vn").exists()


def test_the_subscribe_form_renders_for_a_session(rf, session):
    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string

    request = rf.get("/")
    request.user = AnonymousUser()
    html = render_to_string("livestreams/_subscribe_form.html", {"session": session, "user": request.user},
                            request=request)

    assert reverse("livestreams:subscribe", args=[session.pk]) in html
    assert 'name="email"' in html and "csrfmiddlewaretoken" in html


def test_reminder_links_use_the_sites_public_address(client, session, settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://chophunu.example.org"

    subscribe(client, django_capture_on_commit_callbacks, session)

    [message] = mail.outbox
    row = LiveSubscription.objects.get(session=session)
    assert "https://chophunu.example.org" + reverse("livestreams:confirm", args=[row.token]) in message.body
    assert "127.0.0.1" not in message.body and "testserver" not in message.body
