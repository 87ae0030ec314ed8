"""Scoring: plain functions from answers to a small, frozen result. No I/O, nothing stored."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from assessment.questions import ADDICTION, DEPENDENCE, QUESTIONS, QUESTIONS_BY_ID, SAFETY_ID, UNSURE, YES

# (lowest score, band): DSM-5 counts 2-3 signs as mild, 4-5 as moderate and 6 or more as severe.
BANDS = ((6, "severe"), (4, "moderate"), (2, "mild"), (0, "none"))
BAND_ORDER = ("none", "mild", "moderate", "severe")
BAND_LABELS = {
    "none": _("Few or no signs"),
    "mild": _("Some signs (mild)"),
    "moderate": _("Several signs (moderate)"),
    "severe": _("Many signs (severe)"),
}


def band_for(score):
    if not 0 <= score <= len(QUESTIONS):
        raise ValueError(f"A score runs from 0 to {len(QUESTIONS)}, not {score}.")
    return next(band for lowest, band in BANDS if score >= lowest)


@dataclass(frozen=True)
class Result:
    score: int
    band: str
    yes: tuple[str, ...]  # criterion ids answered "yes", in question order
    unsure: tuple[str, ...]
    in_danger: bool

    @property
    def label(self):
        return BAND_LABELS[self.band]

    @property
    def yes_questions(self):
        return tuple(QUESTIONS_BY_ID[qid] for qid in self.yes)

    @property
    def unsure_questions(self):
        return tuple(QUESTIONS_BY_ID[qid] for qid in self.unsure)

    @property
    def addiction_signs(self):
        return tuple(q for q in self.yes_questions if q.kind == ADDICTION)

    @property
    def dependence_signs(self):
        return tuple(q for q in self.yes_questions if q.kind == DEPENDENCE)

    @property
    def only_dependence(self):
        """Tolerance and withdrawal alone: the body has adapted, without other signs of addiction."""
        return bool(self.dependence_signs) and not self.addiction_signs


def score_answers(answers):
    """answers maps each criterion id (and `safety`) to "yes", "no" or "unsure"."""
    yes = tuple(q.id for q in QUESTIONS if answers.get(q.id) == YES)
    unsure = tuple(q.id for q in QUESTIONS if answers.get(q.id) == UNSURE)
    return Result(
        score=len(yes),
        band=band_for(len(yes)),
        yes=yes,
        unsure=unsure,
        in_danger=answers.get(SAFETY_ID) == YES,
    )
