"""The site before the seller centre existed: sign-in then lands on the home page."""

from django.urls import include, path
from wagtail import urls as wagtail_urls

urlpatterns = [
    path("accounts/", include("marketplace.accounts.urls")),
    path("", include(wagtail_urls)),
]
