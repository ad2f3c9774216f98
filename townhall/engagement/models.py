"""Participatory budgeting: processes, districts, projects, the voter roll and
the secret ballots, and the published results.

Secrecy is a property of the schema: `VoterRollEntry` says that a person voted
in a district, `Ballot` says what was voted, and nothing joins them. A ballot
has no user, no time and no link to the roll, and its primary key is a random
UUID, so neither the row order nor the key tells when it was cast.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    PROPOSALS = "proposals", _("Proposals")
    REVIEW = "review", _("Review")
    VOTING = "voting", _("Voting")
    RESULTS = "results", _("Results")
    CLOSED = "closed", _("Closed")


class VoteType(models.TextChoices):
    # The values are Pabulib's `vote_type` names.
    APPROVAL = "approval", _("Approval: pick projects")
    CUMULATIVE = "cumulative", _("Cumulative: share out points")
    ORDINAL = "ordinal", _("Ordinal: rank projects")
    CHOOSE_ONE = "choose-1", _("Choose one project")


class Rule(models.TextChoices):
    # The values are the engine's rule names (townhall/engagement/pb/rules.py).
    GREEDY = "greedy", _("Greedy by votes")
    MES = "mes", _("Method of Equal Shares")
    MES_ADD1 = "mes-add1", _("Method of Equal Shares, completed by Add1")
    MES_INCREASE = "mes-increase", _("Method of Equal Shares, completed by budget increase")
    MES_GREEDY = "mes-greedy", _("Method of Equal Shares, completed greedily")
    PHRAGMEN = "phragmen", _("Sequential Phragmén")


class ProjectStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    HIDDEN = "hidden", _("Hidden by a moderator")
    ELIGIBLE = "eligible", _("Eligible")
    INELIGIBLE = "ineligible", _("Not eligible")
    MERGED = "merged", _("Merged into another project")
    SELECTED = "selected", _("Funded")
    NOT_SELECTED = "not_selected", _("Not funded")


class ImplementationStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    PLANNING = "planning", _("Planning")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


# The projects a ballot may name: reviewed and found eligible, or decided.
ON_BALLOT = (ProjectStatus.ELIGIBLE, ProjectStatus.SELECTED, ProjectStatus.NOT_SELECTED)
PUBLIC_STATUSES = tuple(s for s in ProjectStatus.values if s != ProjectStatus.HIDDEN)


class PBProcess(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    phase = models.CharField(
        _("phase"), max_length=20, choices=Phase.choices, default=Phase.PROPOSALS
    )
    vote_type = models.CharField(
        _("ballot type"), max_length=20, choices=VoteType.choices, default=VoteType.APPROVAL
    )
    rule = models.CharField(_("rule"), max_length=20, choices=Rule.choices, default=Rule.MES_ADD1)
    # The knapsack: an approval ballot may cost at most the district's budget
    # (when limit_by_budget) and name at most max_projects projects.
    limit_by_budget = models.BooleanField(_("ballot limited by the budget"), default=True)
    max_projects = models.PositiveSmallIntegerField(
        _("most projects on one ballot"), null=True, blank=True
    )
    min_projects = models.PositiveSmallIntegerField(_("fewest projects on one ballot"), default=1)
    points = models.PositiveIntegerField(_("points to share out (cumulative)"), default=10)
    min_age = models.PositiveSmallIntegerField(_("minimum age to vote"), default=16)
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    proposals_close_on = models.DateField(_("proposals close on"), null=True, blank=True)
    voting_opens_on = models.DateField(_("voting opens on"), null=True, blank=True)
    voting_closes_on = models.DateField(_("voting closes on"), null=True, blank=True)
    # The Pabulib META of an imported election, kept for the export.
    meta = models.JSONField(_("Pabulib metadata"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("budgeting process")
        verbose_name_plural = _("budgeting processes")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    process = models.ForeignKey(
        PBProcess, on_delete=models.CASCADE, related_name="districts", verbose_name=_("process")
    )
    slug = models.SlugField(_("slug"), max_length=80)
    name = models.CharField(_("name"), max_length=200)
    budget = models.PositiveBigIntegerField(_("budget"))

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["process", "slug"], name="pb_district_slug_unique")
        ]

    def __str__(self) -> str:
        return f"{self.process.name}: {self.name}"


class ProjectQuerySet(models.QuerySet["Project"]):
    def public(self) -> ProjectQuerySet:
        return self.filter(status__in=PUBLIC_STATUSES)

    def on_ballot(self) -> ProjectQuerySet:
        return self.filter(status__in=ON_BALLOT)


class Project(models.Model):
    district = models.ForeignKey(
        District, on_delete=models.CASCADE, related_name="projects", verbose_name=_("district")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    category = models.CharField(_("category"), max_length=80, blank=True)
    cost = models.PositiveBigIntegerField(_("cost"))
    address = models.CharField(_("address"), max_length=300, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    photo = models.FileField(_("photo"), upload_to="engagement/photos/", blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pb_projects",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.PROPOSED
    )
    review_reason = models.TextField(_("public review reason"), blank=True)
    hidden_reason = models.TextField(_("reason for hiding"), blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_from",
    )
    pabulib_id = models.CharField(_("Pabulib project id"), max_length=60, blank=True)
    implementation_status = models.CharField(
        _("implementation"),
        max_length=20,
        choices=ImplementationStatus.choices,
        default=ImplementationStatus.NOT_STARTED,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def process(self) -> PBProcess:
        return self.district.process


class ProjectUpdate(models.Model):
    """A public note on how a funded project is getting on."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(
        _("implementation"), max_length=20, choices=ImplementationStatus.choices
    )
    text = models.TextField(_("update"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.project}: {self.get_status_display()}"


class Comment(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pb_comments"
    )
    text = models.TextField(_("comment"))
    hidden_reason = models.TextField(_("reason for hiding"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.project}: comment {self.pk}"


class Support(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pb_supports"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "user"], name="pb_support_once")]

    def __str__(self) -> str:
        return f"{self.project}: support {self.pk}"


class DistrictResident(models.Model):
    """A resident whose address in the district was verified: they may vote there."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pb_residencies"
    )
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="residents")
    # Only the year, checked with the address: enough for the age limit.
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    verified_at = models.DateTimeField(_("verified at"))

    class Meta:
        verbose_name = _("verified resident")
        verbose_name_plural = _("verified residents")
        constraints = [
            models.UniqueConstraint(fields=["user", "district"], name="pb_resident_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.district}"


class VoterRollEntry(models.Model):
    """That a person voted in a district: never what they voted."""

    process = models.ForeignKey(PBProcess, on_delete=models.CASCADE, related_name="roll")
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="roll")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="pb_roll_entries"
    )
    voted_at = models.DateTimeField(_("voted at"))

    class Meta:
        verbose_name = _("voter roll entry")
        verbose_name_plural = _("voter roll")
        constraints = [
            models.UniqueConstraint(fields=["district", "user"], name="pb_vote_once_per_district")
        ]

    def __str__(self) -> str:
        return f"{self.user} voted in {self.district}"


class Ballot(models.Model):
    """One anonymous ballot. Deliberately no user, no time, no roll link."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="ballots")
    # {"approvals": [project pk, …]} / {"points": {pk: n}} / {"ranking": [pk, …]},
    # pks as strings: the engine's Ballot fields.
    content = models.JSONField()
    # sha256 of the receipt code: the voter can find their ballot in the
    # published list, nobody else can tell whose it is.
    receipt_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")

    def __str__(self) -> str:
        return f"ballot {self.pk}"


class PaperBallot(models.Model):
    """A paper or booth ballot typed in by staff; it counts once another
    member of staff has checked it against the paper (four eyes)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="paper_ballots")
    content = models.JSONField()
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("paper ballot")
        verbose_name_plural = _("paper ballots")

    def __str__(self) -> str:
        return f"paper ballot {self.pk}"


class Result(models.Model):
    """The counted outcome of one district, stored so pages never recount."""

    district = models.OneToOneField(District, on_delete=models.CASCADE, related_name="result")
    rule = models.CharField(_("rule"), max_length=20, choices=Rule.choices)
    selected = models.JSONField(default=list)  # project pks, in the order chosen
    cost = models.PositiveBigIntegerField(default=0)
    note = models.TextField(blank=True)
    # {pk: {"kind": …, "values": {…}}}: translated when shown.
    explanations = models.JSONField(default=dict)
    # {rule: [pk, …]}: what the other rules would have funded.
    comparison = models.JSONField(default=dict)
    # {pk: votes (approvals) or score}
    counts = models.JSONField(default=dict)
    ballot_count = models.PositiveIntegerField(default=0)
    ballot_set_sha256 = models.CharField(max_length=64)
    ledger_index = models.PositiveBigIntegerField(null=True, blank=True)
    computed_at = models.DateTimeField()
    # The anonymous ballots as a Pabulib file, for anyone to recount.
    published_pb = models.TextField(blank=True)

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")

    def __str__(self) -> str:
        return f"result of {self.district}"
