"""News per union level: each unit that publishes has a section (the central union's at /tin-tuc/, each
province's inside it); officers write news, announcements, training calls and fraud warnings there.
Who may edit which section, and the approval a ward officer's page needs, are in cms/news_access.py."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class NewsIndexPage(RoutablePageMixin, Page):
    """A unit's news section; the central union's lists everything published below it."""

    unit = models.OneToOneField("producers.UnionUnit", verbose_name=_("đơn vị Hội"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="news_section")
    intro = models.CharField(_("giới thiệu"), max_length=250, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage", "cms.NewsIndexPage"]
    subpage_types = ["cms.NewsPage", "cms.NewsIndexPage"]

    class Meta:
        verbose_name = _("mục tin tức của đơn vị")
        verbose_name_plural = _("mục tin tức")

    def clean(self):
        super().clean()
        parent = self.get_parent().specific if self.pk else None
        if isinstance(parent, NewsIndexPage) and parent.unit_id and self.unit_id:
            if not self.unit.path.startswith(parent.unit.path) or self.unit_id == parent.unit_id:
                raise ValidationError(_("Mục tin của một đơn vị chỉ nằm trong mục tin của đơn vị cấp trên."))

    def news(self):
        return NewsPage.objects.live().descendant_of(self).order_by("-date", "-first_published_at")

    def get_context(self, request, *args, **kwargs):
        from cms.news_selectors import news_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(news_listing(self, request.GET))
        return context

    @path("feed/", name="feed")
    def feed(self, request):
        from cms.news_feed import atom_feed

        return atom_feed(self, request)


class NewsPage(Page):
    class Kind(models.TextChoices):
        NEWS = "news", _("Tin tức")
        ANNOUNCEMENT = "announcement", _("Thông báo")
        TRAINING_CALL = "training", _("Chiêu sinh tập huấn")
        FRAUD_WARNING = "fraud", _("Cảnh giác lừa đảo")

    kind = models.CharField(_("loại tin"), max_length=12, choices=Kind.choices, default=Kind.NEWS)
    date = models.DateField(_("ngày đăng"), default=timezone.localdate)
    summary = models.CharField(_("tóm tắt"), max_length=300,
                               help_text=_("Một hai câu, hiện trong danh sách tin và khi chia sẻ qua Zalo, Facebook."))
    body = RichTextField(_("nội dung"), features=["h3", "bold", "italic", "ol", "ul", "link", "image"])
    image = models.ForeignKey("wagtailimages.Image", verbose_name=_("ảnh"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    # The province the section belongs to (None for the central union's own news), for the listing's filter.
    province_code = models.PositiveSmallIntegerField(null=True, blank=True, editable=False, db_index=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("kind"), FieldPanel("date"), FieldPanel("summary")], heading=_("Tin")),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("tin")
        verbose_name_plural = _("tin")

    @property
    def province_name(self) -> str:
        from marketplace.core.geography import province_name

        return province_name(self.province_code)

    def clean(self):
        from marketplace.core.text import text_from_html

        super().clean()
        if not text_from_html(self.body or "").strip():
            raise ValidationError({"body": _("Hãy viết nội dung tin.")})

    def section(self) -> NewsIndexPage | None:
        parent = self.get_parent()
        return parent.specific if parent is not None else None

    def save(self, *args, **kwargs):
        section = self.section() if self.depth else None
        unit = getattr(section, "unit", None)
        self.province_code = unit.province_code if unit is not None else None
        super().save(*args, **kwargs)
