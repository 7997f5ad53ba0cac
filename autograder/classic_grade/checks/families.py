"""Checks for a network task that builds a family of networks (``ResNet(depth)``): each network
check runs on the members its spec names, and the first member that fails is the one reported."""
from __future__ import annotations

from ..messages import Text
from . import networks, registry
from .outcome import CheckFailed


def _member_call(ctx, member) -> str:
    return f"{ctx.task}({', '.join(repr(a) for a in member.args)})"


def _over_members(check_id, network_check):
    def check(ctx, spec, examples):
        ran = 0
        for label in spec.runs.get(check_id, tuple(spec.members)):
            member = spec.members[label]
            try:
                ran += network_check(ctx, member, examples)
            except CheckFailed as failure:
                call = _member_call(ctx, member)
                message = failure.message if call[:-1] in failure.message else Text(call, ": ", failure.message)
                raise type(failure)(message, {"network": call, **(failure.example or {})}) from None
        return ran

    check.__name__ = check.__qualname__ = f"check_{check_id}_over_members"
    return check


# Every network check, run over the family's members (networks is imported above, so its checks are
# all registered by now).
for _check_id, _network_check in registry.registered("network").items():
    registry.implements(_check_id, kind="network_family")(_over_members(_check_id, _network_check))
