from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from danvan.accounts.selectors import home_cards
from danvan.capability.declaration import capabilities


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The officer's units, and what waits for them in every capability."""
    pending = [
        work
        for capability in capabilities()
        if capability.pending is not None
        for work in capability.pending(request.user)
        if work.count
    ]
    context = {"cards": home_cards(request.user), "pending": pending}
    return render(request, "web/home.html", context)
