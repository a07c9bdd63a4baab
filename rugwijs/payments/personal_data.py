"""A learner's payments in 'Download my data'; on deletion the records stay, without the person."""

from .models import Payment


def export(user) -> dict:
    payments = Payment.objects.filter(enrolment__user=user).order_by("created_at")
    return {
        "payments": [
            {
                "course": payment.description,
                "amount": f"{payment.currency} {payment.amount}",
                "status": payment.get_status_display(),
                "started_at": payment.created_at.isoformat(),
                "paid_at": payment.paid_at.isoformat() if payment.paid_at else None,
                "reference": payment.provider_id,
            }
            for payment in payments
        ]
    }


def erase(user) -> None:
    # Bookkeeping law keeps what was paid, for what and when (7 years in the Netherlands); who paid goes.
    Payment.objects.filter(enrolment__user=user).update(enrolment=None)
