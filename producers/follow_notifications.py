"""Messages to a producer's followers, one function per message. Email today; SMS and Zalo (issue #13)
are added inside these functions, so no caller changes. Every message carries the follower's own
one-click unsubscribe link (also as List-Unsubscribe headers, RFC 8058)."""

import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation

from marketplace.core.emails import email_render
from marketplace.core.links import absolute_url
from producers.models import FollowNews, ProducerFollow


class TemporaryFailure(Exception):
    """The mail server could not take the message now; the task retries."""


def follow_confirmation_notify(*, follow: ProducerFollow, connection=None) -> int:
    """The link a guest opens to confirm that she wants news of this producer at this address."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {"confirm_url": absolute_url(reverse("producer_follow:confirm", args=[follow.token]))}
    return _email(follow, "follow_confirm", context, connection)


def follow_news_notify(*, news: FollowNews, follow: ProducerFollow, connection=None) -> int:
    """A new product, or a livestream announced, by a producer she follows."""
    template = "follow_live" if news.kind == FollowNews.Kind.LIVESTREAM else "follow_product"
    return _email(follow, template, {"news": news, "news_url": absolute_url(news.path)}, connection)


def _email(follow: ProducerFollow, template: str, context: dict, connection) -> int:
    address = follow.address
    if not address:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        unsubscribe_url = absolute_url(reverse("producer_follow:unsubscribe", args=[follow.token]))
        context = {
            **context,
            "producer": follow.producer,
            "producer_url": absolute_url(follow.producer.get_absolute_url()),
            "unsubscribe_url": unsubscribe_url,
            "site_url": absolute_url(),
        }
        subject, body = email_render(f"producers/email/{template}", context)
    message = EmailMessage(
        subject,
        body,
        None,
        [address],
        connection=connection,
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    try:
        return message.send()
    except (smtplib.SMTPException, OSError) as error:
        raise TemporaryFailure(str(error)) from error
