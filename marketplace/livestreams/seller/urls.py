"""The seller's live sessions under /seller/live/ (owned by the seller-centre work)."""

app_name = "seller_live"
urlpatterns = []
