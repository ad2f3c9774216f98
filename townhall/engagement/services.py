"""Writes for voting: who may vote where, casting and changing a ballot,
paper ballots with a four-eyes check, and moving a process between phases.

Each function takes keyword arguments only and runs in one transaction. A
refusal raises an `EngagementError` whose `message` says what is wrong, and
changes nothing.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from townhall.engagement.ballots import BallotInvalid, BallotLimits, ballot_content
from townhall.engagement.models import (
    Ballot,
    District,
    DistrictResident,
    PaperBallot,
    PBProcess,
    Phase,
    Project,
    VoterRollEntry,
    VoteType,
)
from townhall.ledger.services import ledger_append

RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud, typed back


class EngagementError(Exception):
    """A change refused, with the reason in words for the resident."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class NotEligible(EngagementError):
    """The person may not vote in this district (a 403, never a hint elsewhere)."""


class AlreadyVoted(EngagementError):
    """A second ballot without the receipt code of the first."""


class BallotRejected(EngagementError):
    """The choices do not make a valid ballot."""


# --- receipts -----------------------------------------------------------------


def receipt_code_new() -> str:
    """16 random characters in groups of four, like K7QF-9MZC-2HTX-PW4D (80 bits)."""
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _i in range(16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def receipt_normalise(code: str) -> str:
    """The code as issued, whatever spaces, dashes or case the voter typed."""
    raw = "".join(ch for ch in code.upper() if ch.isalnum())
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def receipt_hash(code: str) -> str:
    return hashlib.sha256(receipt_normalise(code).encode()).hexdigest()


# --- eligibility --------------------------------------------------------------


def ballot_limits(district: District) -> BallotLimits:
    process = district.process
    costs = {
        str(pk): cost
        for pk, cost in Project.objects.filter(district=district)
        .on_ballot()
        .values_list("pk", "cost")
    }
    return BallotLimits(
        vote_type=process.vote_type,
        budget=district.budget if process.limit_by_budget else None,
        max_projects=process.max_projects,
        min_projects=process.min_projects,
        points=process.points,
        costs=costs,
    )


def ballot_error_message(error: BallotInvalid) -> str:
    values = dict(error.values)
    for key in ("total", "budget"):
        if isinstance(values.get(key), int):
            values[key] = f"{values[key]:,}"
    kind = error.kind
    if kind == "unknown_project":
        return _("One of the projects you chose is not on this ballot")
    if kind == "duplicate":
        return _("You chose the same project twice")
    if kind == "choose_one":
        return _("Choose exactly one project")
    if kind == "too_few":
        return _("Choose at least %(least)s project(s)") % values
    if kind == "too_many":
        return _("Choose at most %(most)s projects: you chose %(chosen)s") % values
    if kind == "over_budget":
        return (
            _("The projects you chose cost %(total)s together, more than the budget of %(budget)s")
            % values
        )
    if kind == "points_not_number":
        return _("Points must be whole numbers of 0 or more")
    if kind == "too_many_points":
        return _("You gave %(total)s points: you have %(points)s to share out") % values
    return _("Choose the projects you want to vote for")


def voter_eligibility_check(*, user: Any, district: District) -> DistrictResident:
    """The person's verified residency in `district`, or NotEligible."""
    process = district.process
    if not getattr(user, "is_authenticated", False):
        raise NotEligible(_("Sign in to vote"))
    residency = DistrictResident.objects.filter(user_id=user.pk, district=district).first()
    if residency is None:
        raise NotEligible(_("You can vote only in the district where your address was verified"))
    if process.min_age:
        if residency.birth_year is None:
            raise NotEligible(_("Your age has not been verified, so you cannot vote yet"))
        # Years apart, not exact birthdays: the year is all that is kept.
        if timezone.localdate().year - residency.birth_year < process.min_age:
            raise NotEligible(
                _("You must be %(age)s or older to vote in this process") % {"age": process.min_age}
            )
    return residency


@transaction.atomic
def district_resident_verify(
    *, user: Any, district: District, birth_year: int | None = None
) -> DistrictResident:
    residency, _created = DistrictResident.objects.update_or_create(
        user=user,
        district=district,
        defaults={"birth_year": birth_year, "verified_at": timezone.now()},
    )
    return residency


# --- casting ------------------------------------------------------------------


def _check_voting_open(process: PBProcess) -> None:
    if process.phase != Phase.VOTING:
        raise EngagementError(_("Voting is not open in this process"))


def _content(district: District, choices: Any) -> dict[str, Any]:
    try:
        return ballot_content(ballot_limits(district), choices)
    except BallotInvalid as error:
        raise BallotRejected(ballot_error_message(error)) from None


@transaction.atomic
def ballot_cast(*, user: Any, district: District, choices: Any, receipt_code: str = "") -> str:
    """Record a vote and return the new receipt code (shown to the voter once).

    The first ballot adds the person to the roll. Giving the receipt code of
    their ballot replaces it (the roll is unchanged); without it a second
    ballot is refused, since nothing else could find the first one.
    """
    process = PBProcess.objects.select_for_update().get(pk=district.process_id)
    district.process = process
    _check_voting_open(process)
    voter_eligibility_check(user=user, district=district)
    content = _content(district, choices)
    on_roll = VoterRollEntry.objects.filter(district=district, user_id=user.pk).exists()
    if on_roll:
        if not receipt_code.strip():
            raise AlreadyVoted(
                _(
                    "You have already voted in this district. To change your vote, "
                    "enter the receipt code you were given"
                )
            )
        # Someone else's code would replace their ballot: a code names a
        # ballot only, so the holder of a code is trusted with that ballot.
        old = Ballot.objects.filter(
            district=district, receipt_hash=receipt_hash(receipt_code)
        ).first()
        if old is None:
            raise AlreadyVoted(_("That receipt code does not match a ballot in this district"))
        old.delete()
    else:
        try:
            with transaction.atomic():
                VoterRollEntry.objects.create(
                    process=process, district=district, user=user, voted_at=timezone.now()
                )
        except IntegrityError:
            raise AlreadyVoted(_("You have already voted in this district")) from None
    code = receipt_code_new()
    Ballot.objects.create(district=district, content=content, receipt_hash=receipt_hash(code))
    return code


def ballot_counted(*, district: District, code: str) -> bool:
    """Whether the ballot with this receipt code is among the district's ballots."""
    if not code.strip():
        return False
    return Ballot.objects.filter(district=district, receipt_hash=receipt_hash(code)).exists()


# --- paper ballots ------------------------------------------------------------


@transaction.atomic
def paper_ballot_enter(*, staff: Any, district: District, choices: Any) -> PaperBallot:
    process = district.process
    if process.phase not in (Phase.VOTING, Phase.RESULTS):
        raise EngagementError(_("Paper ballots can be entered only while votes are counted"))
    content = _content(district, choices)
    return PaperBallot.objects.create(district=district, content=content, entered_by=staff)


@transaction.atomic
def paper_ballot_confirm(*, staff: Any, paper_ballot_id: Any) -> Ballot:
    """The second pair of eyes: the ballot counts from now on."""
    try:
        paper = PaperBallot.objects.select_for_update().get(pk=paper_ballot_id)
    except (PaperBallot.DoesNotExist, ValueError):
        raise EngagementError(_("There is no such paper ballot")) from None
    if paper.confirmed_at is not None:
        raise EngagementError(_("This paper ballot was already confirmed"))
    if paper.entered_by_id == staff.pk:
        raise EngagementError(_("Another member of staff must confirm a paper ballot you entered"))
    paper.confirmed_by = staff
    paper.confirmed_at = timezone.now()
    paper.save(update_fields=["confirmed_by", "confirmed_at"])
    # A paper voter keeps no receipt; the code is thrown away.
    return Ballot.objects.create(
        district=paper.district,
        content=paper.content,
        receipt_hash=receipt_hash(receipt_code_new()),
    )


# --- phases -------------------------------------------------------------------


@transaction.atomic
def process_phase_set(*, process: PBProcess, phase: str, actor: Any) -> PBProcess:
    if phase not in Phase.values:
        raise EngagementError(_("Unknown phase"))
    previous = process.phase
    process.phase = phase
    process.save(update_fields=["phase"])
    ledger_append(
        kind="pb.phase",
        subject=f"pb:{process.slug}",
        payload={"from": previous, "to": phase},
        actor=actor,
    )
    return process


def vote_type_takes_points(process: PBProcess) -> bool:
    return process.vote_type == VoteType.CUMULATIVE


def choices_from_form(process: PBProcess, data: Mapping[str, Any]) -> Any:
    """The choices a ballot form posted: a list of ids, or id -> points."""
    if process.vote_type == VoteType.CUMULATIVE:
        return {
            key.removeprefix("points-"): value
            for key, value in data.items()
            if key.startswith("points-") and str(value).strip() not in ("", "0")
        }
    if process.vote_type == VoteType.ORDINAL:
        ranked = []
        for key, value in data.items():
            if key.startswith("rank-") and str(value).strip():
                try:
                    ranked.append((int(value), key.removeprefix("rank-")))
                except ValueError:
                    raise BallotRejected(_("Ranks must be whole numbers")) from None
        if len({rank for rank, _pid in ranked}) != len(ranked):
            raise BallotRejected(_("Give each project a different number"))
        return [pid for _rank, pid in sorted(ranked)]
    if hasattr(data, "getlist"):
        return list(data.getlist("project"))
    value = data.get("project", [])
    return [value] if isinstance(value, str) else list(value)
