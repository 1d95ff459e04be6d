from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import LinkBlock, ShowcaseStreamBlock, StandardStreamBlock
from marketplace.core.page_cache import cached_for_visitors


class HomePage(Page):
    hero_title = models.CharField(_("tiêu đề lớn"), max_length=120)
    hero_text = models.CharField(_("lời chào"), max_length=250, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("ảnh bìa"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hero_cta_label = models.CharField(_("nút hành động"), max_length=60, blank=True)
    # English twins, shown under /en/ when filled (templatetags "localized").
    hero_title_en = models.CharField(_("tiêu đề lớn (tiếng Anh)"), max_length=120, blank=True)
    hero_text_en = models.CharField(_("lời chào (tiếng Anh)"), max_length=250, blank=True)
    hero_cta_label_en = models.CharField(_("nút hành động (tiếng Anh)"), max_length=60, blank=True)
    hero_cta_url = models.CharField(_("đường dẫn của nút"), max_length=300, blank=True)
    newest_count = models.PositiveSmallIntegerField(_("số sản phẩm mới hiển thị"), default=8)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("hero_image"),
             FieldPanel("hero_cta_label"), FieldPanel("hero_cta_url"),
             FieldPanel("hero_title_en"), FieldPanel("hero_text_en"), FieldPanel("hero_cta_label_en")],
            heading=_("Phần đầu trang"),
        ),
        InlinePanel("featured_categories", label=_("Danh mục nổi bật")),
        InlinePanel("featured_showcases", label=_("Showcase nổi bật")),
        FieldPanel("newest_count"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("trang chủ")

    def serve(self, request, *args, **kwargs):
        # The same for every visitor without a session; briefly, as its live banner follows the clock.
        return cached_for_visitors(super().serve, brief=True)(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from cms.selectors import home_context

        context = super().get_context(request, *args, **kwargs)
        context.update(home_context(page=self))
        return context


class HomeFeaturedCategory(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_categories")
    category = models.ForeignKey("catalogue.Category", verbose_name=_("danh mục"), on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("category")]


class HomeFeaturedShowcase(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_showcases")
    showcase = models.ForeignKey("cms.ShowcasePage", verbose_name=_("showcase"), on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("showcase")]


class ShowcaseIndexPage(Page):
    intro = RichTextField(_("giới thiệu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["cms.ShowcasePage"]
    max_count = 1

    class Meta:
        verbose_name = _("danh sách showcase")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        renditions = get_image_model().get_rendition_model().objects.filter(filter_spec="fill-480x270|format-webp")
        context["showcases"] = (
            ShowcasePage.objects.child_of(self).live().select_related("cover_image")
            .prefetch_related(Prefetch("cover_image__renditions", queryset=renditions))
            .order_by("-first_published_at")
        )
        return context


class ShowcasePage(Page):
    summary = models.CharField(_("tóm tắt"), max_length=250)
    cover_image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("ảnh bìa"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = StreamField(ShowcaseStreamBlock(), verbose_name=_("nội dung"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("cover_image"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["cms.ShowcaseIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("showcase khởi nghiệp")


class StandardPage(Page):
    intro = models.CharField(_("giới thiệu"), max_length=250, blank=True)
    body = StreamField(StandardStreamBlock(), verbose_name=_("nội dung"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("trang thông tin")


class LivestreamCalendarPage(Page):
    """The union's livestream calendar: the sessions staff featured (the "featured" flag of a session
    in the admin), live now or coming, by day, and the latest featured replays."""

    intro = RichTextField(_("giới thiệu"), blank=True, features=["bold", "italic", "link", "ol", "ul"])
    replay_count = models.PositiveSmallIntegerField(
        _("số video xem lại hiển thị"), default=6, validators=[MaxValueValidator(24)],
        help_text=_("0 để không hiện phần xem lại."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("replay_count")]
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("lịch livestream của Hội")

    def get_context(self, request, *args, **kwargs):
        from cms.live_calendar import calendar_context

        context = super().get_context(request, *args, **kwargs)
        context.update(calendar_context(replay_count=self.replay_count))
        return context


@register_setting(icon="list-ul")
class SiteNavigation(BaseGenericSetting):
    """The header menu and the footer, edited by staff under Settings."""

    menu_links = StreamField([("link", LinkBlock())], verbose_name=_("menu"), blank=True)
    footer_text = models.TextField(_("chân trang"), blank=True)
    footer_text_en = models.TextField(_("chân trang (tiếng Anh)"), blank=True)
    footer_links = StreamField([("link", LinkBlock())], verbose_name=_("liên kết chân trang"), blank=True)

    panels = [FieldPanel("menu_links"), FieldPanel("footer_text"), FieldPanel("footer_text_en"), FieldPanel("footer_links")]

    class Meta:
        verbose_name = _("menu và chân trang")


from cms.news_models import NewsIndexPage, NewsPage  # noqa: E402  (page models of their own module)

__all__ = ["HomePage", "LivestreamCalendarPage", "NewsIndexPage", "NewsPage", "ShowcaseIndexPage", "ShowcasePage",
           "StandardPage"]
