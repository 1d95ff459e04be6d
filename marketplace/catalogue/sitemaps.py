from django.contrib.sitemaps import Sitemap

from marketplace.catalogue.selectors import products_visible
from producers.models import Producer


class ProductSitemap(Sitemap):
    changefreq = "daily"
    limit = 10_000

    def items(self):
        return products_visible().only("slug", "updated_at").order_by("id")

    def lastmod(self, product):
        return product.updated_at


class ProducerSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Producer.objects.only("slug", "updated_at").order_by("id")

    def lastmod(self, producer):
        return producer.updated_at
