"""Password rules Django does not ship."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from danvan.accounts.models import User


class MaximumLengthValidator:
    """A password of at most `max_length` characters: a passphrase fits, while a megabyte
    pasted by mistake (or sent on purpose) is refused before it is hashed."""

    def __init__(self, max_length: int = 128) -> None:
        self.max_length = max_length

    def validate(self, password: str, user: User | None = None) -> None:
        if len(password) > self.max_length:
            raise ValidationError(
                _("The password is too long: at most %(max)s characters.")
                % {"max": self.max_length},
                code="password_too_long",
            )

    def get_help_text(self) -> str:
        return _("At most %(max)s characters.") % {"max": self.max_length}
