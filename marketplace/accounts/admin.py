from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from marketplace.accounts.models import User


@admin.register(User)
class MarketplaceUserAdmin(UserAdmin):
    fieldsets = UserAdmin.fieldsets + ((None, {"fields": ("phone",)}),)
    list_display = ["username", "email", "phone", "is_staff"]
    search_fields = ["username", "email", "phone"]
