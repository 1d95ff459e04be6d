"""News for a producer's followers: a product published for the first time, a livestream announced.

The services that publish a product or schedule a livestream call `follow_news_announce` inside their
transaction; the news row is the first-time marker, and sending is queued on commit. Sending walks the
followers in batches; each address is claimed by a unique delivery row before its email goes, so a retried
task (or a follower of two co-hosts) gets the news once.
"""

from functools import partial

from django.conf import settings
from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from producers import follow_notifications
from producers.models import FollowNews, FollowNewsDelivery, Producer, ProducerFollow

BATCH_SIZE = 100


def follow_news_announce(
    *, kind: str, subject, producer_ids, title: str, starts_at=None
) -> FollowNews | None:
    """Record news of `subject` (a product or a livestream: its pk and get_absolute_url are read) for the
    followers of `producer_ids` (the first is the owner or host), unless it was announced before.
    Call it inside the transaction that publishes; None when nothing is announced."""
    producer_ids = list(dict.fromkeys(producer_ids))
    if (
        not producer_ids
        or not Producer.objects.filter(
            pk=producer_ids[0], verification_status=Producer.Verification.VERIFIED
        ).exists()
    ):
        return None  # not public yet: its followers could not open the page
    with translation.override(settings.LANGUAGE_CODE):  # the link in the email is the Vietnamese page
        path = subject.get_absolute_url()
    try:
        with transaction.atomic():
            news = FollowNews.objects.create(
                kind=kind,
                object_id=subject.pk,
                producer_id=producer_ids[0],
                title=title[:200],
                path=path[:300],
                starts_at=starts_at,
            )
    except IntegrityError:
        return None  # announced before: publishing again is not news
    if producer_ids[1:]:
        news.also_producers.set(producer_ids[1:])
    if ProducerFollow.objects.active().filter(producer_id__in=producer_ids).exists():
        transaction.on_commit(partial(_queue_send, news.pk), robust=True)
    return news


def follow_news_send(news_id: int) -> int:
    """Email the news to every active follower not yet reached; returns how many were sent now.

    A mail-server failure releases that address's claim and raises TemporaryFailure after the batch,
    so the task's retry sends only what is left."""
    news = FollowNews.objects.filter(pk=news_id, finished_at__isnull=True).select_related("producer").first()
    if news is None:
        return 0
    producer_ids = [news.producer_id, *news.also_producers.values_list("pk", flat=True)]
    followers = (
        ProducerFollow.objects.active()
        .filter(producer_id__in=producer_ids)
        .select_related("user", "producer")
        .order_by("pk")
    )
    sent, last_pk, failure = 0, 0, None
    while batch := list(followers.filter(pk__gt=last_pk)[:BATCH_SIZE]):
        last_pk = batch[-1].pk
        with get_connection() as connection:  # one connection to the mail server per batch
            for follow in batch:
                claim = _claim(news, follow.address)
                if claim is None:
                    continue
                try:
                    sent += follow_notifications.follow_news_notify(
                        news=news, follow=follow, connection=connection
                    )
                except follow_notifications.TemporaryFailure as error:
                    claim.delete()
                    failure = error
    if failure is not None:
        raise failure
    FollowNews.objects.filter(pk=news.pk).update(finished_at=timezone.now())
    return sent


def _claim(news: FollowNews, address: str) -> FollowNewsDelivery | None:
    if not address:
        return None  # an account with only a phone: no channel yet (SMS/Zalo will reach her)
    try:
        with transaction.atomic():
            return FollowNewsDelivery.objects.create(news=news, email=address)
    except IntegrityError:
        return None  # already sent, or being sent by a twin task


def _queue_send(news_id: int) -> None:
    from producers.tasks import send_follow_news

    send_follow_news.delay(news_id)
