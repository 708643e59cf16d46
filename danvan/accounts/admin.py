from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from danvan.accounts.models import RoleAssignment, User


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(User)
class DanvanUserAdmin(UserAdmin):
    inlines = [RoleAssignmentInline]
