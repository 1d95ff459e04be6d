"""News for followers: a product published for the first time and a livestream announced reach each active
follower once, by email with a one-click unsubscribe link; nothing reaches the unconfirmed or unsubscribed."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from marketplace.catalogue.models import Product
from marketplace.catalogue.services import product_save, product_set_status
from marketplace.livestreams.services import session_schedule
from producers import follow_news, follow_notifications
from producers.models import FollowNews, FollowNewsDelivery, Producer, ProducerFollow
from tests.factories import ProducerFactory, ProductFactory
from tests.factories_producers import UserFactory

pytestmark = pytest.mark.django_db
NOW = timezone.now()


@pytest.fixture
def producer():
    return ProducerFactory(name="HTX Chè Tân Cương")


def follower(producer, email, *, confirmed=True, unsubscribed=False, user=None):
    return ProducerFollow.objects.create(
        producer=producer,
        email=email,
        user=user,
        confirmed_at=NOW if confirmed else None,
        unsubscribed_at=NOW if unsubscribed else None,
    )


def publish(product, capture):
    with capture(execute=True):
        return product_set_status(product=product, by=None, status=Product.Status.PUBLISHED)


def test_a_product_published_for_the_first_time_reaches_each_active_follower_once(
    producer, django_capture_on_commit_callbacks
):
    lan = follower(producer, "lan@example.vn")
    follower(producer, "chua@example.vn", confirmed=False)
    follower(producer, "thoi@example.vn", unsubscribed=True)
    account = follower(producer, "", user=UserFactory(email="Hoa@Example.vn"))
    product = ProductFactory(producer=producer, name="Trà ô long Tân Cương", status=Product.Status.DRAFT)

    publish(product, django_capture_on_commit_callbacks)

    assert sorted(message.to[0] for message in mail.outbox) == ["hoa@example.vn", "lan@example.vn"]
    message = next(message for message in mail.outbox if message.to == ["lan@example.vn"])
    assert "Trà ô long Tân Cương" in message.subject and "HTX Chè Tân Cương" in message.subject
    assert "http://" in message.body and product.get_absolute_url() in message.body
    unsubscribe = reverse("producer_follow:unsubscribe", args=[lan.token])
    assert unsubscribe in message.body
    assert message.extra_headers["List-Unsubscribe"].endswith(unsubscribe + ">")
    assert "@" not in message.body.replace("lan@example.vn", "")  # no other follower's address
    hoa = next(message for message in mail.outbox if message.to == ["hoa@example.vn"])
    assert reverse("producer_follow:unsubscribe", args=[account.token]) in hoa.body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        product_set_status(product=product, by=None, status=Product.Status.HIDDEN)
    publish(product, django_capture_on_commit_callbacks)
    assert mail.outbox == []  # published again: not news
    assert FollowNews.objects.get().finished_at is not None


def test_a_product_created_published_is_news_and_a_draft_is_not(producer, django_capture_on_commit_callbacks):
    follower(producer, "lan@example.vn")
    draft = ProductFactory.build(producer=producer, name="Bản nháp", status=Product.Status.DRAFT)
    ready = ProductFactory.build(producer=producer, name="Chè búp", status=Product.Status.PUBLISHED)
    with django_capture_on_commit_callbacks(execute=True):
        product_save(product=draft, by=None)
        product_save(product=ready, by=None)
    assert [message.subject for message in mail.outbox] == ["HTX Chè Tân Cương có sản phẩm mới: Chè búp"]


def test_an_unverified_producers_product_is_not_news(django_capture_on_commit_callbacks):
    producer = ProducerFactory()
    follower(producer, "lan@example.vn")
    Producer.objects.filter(pk=producer.pk).update(
        verification_status=Producer.Verification.CHANGES_REQUESTED
    )
    product = ProductFactory(producer=Producer.objects.get(pk=producer.pk), status=Product.Status.DRAFT)
    publish(product, django_capture_on_commit_callbacks)
    assert mail.outbox == [] and not FollowNews.objects.exists()


def test_a_livestream_scheduled_reaches_followers_of_the_host_and_co_hosts_once(
    producer, django_capture_on_commit_callbacks
):
    co_host = ProducerFactory(name="HTX Bánh chưng")
    follower(producer, "lan@example.vn")
    follower(co_host, "lan@example.vn")  # follows both: one email
    follower(co_host, "mai@example.vn")
    starts = timezone.now() + timedelta(days=2)

    with django_capture_on_commit_callbacks(execute=True):
        session = session_schedule(
            host=producer,
            by=None,
            title="Pha trà cùng chị em",
            platform="youtube",
            stream_url="https://www.youtube.com/live/abcDEF12345",
            starts_at=starts,
            ends_at=starts + timedelta(hours=1),
            co_hosts=[co_host],
        )

    assert sorted(message.to[0] for message in mail.outbox) == ["lan@example.vn", "mai@example.vn"]
    message = mail.outbox[0]
    assert message.subject == "HTX Chè Tân Cương sắp live: Pha trà cùng chị em"
    assert session.get_absolute_url() in message.body
    assert timezone.localtime(starts).strftime("%H:%M %d/%m/%Y") in message.body
    assert FollowNewsDelivery.objects.count() == 2


def test_sending_again_sends_nothing_more(producer, django_capture_on_commit_callbacks):
    follower(producer, "lan@example.vn")
    publish(
        ProductFactory(producer=producer, status=Product.Status.DRAFT), django_capture_on_commit_callbacks
    )
    news = FollowNews.objects.get()
    FollowNews.objects.filter(pk=news.pk).update(finished_at=None)  # as if the worker died before marking it

    assert follow_news.follow_news_send(news.pk) == 0
    assert len(mail.outbox) == 1
    assert follow_news.follow_news_send(987654) == 0  # unknown id: nothing, no error


def test_a_mail_server_failure_releases_the_address_and_the_retry_sends_only_the_rest(
    producer, monkeypatch, django_capture_on_commit_callbacks
):
    for number in range(3):
        follower(producer, f"nguoi{number}@example.vn")
    product = ProductFactory(producer=producer, status=Product.Status.DRAFT)
    with django_capture_on_commit_callbacks(execute=False):
        product_set_status(product=product, by=None, status=Product.Status.PUBLISHED)
    news = FollowNews.objects.get()
    real_notify = follow_notifications.follow_news_notify

    def flaky(*, news, follow, connection=None):
        if follow.email == "nguoi1@example.vn":
            raise follow_notifications.TemporaryFailure(str(smtplib.SMTPServerDisconnected("bận")))
        return real_notify(news=news, follow=follow, connection=connection)

    monkeypatch.setattr(follow_notifications, "follow_news_notify", flaky)
    with pytest.raises(follow_notifications.TemporaryFailure):
        follow_news.follow_news_send(news.pk)
    assert sorted(message.to[0] for message in mail.outbox) == ["nguoi0@example.vn", "nguoi2@example.vn"]
    assert FollowNews.objects.get().finished_at is None

    monkeypatch.setattr(follow_notifications, "follow_news_notify", real_notify)
    assert follow_news.follow_news_send(news.pk) == 1
    assert sorted(message.to[0] for message in mail.outbox) == [f"nguoi{n}@example.vn" for n in (0, 1, 2)]


def test_followers_are_sent_in_batches_with_bounded_queries(
    producer, monkeypatch, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(follow_news, "BATCH_SIZE", 5)
    for number in range(12):
        follower(producer, f"nguoi{number}@example.vn")
    with django_capture_on_commit_callbacks(execute=False):
        product_set_status(
            product=ProductFactory(producer=producer, status=Product.Status.DRAFT),
            by=None,
            status=Product.Status.PUBLISHED,
        )
    news = FollowNews.objects.get()
    # per address: a savepoint, the claim and its release; per batch one read; a few fixed ones
    with django_assert_max_num_queries(12 * 3 + 4 + 6):
        assert follow_news.follow_news_send(news.pk) == 12
    assert len({message.to[0] for message in mail.outbox}) == 12


def test_publishing_without_followers_queues_nothing(producer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        product_set_status(
            product=ProductFactory(producer=producer, status=Product.Status.DRAFT),
            by=None,
            status=Product.Status.PUBLISHED,
        )
    assert FollowNews.objects.count() == 1  # the first-time marker is kept all the same
    assert not [
        callback for callback in callbacks if getattr(callback, "func", None) is follow_news._queue_send
    ]
    follower(producer, "lan@example.vn")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        product_set_status(
            product=ProductFactory(producer=producer, status=Product.Status.DRAFT),
            by=None,
            status=Product.Status.PUBLISHED,
        )
    assert [callback for callback in callbacks if getattr(callback, "func", None) is follow_news._queue_send]
