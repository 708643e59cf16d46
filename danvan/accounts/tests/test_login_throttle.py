"""Login throttling: a username is locked out from an address after repeated failures."""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client, RequestFactory
from django.urls import reverse

from danvan.accounts.throttling import client_ip
from danvan.conftest import PASSWORD, Personas

LOCKED = "Đăng nhập sai quá nhiều lần"


def fail(client: Client, username: str, times: int, url: str | None = None) -> None:
    for _ in range(times):
        client.post(url or reverse("accounts:login"), {"username": username, "password": "x"})


def log_in(client: Client, username: str, url: str | None = None):
    return client.post(
        url or reverse("accounts:login"),
        {"username": username, "password": PASSWORD},
        HTTP_ACCEPT_LANGUAGE="vi",
    )


def test_failures_lock_the_username_out_even_with_the_right_password(
    personas: Personas,
) -> None:
    client = Client()
    fail(client, "province", settings.AXES_FAILURE_LIMIT)
    response = log_in(client, "province")
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert client.get(reverse("web:home")).status_code == 302


def test_the_lockout_ends_after_the_period(personas: Personas) -> None:
    client = Client()
    fail(client, "province", settings.AXES_FAILURE_LIMIT)
    assert log_in(client, "province").status_code == 429
    # As if the period had passed since the last failure.
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time
        - settings.AXES_COOLOFF_TIME
        - dt.timedelta(seconds=1)
    )
    assert log_in(client, "province").status_code == 302


def test_a_successful_login_resets_the_count(personas: Personas) -> None:
    client = Client()
    fail(client, "province", settings.AXES_FAILURE_LIMIT - 1)
    assert log_in(client, "province").status_code == 302
    client.post(reverse("accounts:logout"))
    fail(client, "province", settings.AXES_FAILURE_LIMIT - 1)
    assert log_in(client, "province").status_code == 302


def test_other_users_and_other_addresses_are_not_locked_out(personas: Personas) -> None:
    fail(Client(REMOTE_ADDR="10.0.0.9"), "province", settings.AXES_FAILURE_LIMIT)
    assert log_in(Client(REMOTE_ADDR="10.0.0.9"), "commune").status_code == 302
    assert log_in(Client(REMOTE_ADDR="10.0.0.8"), "province").status_code == 302


def test_the_api_token_and_the_admin_login_are_throttled_too(personas: Personas) -> None:
    api = Client()
    token_url = reverse("api-token")
    fail(api, "outsider", settings.AXES_FAILURE_LIMIT, token_url)
    response = log_in(api, "outsider", token_url)
    assert response.status_code == 429
    assert LOCKED in response.json()["detail"]

    admin_url = reverse("admin:login")
    fail(Client(), "central", settings.AXES_FAILURE_LIMIT, admin_url)
    assert log_in(Client(), "central", admin_url).status_code == 429


def test_the_test_clients_login_still_works(personas: Personas) -> None:
    client = Client()
    assert client.login(username="province", password=PASSWORD)
    assert client.get(reverse("web:home")).status_code == 200


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "1.2.3.4", "127.0.0.1"),  # no proxy: the header is the client's own word
        (1, "6.6.6.6, 1.2.3.4", "1.2.3.4"),  # the proxy appended the real address last
        (1, "", "127.0.0.1"),
    ],
)
def test_the_client_address_behind_trusted_proxies(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXIES = proxies
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_an_overlong_username_is_refused_and_counted_under_its_first_characters(
    personas: Personas,
) -> None:
    client = Client()
    username = "province" + "x" * 100_000
    fail(client, username, settings.AXES_FAILURE_LIMIT - 1)
    assert AccessAttempt.objects.get().username == username[:255]
    fail(client, username, 1)
    response = client.post(reverse("accounts:login"), {"username": username, "password": "x"})
    assert response.status_code == 429  # the same address and (cut) username, now locked out
