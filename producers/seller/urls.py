from django.urls import path

from producers.seller import dashboard, documents, ocop, photos, products, profile, stock, team, verification

app_name = "seller"
urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("start/", profile.start, name="start"),
    path("profile/", profile.edit, name="profile"),
    path("profile/photos/", profile.photo_add, name="profile_photo_add"),
    path("profile/photos/describe/", profile.photos_describe, name="profile_photos_describe"),
    path("profile/photos/<int:photo_id>/remove/", profile.photo_remove, name="profile_photo_remove"),
    path("verification/", verification.overview, name="verification"),
    path("verification/documents/", verification.document_upload, name="document_upload"),
    path("verification/documents/<int:document_id>/delete/", verification.document_delete, name="document_delete"),
    path("verification/submit/", verification.submit, name="verification_submit"),
    path("documents/<int:document_id>/", documents.document_file, name="document_file"),
    path("certificates/", ocop.certificate_list, name="certificates"),
    path("certificates/new/", ocop.declare, name="certificate_declare"),
    path("certificates/<int:certificate_id>/withdraw/", ocop.withdraw, name="certificate_withdraw"),
    path("certificates/<int:certificate_id>/scan/", documents.certificate_scan, name="certificate_scan"),
    path("products/", products.product_list, name="products"),
    path("products/new/", products.product_create, name="product_create"),
    path("products/<int:product_id>/", products.product_edit, name="product_edit"),
    path("products/<int:product_id>/status/", products.product_status, name="product_status"),
    path("products/<int:product_id>/delete/", products.product_delete, name="product_delete"),
    path("products/<int:product_id>/preview/", products.product_preview, name="product_preview"),
    path("products/<int:product_id>/photos/", photos.photo_page, name="product_photos"),
    path("products/<int:product_id>/photos/arrange/", photos.photos_arrange, name="product_photos_arrange"),
    path("products/<int:product_id>/photos/<int:photo_id>/remove/", photos.photo_remove,
         name="product_photo_remove"),
    path("products/<int:product_id>/stock/", stock.stock_page, name="product_stock"),
    path("team/", team.team_page, name="team"),
    path("team/invitations/<int:invitation_id>/revoke/", team.invitation_revoke, name="invitation_revoke"),
    path("team/members/<int:member_id>/remove/", team.member_remove, name="member_remove"),
    path("invitations/<str:token>/", team.invitation_accept, name="invitation_accept"),
]
