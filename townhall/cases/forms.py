"""Forms of the journey: one page of a service's questions, the declaration, the survey.

`PageForm` is built from the service definition (see page_fields.py for how
each question becomes inputs); the declaration and the survey are plain
Django forms.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from townhall.cases.i18n import currency_symbol, message_text, tr
from townhall.cases.models import SatisfactionResponse
from townhall.cases.page_fields import (
    ADDRESS_PARTS,
    DATE_PARTS,
    FILE_EXTENSIONS,
    FILE_NAMES,
    MAX_ITEMS,
    Action,
    Choice,
    Field,
    Item,
    action_from,
    blank,
    form_value,
    read_value,
    reveal_option,
)
from townhall.cases.services import upload_max_bytes
from townhall.catalog.answers import shows  # the catalogue's own test of a condition
from townhall.catalog.definition import CheckedAnswers, Message, Page, Question, Service, Text

__all__ = ["Action", "DeclarationForm", "PageForm", "SatisfactionForm", "action_from"]


class PageForm:
    """One page of questions, with the values to show and the errors to report."""

    def __init__(
        self,
        *,
        service: Service,
        page: Page,
        raw: Mapping[str, Any],
        context: CheckedAnswers,
        today: date,
        errors: Mapping[str, Message | str] | None = None,
    ) -> None:
        self.service = service
        self.page = page
        self.raw = dict(raw)
        self.context = context
        self.today = today
        self.messages: dict[str, Message | str] = dict(errors or {})
        self.errors: dict[str, str] = {}
        self.fields = self._fields()

    # -- building ---------------------------------------------------------------

    @classmethod
    def from_stored(
        cls,
        *,
        service: Service,
        page: Page,
        stored: Mapping[str, Any],
        context: CheckedAnswers,
        today: date,
    ) -> PageForm:
        raw = {q.id: form_value(q, stored.get(q.id)) for q in page.questions}
        return cls(service=service, page=page, raw=raw, context=context, today=today)

    @classmethod
    def from_post(
        cls,
        *,
        service: Service,
        page: Page,
        data: Any,
        stored: Mapping[str, Any],
        context: CheckedAnswers,
        today: date,
    ) -> PageForm:
        raw: dict[str, Any] = {}
        for question in page.questions:
            if question.type == "file":
                raw[question.id] = form_value(question, stored.get(question.id))
            else:
                raw[question.id] = read_value(question, question.id, data)
        return cls(service=service, page=page, raw=raw, context=context, today=today)

    def answers(self) -> dict[str, Any]:
        """The posted answers as the catalogue checks them; empty repeat items dropped."""
        answers: dict[str, Any] = {}
        for question in self.page.questions:
            value = self.raw.get(question.id)
            if question.type == "repeat" and isinstance(value, list):
                value = [item for item in value if not blank(item)]
            answers[question.id] = value
        return answers

    def add_item(self, question_id: str) -> None:
        question = self._question(question_id, "repeat")
        items = list(self.raw.get(question_id) or [])
        if question is not None and len(items) < (question.max_items or MAX_ITEMS):
            items.append({inner.id: form_value(inner, None) for inner in question.questions})
            self.raw[question_id] = items
        self.fields = self._fields()

    def remove_item(self, question_id: str, index: int) -> None:
        items = list(self.raw.get(question_id) or [])
        if self._question(question_id, "repeat") is not None and 0 <= index < len(items):
            del items[index]
            self.raw[question_id] = items
        self.fields = self._fields()

    def set_files(self, question_id: str, files: list[dict[str, Any]]) -> None:
        if self._question(question_id, "file") is not None:
            self.raw[question_id] = files
            self.fields = self._fields()

    def add_errors(self, errors: Mapping[str, Message | str]) -> None:
        self.messages.update(errors)
        self.fields = self._fields()

    def _question(self, question_id: str, kind: str) -> Question | None:
        return next(
            (q for q in self.page.questions if q.id == question_id and q.type == kind), None
        )

    def _shown(self, question: Question) -> bool:
        """Whether to draw a question: its condition holds on the earlier pages'
        answers, or it depends on this page's answers (then it is always drawn,
        and checked only if its condition holds when the page is sent)."""
        if question.show_if is None:
            return True
        on_page = {q.id for q in self.page.questions}
        if question.show_if.names & on_page:
            return True
        return shows(
            question.show_if, self.context.values, {}, service=self.service, today=self.today
        )

    def _fields(self) -> list[Field]:
        self.errors = {key: message_text(message) for key, message in self.messages.items()}
        reveals: dict[tuple[str, str], list[Question]] = {}
        revealed: set[str] = set()
        for question in self.page.questions:
            target = reveal_option(question, self.page)
            if target is not None:
                reveals.setdefault(target, []).append(question)
                revealed.add(question.id)
        built: dict[str, Field] = {}
        for question in self.page.questions:
            if self._shown(question):
                built[question.id] = self._field(
                    question, question.id, question.id, self.raw.get(question.id), reveals
                )
        return [f for qid, f in built.items() if qid not in revealed]

    def _field(
        self,
        question: Question,
        key: str,
        name: str,
        value: Any,
        reveals: Mapping[tuple[str, str], list[Question]],
        *,
        in_item: bool = False,
    ) -> Field:
        made = Field(
            question=question,
            key=key,
            name=name,
            value=value if value is not None else form_value(question, None),
            label=tr(question.label),
            hint=tr(question.hint),
            error=self.errors.get(key, ""),
            in_item=in_item,
        )
        if question.type == "date":
            made.error_part = _error_part(self.messages.get(key))
        elif question.type == "address":
            made.part_errors = {
                part: self.errors[f"{key}.{part}"]
                for part in ADDRESS_PARTS
                if f"{key}.{part}" in self.errors
            }
        elif question.type == "money":
            made.prefix = currency_symbol(self.service.currency)
        elif question.type == "number" and question.unit is not None:
            made.suffix = tr(question.unit)
        elif question.type in ("yes_no", "choice", "choices"):
            made.choices = self._choices(question, name, made.value, reveals)
        elif question.type == "repeat":
            self._items(made, reveals)
        elif question.type == "file":
            requirement = self.service.document(str(question.document))
            made.accept = ",".join(FILE_EXTENSIONS[kind] for kind in requirement.accept)
            names = [FILE_NAMES[kind] for kind in requirement.accept]
            types = (
                names[0]
                if len(names) == 1
                else _("%(first)s or %(last)s")
                % {
                    "first": ", ".join(names[:-1]),
                    "last": names[-1],
                }
            )
            limit = min(requirement.max_bytes, upload_max_bytes()) // 2**20
            made.limits = _("The file must be a %(types)s, smaller than %(max)s MB.") % {
                "types": types,
                "max": limit,
            }
            if question.max_files > 1:
                made.limits += " " + _("You can upload up to %(count)s files.") % {
                    "count": question.max_files
                }
            made.hint = made.hint or tr(requirement.hint)
        return made

    def _choices(
        self,
        question: Question,
        name: str,
        value: Any,
        reveals: Mapping[tuple[str, str], list[Question]],
    ) -> list[Choice]:
        if question.type == "yes_no":
            options = [("yes", _("Yes"), ""), ("no", _("No"), "")]
        else:
            options = [(o.value, tr(o.label), tr(o.hint)) for o in question.options]
        picked = set(value) if isinstance(value, list) else {value}
        choices = []
        for number, (option_value, label, hint) in enumerate(options, start=1):
            choice = Choice(
                value=option_value,
                label=label,
                hint=hint,
                id=name if number == 1 else f"{name}-{number}",
                checked=option_value in picked,
                exclusive=question.type == "choices"
                and option_value == "none"
                and number == len(options),
            )
            for inner in reveals.get((question.id, option_value), []):
                if self._shown(inner):
                    choice.conditional.append(
                        self._field(inner, inner.id, inner.id, self.raw.get(inner.id), reveals)
                    )
            choices.append(choice)
        return choices

    def _items(self, made: Field, reveals: Mapping[tuple[str, str], list[Question]]) -> None:
        question = made.question
        items = made.value if isinstance(made.value, list) else []
        if not items and question.min_items:
            items = [{inner.id: form_value(inner, None) for inner in question.questions}]
            made.value = items
        item_label = tr(question.item_label) or _("Item")
        lowered = item_label[:1].lower() + item_label[1:]
        for index, answers in enumerate(items):
            fields = [
                self._field(
                    inner,
                    f"{made.key}.{index}.{inner.id}",
                    f"{made.name}-{index}-{inner.id}",
                    answers.get(inner.id) if isinstance(answers, Mapping) else None,
                    {},
                    in_item=True,
                )
                for inner in question.questions
            ]
            made.items.append(
                Item(
                    index=index,
                    legend=f"{item_label} {index + 1}",
                    remove_label=_("Remove %(item)s") % {"item": f"{lowered} {index + 1}"},
                    fields=fields,
                )
            )
        made.can_add = len(items) < (question.max_items or MAX_ITEMS)
        made.add_label = (
            _("Add another %(item)s") % {"item": lowered}
            if items
            else _("Add a %(item)s") % {"item": lowered}
        )

    # -- errors -------------------------------------------------------------------

    def error_list(self) -> list[dict[str, str]]:
        """The error summary: each message with a link to its field, in page order."""
        links: list[tuple[str, str]] = []

        def walk(fields: list[Field]) -> None:
            for made in fields:
                links.append((made.key, made.id))
                for part in ADDRESS_PARTS:
                    links.append((f"{made.key}.{part}", f"{made.name}-{part}"))
                for choice in made.choices:
                    walk(choice.conditional)
                for item in made.items:
                    walk(item.fields)

        walk(self.fields)
        anchors = dict(links)
        order = [key for key, _anchor in links]
        listed = [key for key in order if key in self.errors]
        listed += [key for key in self.errors if key not in anchors]
        first = self.fields[0].id if self.fields else "main-content"
        return [
            {"href": f"#{anchors.get(key, first)}", "text": self.errors[key]}
            for key in dict.fromkeys(listed)
        ]

    @property
    def has_buttons(self) -> bool:
        """Whether the page has buttons besides Continue (so it needs a default one)."""
        return any(q.type in ("repeat", "file") for q in self.page.questions)

    @property
    def has_files(self) -> bool:
        return any(q.type == "file" for q in self.page.questions)


def _error_part(message: Message | str | None) -> str:
    """The date part a "must include a month" error is about, to link to that input."""
    part = message.params.get("part") if isinstance(message, Message) else None
    return part.en if isinstance(part, Text) and part.en in DATE_PARTS else ""


# --- the declaration and the survey ------------------------------------------------


class DeclarationForm(forms.Form):
    # Made when the page is drawn; a second submission with the same key (a
    # double click, a refresh) finds the first instead of making another.
    idempotency_key = forms.RegexField(
        regex=r"^[\x21-\x7e]{1,100}$",
        widget=forms.HiddenInput,
        error_messages={
            "required": gettext_lazy("The page has expired. Try sending your application again."),
            "invalid": gettext_lazy("The page has expired. Try sending your application again."),
        },
    )


SATISFACTION_CHOICES = [
    ("5", gettext_lazy("Very satisfied")),
    ("4", gettext_lazy("Satisfied")),
    ("3", gettext_lazy("Neither satisfied nor dissatisfied")),
    ("2", gettext_lazy("Dissatisfied")),
    ("1", gettext_lazy("Very dissatisfied")),
]


class SatisfactionForm(forms.Form):
    score = forms.ChoiceField(
        label=gettext_lazy("How satisfied were you with this service?"),
        choices=SATISFACTION_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Select how satisfied you were with this service"),
            "invalid_choice": gettext_lazy("Select how satisfied you were with this service"),
        },
    )
    comment = forms.CharField(
        label=gettext_lazy("How could we improve this service? (optional)"),
        help_text=gettext_lazy(
            "Do not include personal information, like your name, national ID number "
            "or date of birth."
        ),
        required=False,
        max_length=SatisfactionResponse.COMMENT_MAX,
        widget=forms.Textarea,
        error_messages={
            "max_length": gettext_lazy("Your comments must be %(limit_value)s characters or less")
        },
    )
