""" "Theo dõi" a producer: under /producers/, beside the producer pages of marketplace.catalogue."""

from django.urls import path

from producers import follow_views

app_name = "producer_follow"
urlpatterns = [
    path("follow/confirm/<str:token>/", follow_views.confirm, name="confirm"),
    path("follow/unsubscribe/<str:token>/", follow_views.unsubscribe, name="unsubscribe"),
    path("<slug:slug>/follow/", follow_views.follow, name="follow"),
]
