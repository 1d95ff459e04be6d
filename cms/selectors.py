from cms.news_selectors import latest_news, news_url
from marketplace.catalogue.selectors import newest_products


def home_context(*, page) -> dict:
    featured = [item.category for item in page.featured_categories.select_related("category")]
    showcases = [
        item.showcase for item in page.featured_showcases.select_related("showcase")
        if item.showcase.live
    ]
    return {
        "featured_categories": featured,
        "showcases": showcases,
        "newest_products": newest_products(limit=page.newest_count),
        "latest_news": latest_news(),
        "news_url": news_url(),
    }
