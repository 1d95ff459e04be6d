from django.urls import path

from marketplace.catalogue import views

app_name = "catalogue"
urlpatterns = [
    path("", views.product_list, name="product_list"),
    path("<slug:slug>/", views.product_detail, name="product_detail"),
    path("<slug:slug>/stock-alert/", views.stock_alert, name="stock_alert"),
]
