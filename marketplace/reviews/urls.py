from django.urls import path

from marketplace.reviews import views

app_name = "reviews"
urlpatterns = [
    path("orders/<str:token>/review/", views.order_review, name="order_review"),
]
