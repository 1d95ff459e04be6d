"""The Wagtail pages of the demo: home (the site's root), showcases, about and returns, menu and footer.

A page found by its slug under its parent is kept as it is, so staff edits survive a second run.
"""

from collections.abc import Callable

from wagtail.models import Page, Site

from cms.models import (
    HomeFeaturedCategory,
    HomeFeaturedShowcase,
    HomePage,
    LivestreamCalendarPage,
    ShowcaseIndexPage,
    ShowcasePage,
    SiteNavigation,
    StandardPage,
)
from marketplace.catalogue.models import Category, Product
from marketplace.catalogue.ocop_groups import OCOP_GROUPS
from marketplace.demo import page_content as content

WAGTAIL_WELCOME_TITLE = "Welcome to your new Wagtail site!"


def ensure_pages(*, pictures: dict, producers: dict) -> dict[str, Page]:
    home, home_is_new = _ensure_home(pictures["hero"])
    index = _ensure_child(home, "showcase", lambda: ShowcaseIndexPage(
        title=content.SHOWCASE_INDEX_TITLE, intro=content.SHOWCASE_INDEX_INTRO))
    showcases = [
        _ensure_child(index, story.slug, lambda story=story: _showcase(story, producers, pictures))
        for story in content.SHOWCASES
    ]
    about = _ensure_child(home, "gioi-thieu", lambda: StandardPage(
        title=content.ABOUT["title"], intro=content.ABOUT["intro"], body=content.standard_body(content.ABOUT)))
    returns = _ensure_child(home, "chinh-sach-doi-tra", lambda: StandardPage(
        title=content.RETURNS["title"], intro=content.RETURNS["intro"], body=content.standard_body(content.RETURNS)))
    calendar = _ensure_child(home, "lich-livestream", lambda: LivestreamCalendarPage(
        title=content.LIVE_CALENDAR["title"], intro=content.LIVE_CALENDAR["intro"]))
    if home_is_new:
        home.featured_showcases = [
            HomeFeaturedShowcase(showcase=showcase, sort_order=order) for order, showcase in enumerate(showcases)
        ]
        home.save_revision().publish()
    _point_default_site_at(home)
    _remove_wagtail_welcome_page()
    _ensure_navigation(index=index, about=about, returns=returns)
    return {"home": home, "showcase_index": index, "about": about, "returns": returns, "live_calendar": calendar,
            **{f"showcase_{n}": page for n, page in enumerate(showcases, start=1)}}


def _ensure_home(hero_image) -> tuple[HomePage, bool]:
    home = HomePage.objects.first()
    if home is not None:
        return home, False
    root = Page.get_first_root_node()
    for clash in root.get_children().filter(slug="home"):
        # Wagtail's own welcome page holds the slug we want; it is removed once the site moves off it.
        clash.slug = f"home-old-{clash.pk}"
        clash.save()
    home = HomePage(
        slug="home", hero_image=hero_image, **content.HOME,
        featured_categories=[
            HomeFeaturedCategory(category=Category.objects.get(slug=group[0]), sort_order=order)
            for order, group in enumerate(OCOP_GROUPS)  # the order of the OCOP decision: food first
        ],
    )
    root.add_child(instance=home)
    return home, True


def _ensure_child(parent: Page, slug: str, build: Callable[[], Page]) -> Page:
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = build()
    page.slug = slug
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _showcase(story: content.ShowcaseStory, producers: dict, pictures: dict) -> ShowcasePage:
    producer = producers[story.producer_slug]
    products = list(producer.products.filter(status=Product.Status.PUBLISHED).order_by("id")[:4])
    return ShowcasePage(
        title=story.title, summary=story.summary, cover_image=pictures[story.cover_key],
        body=content.showcase_body(story, producer=producer, products=products, pictures=pictures),
    )


def _point_default_site_at(home: HomePage) -> None:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="127.0.0.1", port=80, root_page=home, is_default_site=True,
                            site_name=content.HOME["title"])
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = site.site_name or content.HOME["title"]
        site.save()


def _remove_wagtail_welcome_page() -> None:
    roots_of_sites = set(Site.objects.values_list("root_page_id", flat=True))
    root = Page.get_first_root_node()
    for page in root.get_children().exact_type(Page).filter(title=WAGTAIL_WELCOME_TITLE):
        if page.pk not in roots_of_sites:
            page.delete()


def _ensure_navigation(*, index: Page, about: Page, returns: Page) -> None:
    navigation = SiteNavigation.load()
    changed = False
    if not navigation.menu_links:
        navigation.menu_links = [
            ("link", {"label": "Sản phẩm", "label_en": "Products", "page": None, "url": "/products/"}),
            ("link", {"label": "Showcase", "label_en": "Showcase", "page": index, "url": ""}),
            ("link", {"label": "Giới thiệu", "label_en": "About us", "page": about, "url": ""}),
        ]
        changed = True
    if not navigation.footer_links:
        navigation.footer_links = [
            ("link", {"label": "Giới thiệu", "label_en": "About us", "page": about, "url": ""}),
            ("link", {"label": "Chính sách đổi trả", "label_en": "Returns policy", "page": returns, "url": ""}),
            ("link", {"label": "Tất cả sản phẩm", "label_en": "All products", "page": None, "url": "/products/"}),
        ]
        changed = True
    if not navigation.footer_text:
        navigation.footer_text = content.FOOTER_TEXT
        changed = True
    if not navigation.footer_text_en:
        navigation.footer_text_en = content.FOOTER_TEXT_EN
        changed = True
    if changed:
        navigation.save()
