"""How soon a reader should see a doctor: one rule for every page, self-test result and call to action.

The levels and their order come from ../shared/facts/clinical.md, section 2. Each level has one standard
piece of advice (a heading and what to do), so every text uses the same words for the same urgency.
Plain Python: no models, no templates.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

SPOED = "spoed"  # call the GP or out-of-hours service now; 112 when nobody answers (cauda equina signs)
VANDAAG = "vandaag"  # call the GP today (quickly weaker leg or dropping foot, serious accident, fever and ill)
BINNENKORT = "binnenkort"  # GP appointment within a few days
AFSPRAAK = "afspraak"  # an ordinary, not urgent, GP appointment
GEEN = "geen"  # no GP advice

LEVELS = (SPOED, VANDAAG, BINNENKORT, AFSPRAAK, GEEN)  # most urgent first
ALARM_LEVELS = (SPOED, VANDAAG, BINNENKORT)  # what a self-test answer can raise


@dataclass(frozen=True)
class Advice:
    heading: str
    action: str


ADVICE = {
    SPOED: Advice(
        _("Call your GP or the out-of-hours GP service now."),
        _(
            "Do not wait to see whether it passes. In the evening, at night and at the weekend you call the "
            "out-of-hours GP service. Can't reach anyone? Call 112."
        ),
    ),
    VANDAAG: Advice(
        _("Call your GP today."),
        _(
            "One of your answers means a doctor should look at you today. Is your GP's practice closed? "
            "Then call the out-of-hours GP service."
        ),
    ),
    BINNENKORT: Advice(
        _("Make an appointment with your GP within a few days."),
        _("One of your answers is a sign that a doctor should look at your back soon. It need not be today."),
    ),
    AFSPRAAK: Advice(
        _("Make an ordinary appointment with your GP."),
        _("It is not urgent. Your answers fit something your GP will want to look at calmly."),
    ),
}

CHOICE_LABELS = {
    SPOED: _("Spoed: call the GP or out-of-hours service now, 112 if nobody answers"),
    VANDAAG: _("Vandaag: call the GP today"),
    BINNENKORT: _("Binnenkort: see the GP within a few days"),
    AFSPRAAK: _("Afspraak: an ordinary GP appointment, not urgent"),
    GEEN: _("None: no GP advice"),
}


def rank(level: str) -> int:
    """0 for the most urgent level; unknown or empty levels count as no urgency at all."""
    return LEVELS.index(level) if level in LEVELS else LEVELS.index(GEEN)


def most_urgent(*levels: str) -> str:
    """The most urgent of the given levels ('' and unknown values count as GEEN)."""
    return LEVELS[min((rank(level) for level in levels), default=rank(GEEN))]


def advice_for(level: str) -> Advice | None:
    """The standard advice for a level, or None when there is nothing to advise."""
    return ADVICE.get(level)


def choices(levels=LEVELS) -> list[tuple[str, str]]:
    """(value, label) pairs for a form or block, most urgent first."""
    return [(level, CHOICE_LABELS[level]) for level in levels]
