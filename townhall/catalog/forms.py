from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from townhall.catalog.definition import (
    DefinitionErrors,
    EligibilityResult,
    EligibilityRule,
    Question,
    Service,
    Text,
    assess_values,
    check_answers,
    parse_service,
)
from townhall.catalog.markdown import words
from townhall.catalog.models import ServiceVersion
from townhall.catalog.selectors import service_version_latest
from townhall.catalog.text import placeholders

# Question types a one-page check can ask with a single plain field. Dates,
# addresses and files need several inputs or an upload, and are never worth
# asking just to tell someone whether to apply.
CHECKABLE_TYPES = frozenset(
    {"text", "textarea", "number", "money", "yes_no", "choice", "email", "phone", "postcode"}
)
# More items than any repeat group allows, so that "too many" is reported
# without building a list as long as whatever number was typed.
COUNT_CEILING = 1000


@dataclass(frozen=True)
class EligibilityCheck:
    """What "check before you start" asks, and the rules it applies.

    `service` is the definition cut down to the derived values the eligibility
    rules read and no amounts, so that answers the check does not ask for are
    never needed. `counted` names the repeat groups asked as a number ("Number
    of people who live with you"): the rules only count their items.
    """

    service: Service
    questions: tuple[Question, ...]
    counted: frozenset[str]


def eligibility_check_for(service: Service) -> EligibilityCheck | None:
    """The questions the eligibility rules need, derived from the names they read.

    Starting from every name in the rules' conditions and in the reasons and
    next steps they quote, it follows derived values to the answers they read,
    and answers to the conditions that show them. None when the service has
    no eligibility rules, or needs an answer that a one-page form cannot ask
    (see `CHECKABLE_TYPES`, or the answers inside a repeat group).
    """
    if service.eligibility is None:
        return None
    derived = {item.id: item for item in service.derived}
    questions: dict[str, Question] = {}
    inside: dict[str, str] = {}
    for page in service.pages:
        for question in page.questions:
            questions[question.id] = question
            inside.update({inner.id: question.id for inner in question.questions})
    conditions = {
        question.id: [c for c in (page.show_if, question.show_if) if c is not None]
        for page in service.pages
        for question in page.questions
    }

    waiting = [name for rule in _rules(service) for name in _names(rule)]
    needed: set[str] = set()
    while waiting:
        name = waiting.pop()
        if name in needed:
            continue
        needed.add(name)
        if name in derived:
            waiting.extend(derived[name].names)
        if name in inside:
            waiting.append(inside[name])
        for condition in conditions.get(name, ()):
            waiting.extend(condition.names)

    asked = tuple(question for question in questions.values() if question.id in needed)
    counted = set()
    for question in asked:
        if question.type == "repeat":
            if any(inner.id in needed for inner in question.questions):
                return None
            counted.add(question.id)
        elif question.type not in CHECKABLE_TYPES:
            return None
    trimmed = replace(
        service,
        derived=tuple(item for item in service.derived if item.id in needed),
        amounts=(),
    )
    return EligibilityCheck(trimmed, asked, frozenset(counted))


def _rules(service: Service) -> list[EligibilityRule]:
    assert service.eligibility is not None
    return [*service.eligibility.rules, service.eligibility.otherwise]


def _names(rule: EligibilityRule) -> set[str]:
    names = set(rule.when.names) if rule.when is not None else set()
    for text in (rule.reason, rule.next_steps):
        for version in _all_words(text):
            names.update(path.split(".")[0] for path, _format in placeholders(version))
    return names


def _all_words(text: Text | None) -> list[str]:
    return [] if text is None else [text.en, *(other for _code, other in text.translations)]


class RadioSelect(forms.RadioSelect):
    """Radios whose field points at its first radio, as the GOV.UK error
    summary wants ("#id_field_0"); Django's points at nothing. (Its name is
    Django's: core/includes/field.html picks the radios markup by it.)"""

    def id_for_label(self, id_: str, index: str | None = "0") -> str:
        return super().id_for_label(id_, index)


class EligibilityCheckForm(forms.Form):
    """The questions of an `EligibilityCheck` on one page.

    Django's fields only carry the words typed; the definition checks them
    (`check_answers`), so the check's error messages are the application's.
    """

    def __init__(self, *args: Any, check: EligibilityCheck, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.check = check
        self.values: dict[str, object] = {}
        for question in check.questions:
            self.fields[question.id] = self._field(question)

    def _field(self, question: Question) -> forms.Field:
        hint = words(question.hint)
        if question.show_if is not None:
            hint = f"{hint} {gettext('Leave this out if it does not apply to you.')}".strip()
        label = words(question.label)
        if question.id in self.check.counted:
            label = gettext("Number of %(noun)s") % {"noun": words(question.noun)}
        field: forms.Field
        if question.type == "yes_no":
            choices = [("yes", gettext("Yes")), ("no", gettext("No"))]
            field = forms.ChoiceField(choices=choices, widget=RadioSelect, required=False)
        elif question.type == "choice":
            choices = [(option.value, words(option.label)) for option in question.options]
            field = forms.ChoiceField(choices=choices, widget=RadioSelect, required=False)
        elif question.type == "textarea":
            field = forms.CharField(widget=forms.Textarea, required=False, max_length=5000)
        else:
            numeric = question.type in ("number", "money", "repeat")
            attrs = {"inputmode": "decimal", "spellcheck": "false"} if numeric else {}
            if question.type == "repeat" or (question.type == "number" and not question.decimals):
                attrs["inputmode"] = "numeric"
            field = forms.CharField(
                widget=forms.TextInput(attrs=attrs), required=False, max_length=200
            )
        field.label = label
        field.help_text = hint
        return field

    def rows(self) -> list[tuple[forms.BoundField, str]]:
        """Each field with the width its input should have."""
        narrow = {
            question.id
            for question in self.check.questions
            if question.type in ("number", "money", "repeat")
        }
        width = "govuk-input--width-10"
        return [(self[name], width if name in narrow else "") for name in self.fields]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        answers: dict[str, object] = {}
        for question in self.check.questions:
            raw = cleaned.get(question.id)
            if question.id in self.check.counted:
                raw = self._items(question, raw)
            answers[question.id] = raw
        checked = check_answers(self.check.service, answers)
        for key, message in checked.errors.items():
            name, _dot, rest = key.partition(".")
            # Questions the check does not ask, and the answers inside a group
            # it only counts, are left for the application itself; an answer
            # Django already refused keeps that one message.
            if name not in self.fields or (rest and name in self.check.counted):
                continue
            if not self.has_error(name):
                self.add_error(name, message.render(text=words))
        self.values = checked.values
        return cleaned

    def _items(self, question: Question, raw: object) -> list[dict[str, object]] | None:
        text = str(raw or "").strip()
        if not text:
            return []
        if not text.isdecimal():
            noun = words(question.noun)
            self.add_error(
                question.id,
                gettext("Enter the number of %(noun)s as a whole number, like 2") % {"noun": noun},
            )
            return None
        return [{} for _ in range(min(int(text), COUNT_CEILING))]

    def outcome(self) -> EligibilityResult:
        """The rules' outcome for the answers; only after `is_valid()`."""
        result = assess_values(self.check.service, self.values).eligibility
        assert result is not None
        return result


class ServiceDefinitionForm(forms.ModelForm):
    """A definition's YAML, checked like a file in catalog/services/ is.

    Saving it never changes a stored version: the admin publishes the text as
    a new version (`service_version_publish`), so its number must be higher
    than any version already published.
    """

    source = forms.CharField(
        label=_("Definition (YAML)"),
        strip=False,  # leading blank lines count in the line numbers of errors
        widget=forms.Textarea(attrs={"rows": 40, "cols": 100, "spellcheck": "false"}),
        help_text=_(
            "Saving publishes this text as a new version; the versions already published "
            "never change. Raise the version number. See docs/services.md for every key."
        ),
    )

    class Meta:
        model = ServiceVersion
        fields = ["source"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.service: Service | None = None

    def clean_source(self) -> str:
        text = self.cleaned_data["source"].replace("\r\n", "\n")
        stored = self.instance.pk is not None
        try:
            service = parse_service(text, path=f"{self.instance.slug or 'service'}.yaml")
        except DefinitionErrors as errors:
            raise ValidationError(
                [
                    ValidationError(
                        _("Line %(line)s: %(reason)s"),
                        code="definition",
                        params={"line": error.line, "reason": error.reason},
                    )
                    for error in errors.errors
                ]
            ) from None
        if stored and service.slug != self.instance.slug:
            raise ValidationError(
                _(
                    "The slug must stay %(slug)s: it is the service's web address, "
                    "which other pages and sites link to"
                ),
                code="slug",
                params={"slug": self.instance.slug},
            )
        latest = service_version_latest(slug=service.slug)
        if latest is not None and service.version <= latest.version:
            raise ValidationError(
                _(
                    "Version %(version)s of %(slug)s is already published. "
                    "Raise the version number to %(next)s or more"
                ),
                code="version",
                params={
                    "version": latest.version,
                    "slug": service.slug,
                    "next": latest.version + 1,
                },
            )
        self.service = service
        return text
