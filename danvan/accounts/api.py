"""REST API of accounts: obtaining a token with a username and password."""

from typing import Any

from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import Throttled, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from danvan.accounts.throttling import locked_out, lockout_message


class TokenObtainView(ObtainAuthToken):
    """DRF's token view, answering 429 while the login throttle locks the username out."""

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        try:
            return super().post(request, *args, **kwargs)
        except ValidationError:
            if locked_out(request):
                raise Throttled(detail=lockout_message()) from None
            raise
