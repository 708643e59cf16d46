import pytest
from django.test import Client
from django.urls import reverse

from danvan.accounts.models import User
from danvan.accounts.services import user_create
from danvan.audit.models import ChangeLogEntry
from danvan.conftest import PASSWORD, Personas


@pytest.mark.real_password_hashing
def test_login_logout_and_argon2_hashes(personas: Personas) -> None:
    user = personas.province_officer
    assert user.password.startswith("argon2")
    client = Client()
    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("web:home")).status_code == 200
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("web:home")).status_code == 302


def test_a_wrong_password_is_refused_in_vietnamese(personas: Personas) -> None:
    response = Client().post(
        reverse("accounts:login"),
        {"username": "province", "password": "wrong"},
        HTTP_ACCEPT_LANGUAGE="vi",
    )
    assert response.status_code == 400
    assert "mật khẩu chính xác" in response.content.decode()


def test_password_change_is_logged_without_the_password(personas: Personas) -> None:
    client = personas.client(personas.commune_officer)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Mat-khau-moi-2026",
            "new_password2": "Mat-khau-moi-2026",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(pk=personas.commune_officer.pk)
    assert user.check_password("Mat-khau-moi-2026")
    entry = ChangeLogEntry.objects.filter(object_id=str(user.pk)).first()
    assert entry is not None and "Mat-khau" not in str(entry.after)


def test_api_token_authentication(personas: Personas) -> None:
    client = personas.client(personas.outsider)
    page = client.post(reverse("accounts:profile"))
    token = page.context["token"]
    api = Client()
    assert api.get("/api/units/").status_code in (401, 403)
    response = api.get("/api/units/", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 200 and response.json()["count"] > 0
    obtained = api.post("/api/auth/token/", {"username": "outsider", "password": PASSWORD})
    assert obtained.json()["token"] == token


def test_roles_added_and_removed_in_the_admin_are_logged(personas: Personas, world) -> None:
    from danvan.accounts.models import RoleAssignment

    superuser = user_create(actor=None, username="root", password=PASSWORD, is_superuser=True)
    admin = personas.client(superuser)
    user = personas.nobody
    url = f"/admin/accounts/user/{user.pk}/change/"
    form = admin.get(url).context["adminform"].form
    data = {key: value for key, value in form.initial.items() if value is not None}
    data.update(
        {
            "username": user.username,
            "date_joined_0": "01/01/2026",
            "date_joined_1": "08:00",
            "role_assignments-TOTAL_FORMS": "1",
            "role_assignments-INITIAL_FORMS": "0",
            "role_assignments-0-unit": str(world.commune.pk),
            "role_assignments-0-role": "viewer",
            "role_assignments-0-user": str(user.pk),
        }
    )
    data.pop("groups", None)
    data.pop("user_permissions", None)
    data.pop("last_login", None)
    data.pop("password", None)
    response = admin.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert RoleAssignment.objects.filter(user=user, unit=world.commune, role="viewer").exists()
    entry = ChangeLogEntry.objects.filter(object_id=str(user.pk), action="role").first()
    assert entry is not None and entry.actor == superuser
