"""Reads of the news sections: the listing (filterable by province, paginated) and the home page's latest."""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from marketplace.core.geography import province_by_codename, province_names

NEWS_PER_PAGE = 12
THUMBNAIL = "fill-160x120|format-webp"


def with_thumbnails(news):
    """The list's thumbnails in one query however many items (Wagtail reads prefetched renditions)."""
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec=THUMBNAIL)
    return news.select_related("image").prefetch_related(Prefetch("image__renditions", queryset=renditions))


def _page_number(raw) -> int:
    text = str(raw or "1")
    return int(text) if text.isascii() and text.isdigit() and len(text) < 6 else 1


def news_listing(section, params) -> dict:
    """The section's published news, newest first; `?province=<codename>` narrows the central listing."""
    news = with_thumbnails(section.news())
    codes = province_by_codename()
    chosen = params.get("province") or ""
    notice = ""
    if chosen and chosen in codes:
        news = news.filter(province_code=codes[chosen])
    elif chosen:
        notice, chosen = _("Không có tỉnh/thành này; đang hiện tin của mọi nơi."), ""
    names = province_names()
    provinces = sorted({code for code in section.news().values_list("province_code", flat=True) if code},
                       key=lambda code: names.get(code, ""))
    by_code = {code: name for name, code in codes.items()}
    page = Paginator(news, NEWS_PER_PAGE).get_page(_page_number(params.get("page")))
    return {
        "page_obj": page,
        "query_without_page": f"province={chosen}" if chosen else "",
        "province_options": [(by_code[code], names.get(code, "")) for code in provinces if code in by_code],
        "chosen_province": chosen,
        "province_notice": notice,
    }


def latest_news(limit: int = 4):
    from cms.news_models import NewsPage

    return with_thumbnails(NewsPage.objects.live().order_by("-date", "-first_published_at"))[:limit]


def news_url() -> str:
    from cms.news_models import NewsIndexPage

    central = NewsIndexPage.objects.live().filter(unit__level=0).first()
    return central.url if central else ""
