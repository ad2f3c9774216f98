"""The help pages at /help/<slug>/: short, plain-language guidance.

Kept as data, not as one template per page, so that the page a resident reads
and the passages the assistant answers from are the same words. Where core
already has a page (privacy notice, accessibility statement, contact details)
the help page summarises and links to it instead of repeating it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class HelpPage:
    slug: str
    title: Promise
    summary: Promise
    sections: tuple[tuple[Promise, Promise], ...]
    more_url: str  # a URL name, reversed when rendered
    more_label: Promise


PAGES: tuple[HelpPage, ...] = (
    HelpPage(
        slug="participatory-budgeting",
        title=_("Participatory budgeting"),
        summary=_(
            "Participatory budgeting lets residents decide how to spend part of the city's budget."
        ),
        sections=(
            (
                _("Suggest a project"),
                _(
                    "When a budgeting round is open, anyone who lives in Riverside can send in a "
                    "proposal: an idea for a project, what it would cost and where it would be. "
                    "Staff check each proposal is possible and within the budget."
                ),
            ),
            (
                _("How voting works"),
                _(
                    "Residents vote for the projects they want. Your ballot is secret: we record "
                    "that you voted, not how. When voting closes, the votes are counted with the "
                    "rule announced for that round, and the winning projects get funded."
                ),
            ),
            (
                _("See the results"),
                _(
                    "The results page shows which projects won and why, and the count is written "
                    "to the public transparency log so anyone can check it."
                ),
            ),
        ),
        more_url="engagement:processes",
        more_label=_("See open budgeting rounds"),
    ),
    HelpPage(
        slug="consultations",
        title=_("Consultations"),
        summary=_("A consultation is how the city asks for your views before it makes a decision."),
        sections=(
            (
                _("Have your say"),
                _(
                    "Each consultation explains the plan, who it affects and the closing date. "
                    "You can comment on the proposal, answer the survey questions, or both."
                ),
            ),
            (
                _("What happens to your comments"),
                _(
                    "Officers read every response. After the closing date we publish a summary of "
                    "what people said and what we changed because of it."
                ),
            ),
        ),
        more_url="engagement:processes",
        more_label=_("See open consultations"),
    ),
    HelpPage(
        slug="privacy",
        title=_("Your personal data"),
        summary=_("How we use your personal data, and how you can see, download or delete it."),
        sections=(
            (
                _("Download a copy of your data"),
                _(
                    "Signed in, you can download a copy of the personal data we hold about you, "
                    "including your applications and messages."
                ),
            ),
            (
                _("Ask us to delete your data"),
                _(
                    "You can ask us to erase your personal data. We keep what the law says we must "
                    "(such as decisions) for as long as the law says."
                ),
            ),
            (
                _("Who has looked at your data"),
                _(
                    "Every time a member of staff opens your case, we record it. You can read that "
                    "log from your account."
                ),
            ),
        ),
        more_url="core:privacy",
        more_label=_("Read the full privacy notice"),
    ),
    HelpPage(
        slug="accessibility",
        title=_("Accessibility"),
        summary=_("We want everyone to be able to use this website, including disabled people."),
        sections=(
            (
                _("Using this website"),
                _(
                    "You can zoom in up to 400%, use the website with a keyboard only, or with a "
                    "screen reader. Pages work without JavaScript."
                ),
            ),
            (
                _("If something does not work for you"),
                _(
                    "Tell us and we will help: we can send information in large print, easy read "
                    "or another format, or fill in a form with you by phone."
                ),
            ),
        ),
        more_url="core:accessibility",
        more_label=_("Read the accessibility statement"),
    ),
    HelpPage(
        slug="contact",
        title=_("Contact the council"),
        summary=_("How to talk to a person at the council by email or phone."),
        sections=(
            (
                _("Email or phone"),
                _(
                    "You can email us or call us Monday to Friday, 9am to 5pm. Interpreters are "
                    "available on request. We aim to reply to emails within 5 working days."
                ),
            ),
            (
                _("Ask for someone to contact you"),
                _(
                    "If the assistant cannot help, ask it to put you in touch with a person: a "
                    "member of staff will read your conversation and get back to you."
                ),
            ),
        ),
        more_url="core:contact",
        more_label=_("See our email address and phone number"),
    ),
)

BY_SLUG = {page.slug: page for page in PAGES}
