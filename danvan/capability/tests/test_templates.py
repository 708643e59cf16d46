"""The pages' shared templates."""

from django import forms
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import RequestFactory


class WithFile(forms.Form):
    file = forms.FileField()


class WithText(forms.Form):
    note = forms.CharField()


def _action_page(form: forms.Form) -> str:
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    context = {"form": form, "record": "KN-AAAAA-BBBBB", "title": "Bước", "back": "/"}
    return render_to_string("capability/action.html", context, request=request)


def test_a_step_that_takes_a_file_sends_it(db: None) -> None:
    assert 'enctype="multipart/form-data"' in _action_page(WithFile())
    assert "multipart" not in _action_page(WithText())
