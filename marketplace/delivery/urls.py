from django.urls import path

from marketplace.delivery import views

app_name = "delivery"

urlpatterns = [
    path("delivery/ghn/webhook/<str:secret>/", views.ghn_webhook, name="ghn_webhook"),
]
