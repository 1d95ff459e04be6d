from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from marketplace.livestreams.selectors import sessions_listed


class LiveSessionSitemap(Sitemap):
    """/live/ and the sessions buyers can open (a cancelled one has nothing to find)."""

    changefreq = "hourly"
    limit = 10_000

    def items(self):
        return ["list", *sessions_listed().only("pk", "updated_at").order_by("id")]

    def location(self, item):
        return reverse("livestreams:list") if item == "list" else item.get_absolute_url()

    def lastmod(self, item):
        return None if item == "list" else item.updated_at
