from marketplace.livestreams import urls_public, urls_subscriptions

app_name = "livestreams"
urlpatterns = urls_public.urlpatterns + urls_subscriptions.urlpatterns
