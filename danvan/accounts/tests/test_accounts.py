from django.test import Client
from django.urls import reverse

from danvan.accounts.models import User
from danvan.audit.models import ChangeLogEntry
from danvan.conftest import PASSWORD, Personas


def test_login_logout_and_argon2_hashes(personas: Personas) -> None:
    user = personas.province_officer
    assert user.password.startswith("argon2")
    client = Client()
    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("core:home")).status_code == 200
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("core:home")).status_code == 302


def test_a_wrong_password_is_refused_in_vietnamese(personas: Personas) -> None:
    response = Client().post(
        reverse("accounts:login"),
        {"username": "province", "password": "wrong"},
        HTTP_ACCEPT_LANGUAGE="vi",
    )
    assert response.status_code == 200
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
