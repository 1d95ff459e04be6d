from django.urls import path

from marketplace.conversations import views

app_name = "conversations"
urlpatterns = [
    path("orders/<str:token>/messages/", views.order_messages, name="order_messages"),
]
