"""Rounds of an election, the questions of a referendum, and the results announced."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import UidKeyed, web_url_validator
from .bilingual import either, require_one_language
from .elections import Election


class RoundManager(models.Manager):
    def get_by_natural_key(self, election_slug, number):
        return self.get(election__slug=election_slug, number=number)


def percentage_field(verbose_name, help_text):
    """A percentage 0-100 with two decimals, optional."""
    return models.DecimalField(
        verbose_name,
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=help_text,
    )


class ElectionRound(models.Model):
    """One round of voting of an election, numbered from 1."""

    class Kind(models.TextChoices):
        FIRST = "first", _("first round")
        RUN_OFF = "run-off", _("run-off")
        REPEAT = "repeat", _("repeat vote")

    election = models.ForeignKey(
        Election,
        on_delete=models.CASCADE,
        related_name="rounds",
        verbose_name=_("election"),
    )
    number = models.PositiveSmallIntegerField(
        _("number"),
        validators=[MinValueValidator(1)],
        help_text=_("1 for the first round, 2 for the next, without gaps."),
    )
    voting_day = models.DateField(
        _("voting day"), help_text=_("Round 1's voting day is the election's voting day.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.FIRST)

    objects = RoundManager()

    class Meta:
        ordering = ["election", "number"]
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        constraints = [
            models.UniqueConstraint(
                fields=["election", "number"], name="round_unique_number_in_election"
            ),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="round_number_from_1"),
        ]

    def __str__(self):
        return _("Round %(number)s, %(day)s") % {
            "number": self.number,
            "day": self.voting_day.isoformat() if self.voting_day else "",
        }

    def natural_key(self):
        return (self.election.slug, self.number)

    natural_key.dependencies = ["missions.election"]

    def clean(self):
        if not (self.election_id and self.number and self.voting_day):
            return
        errors = {}
        if self.number == 1 and self.voting_day != self.election.voting_day:
            errors["voting_day"] = _("Round 1 is held on the election's voting day (%(day)s).") % {
                "day": self.election.voting_day.isoformat()
            }
        if self.number == 1 and self.kind != self.Kind.FIRST:
            errors["kind"] = _("Round 1 is the first round.")
        if self.number > 1 and self.kind == self.Kind.FIRST:
            errors["kind"] = _("Only round 1 is the first round: choose run-off or repeat vote.")
        if self.number > 1 and self.voting_day <= self.election.voting_day:
            errors["voting_day"] = _("A later round is held after the election's voting day.")
        if errors:
            raise ValidationError(errors)


class ReferendumQuestion(UidKeyed):
    """A question put to the voters in a referendum."""

    election = models.ForeignKey(
        Election,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("referendum"),
    )
    text = models.TextField(
        _("question"), blank=True, help_text=_("As put to the voters, in English or Russian.")
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["election", "order", "id"]
        verbose_name = _("referendum question")
        verbose_name_plural = _("referendum questions")

    def __str__(self):
        return either(self, "text")

    def clean(self):
        require_one_language(self, ["text"])
        if self.election_id and self.election.kind != Election.Kind.REFERENDUM:
            raise ValidationError({"election": _("Only a referendum has questions.")})


class ElectionResult(UidKeyed):
    """The results of one round as announced: registered voters, turnout, outcomes."""

    round = models.ForeignKey(
        ElectionRound,
        on_delete=models.CASCADE,
        related_name="results",
        verbose_name=_("round"),
    )
    registered_voters = models.PositiveIntegerField(_("registered voters"), null=True, blank=True)
    turnout = percentage_field(_("turnout"), _("Per cent of registered voters, 0 to 100."))
    source = models.URLField(
        _("source"),
        max_length=500,
        blank=True,
        validators=[web_url_validator],
        help_text=_("Where the results were announced (http or https)."),
    )
    preliminary = models.BooleanField(
        _("preliminary"), default=False, help_text=_("Preliminary figures, shown as such.")
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["round", "order", "id"]
        verbose_name = _("result")
        verbose_name_plural = _("results")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(turnout__isnull=True)
                | models.Q(turnout__gte=0, turnout__lte=100),
                name="result_turnout_0_to_100",
            ),
        ]

    def __str__(self):
        label = _("Results of %(round)s") % {"round": self.round}
        return f"{label} ({_('preliminary')})" if self.preliminary else str(label)


class ResultOutcome(UidKeyed):
    """What one option (a candidate, a party, yes or no) received in a result."""

    result = models.ForeignKey(
        ElectionResult,
        on_delete=models.CASCADE,
        related_name="outcomes",
        verbose_name=_("result"),
    )
    option = models.CharField(
        _("option"),
        max_length=300,
        help_text=_('A candidate\'s name, a party, or "yes"/"no", as announced.'),
    )
    percent = percentage_field(_("per cent"), _("Share of the votes, 0 to 100."))
    votes = models.PositiveIntegerField(_("votes"), null=True, blank=True)
    seats = models.PositiveIntegerField(_("seats"), null=True, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["result", "order", "id"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(percent__isnull=True)
                | models.Q(percent__gte=0, percent__lte=100),
                name="outcome_percent_0_to_100",
            ),
        ]

    def __str__(self):
        return self.option
