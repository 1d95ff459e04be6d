from django.urls import path

from marketplace.catalogue import views

app_name = "producers"
urlpatterns = [
    path("<slug:slug>/", views.producer_detail, name="detail"),
]
