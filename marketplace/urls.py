from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.views.i18n import set_language
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap as PageSitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms import contest_views
from marketplace.api import api
from marketplace.catalogue.category_views import category_index
from marketplace.catalogue.sitemaps import ProducerSitemap, ProductSitemap
from marketplace.core import views as core_views
from marketplace.livestreams.sitemaps import LiveSessionSitemap
from seller import programmes as seller_programmes

sitemaps = {"pages": PageSitemap, "products": ProductSitemap, "producers": ProducerSitemap, "live": LiveSessionSitemap}

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": sitemaps, "sitemap_url_name": "sitemap_section"}),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": sitemaps}, name="sitemap_section"),
    path("api/v1/", api.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", set_language, name="set_language"),
    path("", include("marketplace.payments.urls")),  # Stripe posts here, in no language
    path("", include("marketplace.delivery.urls")),  # GHN's tracking callback, in no language
]

urlpatterns += i18n_patterns(
    path("products/", include("marketplace.catalogue.urls")),
    path("danh-muc/", category_index, name="category_index"),
    path("producers/", include("marketplace.catalogue.urls_producers")),
    path("producers/", include("producers.urls_follow")),
    path("accounts/", include("marketplace.notifications.urls")),  # /accounts/thong-bao/, /accounts/notifications/
    path("accounts/", include("marketplace.accounts.urls")),
    path("seller/live/", include("seller.live.urls")),
    path("seller/", include("seller.urls")),
    path("live/", include("marketplace.livestreams.urls")),
    path("chung-nhan/<str:code>/", seller_programmes.certificate_verify, name="certificate_verify"),
    path("livestream-idol/<slug:slug>/", contest_views.contest_page, name="contest"),
    path("cart/", include("marketplace.cart.urls")),
    path("", include("marketplace.reviews.urls")),
    path("", include("marketplace.conversations.urls")),
    path("", include("marketplace.orders.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if not settings.PRODUCTION:
    # Development and tests serve uploads themselves; production puts them behind the web server.
    urlpatterns = [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ] + urlpatterns

handler404 = "marketplace.core.views.page_not_found"
handler500 = "marketplace.core.views.server_error"
