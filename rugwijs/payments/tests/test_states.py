"""The settlement rules as plain functions: what each provider answer does to our record and to access."""

import pytest

from rugwijs.payments.states import Snapshot, Status, outcome, status_of


def snapshot(status, refunded=0, charged_back=0, amount=4900):
    return Snapshot("tr_1", status, amount, "EUR", refunded_cents=refunded, charged_back_cents=charged_back)


@pytest.mark.parametrize(
    ("provider", "ours"),
    [
        ("open", "open"),
        ("pending", "open"),
        ("authorized", "open"),
        ("paid", "paid"),
        ("failed", "failed"),
        ("expired", "expired"),
        ("canceled", "canceled"),
        ("something-new", "open"),
    ],
)
def test_the_providers_words_map_to_ours(provider, ours):
    assert status_of(snapshot(provider)) == ours


def test_a_full_refund_or_chargeback_counts_as_refunded_a_partial_one_does_not():
    assert status_of(snapshot("paid", refunded=4900)) == Status.REFUNDED
    assert status_of(snapshot("paid", refunded=900, charged_back=4000)) == Status.REFUNDED
    assert status_of(snapshot("paid", refunded=1000)) == Status.PAID


def test_paid_grants_access_and_a_receipt_once():
    first = outcome(Status.OPEN, snapshot("paid"), receipt_sent=False)
    assert (first.status, first.grant_access, first.send_receipt) == (Status.PAID, True, True)
    again = outcome(Status.PAID, snapshot("paid"), receipt_sent=True)
    assert (again.grant_access, again.send_receipt, again.end_access) == (False, False, False)
    # The mail server was down the first time: the next call sends the receipt, and grants nothing new.
    retry = outcome(Status.PAID, snapshot("paid"), receipt_sent=False)
    assert (retry.grant_access, retry.send_receipt) == (False, True)


@pytest.mark.parametrize("provider", ["failed", "expired", "canceled"])
def test_a_payment_that_did_not_go_through_ends_the_wait_once(provider):
    first = outcome(Status.OPEN, snapshot(provider), receipt_sent=False)
    assert (first.status, first.end_access, first.grant_access) == (Status(provider), True, False)
    assert not outcome(Status(provider), snapshot(provider), receipt_sent=False).end_access


def test_a_paid_payment_never_falls_back_and_a_refund_is_final():
    assert outcome(Status.PAID, snapshot("failed"), receipt_sent=True).status == Status.PAID
    refund = outcome(Status.PAID, snapshot("paid", refunded=4900), receipt_sent=True)
    assert (refund.status, refund.end_access) == (Status.REFUNDED, True)
    after = outcome(Status.REFUNDED, snapshot("paid"), receipt_sent=True)
    assert (after.status, after.grant_access) == (Status.REFUNDED, False)


def test_an_open_answer_changes_nothing():
    result = outcome(Status.OPEN, snapshot("open"), receipt_sent=False)
    assert (result.status, result.grant_access, result.end_access, result.send_receipt) == (
        Status.OPEN,
        False,
        False,
        False,
    )
