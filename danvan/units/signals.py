"""Signals other layers listen to when the structure changes (the units app knows no one above)."""

from django.dispatch import Signal

# Sent inside the transaction, just before every unit whose records count under `old_prefix`
# is moved to count under `new_prefix` (a merge, a transfer, ...). Arguments: old_prefix,
# new_prefix.
current_paths_moving = Signal()
