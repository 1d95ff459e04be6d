"""StreamField blocks staff use to build showcases and standard pages."""

import re

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

_YOUTUBE_ID = re.compile(r"(?:youtube\.com/(?:watch\?v=|embed/|shorts/|live/)|youtu\.be/)([\w-]{11})")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Ảnh"))
    alt_text = blocks.CharBlock(label=_("Mô tả ảnh"), max_length=200)
    caption = blocks.CharBlock(label=_("Chú thích"), required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "cms/blocks/image.html"


class ProducerSpotlightBlock(blocks.StructBlock):
    producer = SnippetChooserBlock("producers.Producer", label=_("Nhà sản xuất"))
    text = blocks.TextBlock(label=_("Lời giới thiệu"), required=False)

    class Meta:
        icon = "user"
        template = "cms/blocks/producer_spotlight.html"


class ProductGridBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Tiêu đề"), required=False, max_length=120)
    products = blocks.ListBlock(SnippetChooserBlock("catalogue.Product"), label=_("Sản phẩm"))

    class Meta:
        icon = "list-ul"
        template = "cms/blocks/product_grid.html"


class VideoBlock(blocks.StructBlock):
    """A YouTube video embedded from its privacy domain, no oEmbed call to another site at render time."""

    url = blocks.URLBlock(label=_("Đường dẫn YouTube"))
    title = blocks.CharBlock(label=_("Tiêu đề video"), max_length=150)

    class Meta:
        icon = "media"
        template = "cms/blocks/video.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        match = _YOUTUBE_ID.search(value.get("url") or "")
        context["youtube_id"] = match.group(1) if match else ""
        return context


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Trích dẫn"))
    author = blocks.CharBlock(label=_("Người nói"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        template = "cms/blocks/quote.html"


RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "hr"]


class ShowcaseStreamBlock(blocks.StreamBlock):
    rich_text = blocks.RichTextBlock(label=_("Văn bản"), features=RICH_TEXT_FEATURES)
    image = ImageBlock(label=_("Ảnh"))
    producer_spotlight = ProducerSpotlightBlock(label=_("Giới thiệu nhà sản xuất"))
    product_grid = ProductGridBlock(label=_("Lưới sản phẩm"))
    video = VideoBlock(label=_("Video"))
    quote = QuoteBlock(label=_("Trích dẫn"))


class StandardStreamBlock(blocks.StreamBlock):
    rich_text = blocks.RichTextBlock(label=_("Văn bản"), features=RICH_TEXT_FEATURES)
    image = ImageBlock(label=_("Ảnh"))
    quote = QuoteBlock(label=_("Trích dẫn"))


class LinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Nhãn"), max_length=60)
    label_en = blocks.CharBlock(label=_("Nhãn tiếng Anh"), max_length=60, required=False)
    page = blocks.PageChooserBlock(label=_("Trang"), required=False)
    url = blocks.CharBlock(label=_("Hoặc đường dẫn"), required=False, max_length=300, help_text=_("Ví dụ: /products/"))

    class Meta:
        icon = "link"

    def href(self, value) -> str:
        return value["page"].url if value.get("page") else (value.get("url") or "#")
