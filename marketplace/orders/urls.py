from django.urls import path

from marketplace.orders import views

app_name = "orders"
urlpatterns = [
    path("checkout/", views.checkout, name="checkout"),
    path("checkout/<str:reference>/", views.checkout_done, name="checkout_done"),
    path("checkout/<str:reference>/pay/", views.checkout_pay, name="checkout_pay"),
    path("orders/", views.my_orders, name="my_orders"),
    path("orders/<str:token>/", views.order_detail, name="order_detail"),
    path("orders/<str:token>/cancel/", views.order_cancel, name="order_cancel"),
    path("orders/<str:token>/received/", views.order_received, name="order_received"),
]
