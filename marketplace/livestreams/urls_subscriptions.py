"""Remind me: subscribe, confirm, unsubscribe (owned by the reminders work)."""

from django.urls import path

from marketplace.livestreams.views import subscriptions as views

urlpatterns = [
    path("<int:pk>/remind/", views.subscribe, name="subscribe"),
    path("remind/confirm/<str:token>/", views.confirm, name="confirm"),
    path("remind/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
