"""The life-cycle rules of the registry, in one place.

registered → effective → recognised → outstanding → proposed for an award, one step at a time;
discontinued from any state but itself; nothing leaves discontinued or proposed except to
discontinued. Only approvers over the entry's unit move entries.
"""

from danvan.registry.models import Status

FORWARD: dict[str, str] = {
    Status.REGISTERED: Status.EFFECTIVE,
    Status.EFFECTIVE: Status.RECOGNISED,
    Status.RECOGNISED: Status.OUTSTANDING,
    Status.OUTSTANDING: Status.PROPOSED,
}


def allowed_next(status: str) -> list[str]:
    """The states an entry in `status` may move to."""
    following = [FORWARD[status]] if status in FORWARD else []
    if status != Status.DISCONTINUED:
        following.append(Status.DISCONTINUED)
    return following


def can_move(current: str, target: str) -> bool:
    return target in allowed_next(current)
