""" "Theo dõi" a producer: an account follows with one button, a guest confirms her email by a link,
anyone unsubscribes from any email in one click; the producer page shows only the count."""

import re

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from producers import follows
from producers.models import Producer, ProducerFollow
from tests.factories import ProducerFactory
from tests.factories_producers import DraftProducerFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def producer():
    return ProducerFactory(name="HTX Mắm & Muối Phú Quốc", slug="htx-mam-muoi")


def follow_url(producer) -> str:
    return reverse("producer_follow:follow", args=[producer.slug])


def post(client, capture, producer, data, **extra):
    with capture(execute=True):
        return client.post(follow_url(producer), data, **extra)


def answer(response) -> str:
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


def link(message, name) -> str:
    path = reverse(f"producer_follow:{name}", args=["TOKEN"]).replace("TOKEN/", "")
    return re.search(re.escape(path) + r"[^/\s]+/", message.body).group(0)


# --- an account ---------------------------------------------------------------------------------


def test_a_signed_in_buyer_follows_at_once_and_unfollows_with_the_same_button(
    client, producer, django_capture_on_commit_callbacks
):
    buyer = UserFactory(email="Hoa@Example.vn")
    client.force_login(buyer)

    followed = post(client, django_capture_on_commit_callbacks, producer, {"action": "follow"})

    assert followed.status_code == 302
    assert followed["Location"] == producer.get_absolute_url() + "#theo-doi"
    assert "Đã theo dõi HTX Mắm & Muối Phú Quốc" in answer(followed)
    row = ProducerFollow.objects.get()
    assert (row.user, row.email, row.active) == (buyer, "hoa@example.vn", True)
    assert mail.outbox == []  # her own address needs no confirmation
    page = client.get(producer.get_absolute_url())
    assert "Đang theo dõi" in page.text and "1 người theo dõi" in page.text

    again = post(client, django_capture_on_commit_callbacks, producer, {"action": "follow"})
    assert ProducerFollow.objects.count() == 1 and "Đã theo dõi" in answer(
        again
    )  # a double tap changes nothing

    unfollowed = post(client, django_capture_on_commit_callbacks, producer, {"action": "unfollow"})
    assert "Đã bỏ theo dõi" in answer(unfollowed)
    assert not ProducerFollow.objects.get().active
    page = client.get(producer.get_absolute_url())
    assert "0 người theo dõi" in page.text and "Đang theo dõi" not in page.text


def test_the_button_takes_the_buyer_back_to_the_product_page_it_was_on(
    client, producer, django_capture_on_commit_callbacks
):
    client.force_login(UserFactory())
    response = post(
        client,
        django_capture_on_commit_callbacks,
        producer,
        {"action": "follow", "next": "/products/nuoc-mam/?variant=3"},
    )
    assert response["Location"] == "/products/nuoc-mam/?variant=3#theo-doi"


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", "x" * 5000]
)
def test_the_button_never_sends_the_buyer_to_another_site(
    client, producer, django_capture_on_commit_callbacks, target
):
    client.force_login(UserFactory())
    response = post(
        client, django_capture_on_commit_callbacks, producer, {"action": "follow", "next": target}
    )
    assert response["Location"] == producer.get_absolute_url() + "#theo-doi"


@pytest.mark.parametrize("action", ["", "delete", "follow" * 100, None])
def test_an_unknown_action_changes_nothing(client, producer, django_capture_on_commit_callbacks, action):
    client.force_login(UserFactory())
    response = post(
        client, django_capture_on_commit_callbacks, producer, {} if action is None else {"action": action}
    )
    assert response.status_code == 302
    assert "Yêu cầu không hợp lệ" in answer(response)
    assert not ProducerFollow.objects.exists()


def test_an_account_with_only_a_phone_follows_and_is_told_to_add_an_email(
    client, producer, django_capture_on_commit_callbacks
):
    client.force_login(UserFactory(email="", phone="+84912345678"))
    response = post(client, django_capture_on_commit_callbacks, producer, {"action": "follow"})
    assert "chưa có email" in answer(response)
    assert ProducerFollow.objects.get().active


def test_signing_in_takes_over_the_guest_follow_left_with_her_address(producer):
    guest = ProducerFollow.objects.create(producer=producer, email="lan@example.vn")  # never confirmed
    buyer = UserFactory(email="lan@example.vn")

    outcome = follows.follow_set(producer=producer, user=buyer, following=True)

    assert outcome.status == "followed" and outcome.follow.pk == guest.pk
    guest.refresh_from_db()
    assert (guest.user, guest.active) == (buyer, True)


# --- a guest --------------------------------------------------------------------------------------


def test_a_guest_follows_after_confirming_the_link_emailed_to_her(
    client, producer, django_capture_on_commit_callbacks
):
    response = post(client, django_capture_on_commit_callbacks, producer, {"email": "  Lan@Example.VN "})

    assert response.status_code == 302
    assert "Hãy mở thư" in answer(response)
    row = ProducerFollow.objects.get()
    assert (row.email, row.user, row.confirmed_at) == ("lan@example.vn", None, None)
    assert client.get(producer.get_absolute_url()).text.count("0 người theo dõi") == 1  # not counted yet
    [message] = mail.outbox
    assert message.to == ["lan@example.vn"]
    assert "HTX Mắm & Muối Phú Quốc" in message.subject
    assert message.extra_headers["List-Unsubscribe"].endswith(
        reverse("producer_follow:unsubscribe", args=[row.token]) + ">"
    )
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    confirm_path = link(message, "confirm")
    page = client.get(confirm_path)
    assert page.status_code == 200 and "Xác nhận theo dõi" in page.text
    assert not ProducerFollow.objects.get().active  # a mail scanner's GET changes nothing

    done = client.post(confirm_path)
    assert "Đã xác nhận" in done.text
    assert ProducerFollow.objects.get().active
    assert "1 người theo dõi" in client.get(producer.get_absolute_url()).text


@pytest.mark.parametrize(
    "email, error",
    [
        ("", "Hãy nhập email"),
        ("khong-phai-email", "Email này chưa đúng"),
        ("a" * 250 + "@example.vn", "Email dài quá"),
        ("lan@example.vn\r\nBcc: x@example.vn", "Email này chưa đúng"),
    ],
)
def test_a_bad_address_is_answered_on_the_form_and_nothing_is_stored(
    client, producer, django_capture_on_commit_callbacks, email, error
):
    response = post(client, django_capture_on_commit_callbacks, producer, {"email": email})
    assert response.status_code == 400
    assert error in response.text
    assert 'aria-invalid="true"' in response.text
    assert not ProducerFollow.objects.exists() and mail.outbox == []


def test_a_missing_email_field_or_a_list_of_values_is_refused_too(
    client, producer, django_capture_on_commit_callbacks
):
    assert post(client, django_capture_on_commit_callbacks, producer, {}).status_code == 400
    assert post(
        client, django_capture_on_commit_callbacks, producer, {"email": ["a@example.vn", "b@example.vn"]}
    ).status_code in (302, 400)
    assert ProducerFollow.objects.count() <= 1


def test_asking_again_does_not_flood_the_mailbox(client, producer, django_capture_on_commit_callbacks):
    for _ in range(3):
        response = post(client, django_capture_on_commit_callbacks, producer, {"email": "lan@example.vn"})
    assert len(mail.outbox) == 1
    assert "đã được gửi gần đây" in answer(response)
    assert ProducerFollow.objects.count() == 1


def test_one_mailbox_gets_a_few_confirmations_an_hour_whatever_the_producers(
    client, django_capture_on_commit_callbacks
):
    for number in range(follows.CONFIRMATIONS_PER_EMAIL_HOUR + 3):
        post(
            client,
            django_capture_on_commit_callbacks,
            ProducerFactory(),
            {"email": "lan@example.vn"},
            REMOTE_ADDR=f"10.0.0.{number}",
        )
    assert len(mail.outbox) == follows.CONFIRMATIONS_PER_EMAIL_HOUR


def test_one_client_address_is_throttled(client, producer, django_capture_on_commit_callbacks):
    for number in range(follows.REQUESTS_PER_ADDRESS_HOUR):
        post(client, django_capture_on_commit_callbacks, producer, {"email": f"nguoi{number}@example.vn"})
    response = post(client, django_capture_on_commit_callbacks, producer, {"email": "them@example.vn"})
    assert "nhiều yêu cầu quá" in answer(response)
    assert not ProducerFollow.objects.filter(email="them@example.vn").exists()
    other = post(
        client,
        django_capture_on_commit_callbacks,
        producer,
        {"email": "them@example.vn"},
        REMOTE_ADDR="10.9.9.9",
    )
    assert "Hãy mở thư" in answer(other)


def test_a_guest_page_shows_the_form_for_a_product_page_button(client, producer):
    page = client.get(follow_url(producer) + "?next=/products/nuoc-mam/")
    assert page.status_code == 200
    assert 'name="email"' in page.text and 'value="/products/nuoc-mam/#theo-doi"' in page.text
    assert "noindex" in page.text


def test_an_unverified_or_unknown_producer_cannot_be_followed(client, django_capture_on_commit_callbacks):
    hidden = DraftProducerFactory(verification_status=Producer.Verification.SUBMITTED)
    for slug in (hidden.slug, "khong-co"):
        response = client.post(reverse("producer_follow:follow", args=[slug]), {"email": "lan@example.vn"})
        assert response.status_code == 404
    assert not ProducerFollow.objects.exists()


def test_following_a_producer_whose_verification_was_withdrawn_is_refused(producer):
    Producer.objects.filter(pk=producer.pk).update(
        verification_status=Producer.Verification.CHANGES_REQUESTED
    )
    with pytest.raises(follows.FollowError):
        follows.follow_request(producer=producer, email="lan@example.vn")
    assert not ProducerFollow.objects.exists()


# --- unsubscribe, unknown links, privacy -----------------------------------------------------------


def test_unsubscribe_asks_on_get_and_works_by_one_click_post_without_login(client, producer):
    row = ProducerFollow.objects.create(
        producer=producer, email="lan@example.vn", confirmed_at="2026-01-01T00:00Z"
    )
    path = reverse("producer_follow:unsubscribe", args=[row.token])

    page = client.get(path)
    assert "Bỏ theo dõi" in page.text
    assert ProducerFollow.objects.get().active

    from django.test import Client

    mail_app = Client(enforce_csrf_checks=True)  # RFC 8058: the mail app posts without a CSRF token
    done = mail_app.post(path, {"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200 and "Đã bỏ theo dõi" in done.text
    assert not ProducerFollow.objects.get().active
    assert mail_app.post(path).status_code == 200  # again: still unsubscribed, no error


def test_confirming_after_unsubscribing_does_not_resubscribe(client, producer):
    row = ProducerFollow.objects.create(
        producer=producer, email="lan@example.vn", unsubscribed_at="2026-01-01T00:00Z"
    )
    response = client.post(reverse("producer_follow:confirm", args=[row.token]))
    assert "đã bỏ theo dõi" in response.text
    assert not ProducerFollow.objects.get().active


@pytest.mark.parametrize("token", ["khong-co", "x" * 65, "%20"])
def test_an_unknown_or_cut_link_answers_404_with_a_clear_page(client, token):
    for name in ("confirm", "unsubscribe"):
        response = client.get(reverse(f"producer_follow:{name}", args=[token]))
        assert response.status_code == 404
        assert "Đường dẫn không dùng được" in response.text


def test_the_producer_page_shows_the_count_and_never_an_address(
    client, producer, django_assert_max_num_queries
):
    for number in range(3):
        ProducerFollow.objects.create(
            producer=producer, email=f"bimat{number}@example.vn", confirmed_at="2026-01-01T00:00Z"
        )
    ProducerFollow.objects.create(producer=producer, email="chua@example.vn")  # unconfirmed: not counted

    with django_assert_max_num_queries(12):
        page = client.get(producer.get_absolute_url())

    assert "3 người theo dõi" in page.text
    assert "bimat" not in page.text and "chua@" not in page.text
    assert 'id="theo-doi"' in page.text and 'name="email"' in page.text  # the guest form, inside <details>


def test_the_follow_state_costs_at_most_two_queries(producer, django_assert_max_num_queries):
    buyer = UserFactory()
    follows.follow_set(producer=producer, user=buyer, following=True)
    with django_assert_max_num_queries(2):
        state = follows.follow_state(producer=producer, user=buyer)
    assert (state.count, state.following) == (1, True)
