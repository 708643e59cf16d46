from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from danvan.accounts.selectors import home_cards


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html", {"cards": home_cards(request.user)})
