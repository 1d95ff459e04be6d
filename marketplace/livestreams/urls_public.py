"""Buyer pages: /live/, a session's page, its calendar files, the stream-link redirect (owned by the buyer-pages work)."""

from django.urls import path

from marketplace.livestreams.views import public

urlpatterns = [
    path("", public.session_list, name="list"),
    path("calendar.ics", public.sessions_feed, name="feed"),
    path("<int:pk>/", public.session_detail, name="detail"),
    path("<int:pk>/watch/", public.session_watch, name="watch"),
    path("<int:pk>/calendar.ics", public.session_ics, name="ics"),
]
