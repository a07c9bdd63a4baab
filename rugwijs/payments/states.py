"""What a payment's state at the provider means for our record and for the learner's access: plain rules.

The provider is the only source of truth; these rules turn its answer into our status and say what
follows. Applying the same answer twice changes nothing, which is what makes a replayed webhook harmless.
"""

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    OPEN = "open"
    PAID = "paid"
    FAILED = "failed"
    EXPIRED = "expired"
    CANCELED = "canceled"
    REFUNDED = "refunded"


ENDED_WITHOUT_PAYMENT = {Status.FAILED, Status.EXPIRED, Status.CANCELED}


@dataclass(frozen=True)
class Snapshot:
    """A payment as the provider reports it, in cents."""

    provider_id: str
    status: str  # the provider's own word: open, pending, authorized, paid, failed, expired, canceled
    amount_cents: int
    currency: str
    refunded_cents: int = 0
    charged_back_cents: int = 0
    method: str = ""


@dataclass(frozen=True)
class Outcome:
    status: Status
    grant_access: bool = False
    end_access: bool = False
    send_receipt: bool = False


def status_of(snapshot: Snapshot) -> Status:
    if snapshot.status == "paid":
        # A full refund or chargeback leaves the provider's status at 'paid'; the money is back all the same.
        returned = snapshot.refunded_cents + snapshot.charged_back_cents
        return Status.REFUNDED if returned >= snapshot.amount_cents else Status.PAID
    return {
        "failed": Status.FAILED,
        "expired": Status.EXPIRED,
        "canceled": Status.CANCELED,
    }.get(snapshot.status, Status.OPEN)


def outcome(current: Status, snapshot: Snapshot, *, receipt_sent: bool) -> Outcome:
    new = status_of(snapshot)
    if current == Status.REFUNDED:
        return Outcome(Status.REFUNDED)  # final: access ended when the money went back
    if new == Status.PAID:
        return Outcome(Status.PAID, grant_access=current != Status.PAID, send_receipt=not receipt_sent)
    if new == Status.REFUNDED:
        return Outcome(Status.REFUNDED, end_access=True)
    if new in ENDED_WITHOUT_PAYMENT:
        # A payment that was paid does not become failed; anything else ends without access.
        if current == Status.PAID:
            return Outcome(Status.PAID)
        return Outcome(new, end_access=current != new)
    return Outcome(current)
