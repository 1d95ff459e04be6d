"""An Atom feed per news section (its own news and its sub-sections'), for feed readers and Zalo bots."""

from datetime import datetime, time

from django.http import HttpResponse
from django.utils import feedgenerator, timezone

FEED_ITEMS = 20


def atom_feed(section, request) -> HttpResponse:
    feed = feedgenerator.Atom1Feed(
        title=f"{section.title} — Chợ Phụ nữ", link=section.get_full_url(request), description=section.intro,
        language="vi", feed_url=request.build_absolute_uri(),
    )
    for item in section.news()[:FEED_ITEMS]:
        published = item.first_published_at or timezone.make_aware(datetime.combine(item.date, time(8)))
        feed.add_item(
            title=item.title, link=item.get_full_url(request), description=item.summary, pubdate=published,
            updateddate=item.last_published_at or published, unique_id=item.get_full_url(request),
            categories=[item.get_kind_display()],
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response
