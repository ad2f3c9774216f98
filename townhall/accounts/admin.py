from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from townhall.accounts.models import User


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email",)


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    ordering = ("email",)
    list_display = ("email", "full_name", "is_active", "email_verified_at", "date_joined")
    list_filter = ("is_active", "is_staff", "groups")
    search_fields = ("email", "full_name")
    readonly_fields = ("pseudonym", "last_login", "date_joined")
    fieldsets = (
        (None, {"fields": ("email", "password", "pseudonym")}),
        (
            _("Details"),
            {
                "fields": (
                    "full_name",
                    "phone",
                    "preferred_language",
                    "contact_by_email",
                    "contact_by_sms",
                    "email_verified_at",
                )
            },
        ),
        (_("Roles"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
