"""Included under /accounts/ (before the accounts app's own URLs)."""

from django.urls import path

from marketplace.notifications import views

app_name = "notifications"
urlpatterns = [
    path("thong-bao/", views.notification_list, name="list"),
    path("thong-bao/doc-het/", views.notification_read_all, name="read_all"),
    path("thong-bao/<int:notification_id>/", views.notification_open, name="open"),
    path("notifications/", views.preferences, name="preferences"),
]
