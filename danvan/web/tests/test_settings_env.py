import pytest
from django.core.exceptions import ImproperlyConfigured

from danvan.env import env_bool, env_int, env_list, env_str, secret_key


def test_env_bool_reads_yes_and_no_and_refuses_anything_else(monkeypatch) -> None:
    monkeypatch.setenv("X_FLAG", "yes")
    assert env_bool("X_FLAG", False) is True
    monkeypatch.setenv("X_FLAG", "0")
    assert env_bool("X_FLAG", True) is False
    monkeypatch.setenv("X_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="X_FLAG"):
        env_bool("X_FLAG", False)


def test_env_str_takes_a_blank_value_as_unset(monkeypatch) -> None:
    monkeypatch.setenv("X_URL", "  ")
    assert env_str("X_URL", "sqlite:///x") == "sqlite:///x"
    monkeypatch.setenv("X_URL", "postgres://db/x")
    assert env_str("X_URL", "sqlite:///x") == "postgres://db/x"


def test_env_int_and_list(monkeypatch) -> None:
    monkeypatch.setenv("X_NUM", "abc")
    with pytest.raises(ImproperlyConfigured, match="X_NUM"):
        env_int("X_NUM", 1)
    monkeypatch.setenv("X_HOSTS", "a.vn, b.vn,,")
    assert env_list("X_HOSTS", []) == ["a.vn", "b.vn"]


def test_secret_key_is_generated_once_and_kept(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("X_SECRET", raising=False)
    first = secret_key("X_SECRET", tmp_path / "secret")
    assert len(first) > 40
    assert secret_key("X_SECRET", tmp_path / "secret") == first
    assert (tmp_path / "secret").stat().st_mode & 0o777 == 0o600
