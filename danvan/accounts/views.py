from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from danvan.accounts.models import User
from danvan.accounts.selectors import roles_of
from danvan.accounts.services import api_token_renew, user_set_password
from danvan.accounts.throttling import lockout_message
from danvan.common.responses import render_form


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        return render_form(self.request, self.template_name, self.get_context_data(form=form))


def login_locked_out(
    request: HttpRequest, response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """What django-axes answers to a login while the username and address are locked out
    (the login page and the admin's)."""
    return render(request, "accounts/locked_out.html", {"message": lockout_message()}, status=429)


def _signed_in(request: HttpRequest) -> User:
    """The user of a view behind login_required."""
    assert isinstance(request.user, User)
    return request.user


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    officer = _signed_in(request)
    form = PasswordChangeForm(officer, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = user_set_password(
            actor=officer, user=officer, password=form.cleaned_data["new_password1"]
        )
        update_session_auth_hash(request, user)
        messages.success(request, _("Your password has been changed."))
        return redirect("accounts:profile")
    return render_form(request, "accounts/password_change.html", {"form": form})


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    officer = _signed_in(request)
    token = None
    if request.method == "POST":
        token = api_token_renew(actor=officer, user=officer)
        messages.success(request, _("A new API token was created; the old one no longer works."))
    has_token = Token.objects.filter(user=officer).exists()
    return render(
        request,
        "accounts/profile.html",
        {"assignments": roles_of(request.user), "token": token, "has_token": has_token},
    )
