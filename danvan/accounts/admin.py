from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest

from danvan.accounts.models import Role, RoleAssignment, User
from danvan.accounts.services import USER_FIELDS, role_assign, role_revoke
from danvan.audit.models import ChangeAction
from danvan.audit.services import record_change, snapshot


class RoleAssignmentInline(admin.TabularInline):
    """Roles are added and removed here; they are never edited in place."""

    model = RoleAssignment
    extra = 1
    autocomplete_fields = ["unit"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(User)
class DanvanUserAdmin(UserAdmin):
    """User edits and role changes go through the services, so the change log has them."""

    inlines = [RoleAssignmentInline]

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        before = snapshot(User.objects.get(pk=obj.pk), USER_FIELDS) if change else None
        super().save_model(request, obj, form, change)
        record_change(
            actor=request.user if isinstance(request.user, User) else None,
            instance=obj,
            action=ChangeAction.UPDATE if change else ChangeAction.CREATE,
            before=before,
            after=snapshot(obj, USER_FIELDS),
            reason="Django admin",
        )

    def save_formset(
        self, request: HttpRequest, form: ModelForm, formset: BaseInlineFormSet, change: bool
    ) -> None:
        if formset.model is not RoleAssignment:
            super().save_formset(request, form, formset, change)
            return
        actor = request.user if isinstance(request.user, User) else None
        # What Django's admin history reads after a save.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for inline_form in formset.forms:
            if not inline_form.has_changed() or not inline_form.is_valid():
                continue
            data = inline_form.cleaned_data
            if data.get("DELETE") and data.get("id"):
                role_revoke(actor=actor, assignment=data["id"], reason="Django admin")
                formset.deleted_objects.append(data["id"])
            elif not data.get("id") and data.get("unit") and data.get("role"):
                assignment = role_assign(
                    actor=actor,
                    user=form.instance,
                    unit=data["unit"],
                    role=Role(data["role"]),
                    reason="Django admin",
                )
                formset.new_objects.append(assignment)
