"""The generic pages' own rules."""

from typing import Any

from django import forms
from django.test import RequestFactory

from danvan.capability.views import ActionPage
from danvan.conftest import Personas


class Step(ActionPage[Any]):
    """A step with no field: confirming it is posting nothing but the form."""

    title = "Bước"
    done: list[str] = []

    def record(self) -> str:
        return "KN-AAAAA-BBBBB"

    def act(self, form: forms.Form, record: str) -> None:
        self.done.append(record)

    def success_url(self, record: str) -> str:
        return "/"


def test_an_empty_post_is_a_step_taken_not_a_page_shown_again(personas: Personas) -> None:
    request = RequestFactory().post("/", {})
    request.user = personas.commune_officer
    response = Step.as_view()(request)
    assert response.status_code == 302 and Step.done == ["KN-AAAAA-BBBBB"]
