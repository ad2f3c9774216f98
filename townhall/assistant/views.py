"""The chat page (works without JavaScript), help pages and the staff queue."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from townhall.accounts.decorators import staff_required
from townhall.assistant.forms import AskForm, ContactForm
from townhall.assistant.help_pages import BY_SLUG
from townhall.assistant.models import Conversation
from townhall.assistant.selectors import contact_requests_open, conversation_get
from townhall.assistant.services import (
    contact_request_create,
    conversation_ask,
    conversation_choose,
    conversation_delete,
)

SESSION_KEY = "assistant_conversation"


def _conversation(request: HttpRequest):  # noqa: ANN202 - Conversation | None
    return conversation_get(uid=request.session.get(SESSION_KEY), user=request.user)


def _wants_json(request: HttpRequest) -> bool:
    # The page's own script (static/assistant/chat.mjs) asks for JSON; a plain
    # form post asks for HTML and gets the whole page, as without JavaScript.
    return "application/json" in request.headers.get("Accept", "")


def _json_reply(request: HttpRequest, conversation: Conversation, result: dict) -> JsonResponse:
    """The new question and answer as the page draws them, for the script to add."""
    new = list(conversation.messages.all())[-2:]
    html = render_to_string(
        "assistant/_messages.html", {"messages_list": new, "latest": True}, request=request
    )
    field = render_to_string("assistant/_question_field.html", {"form": AskForm()}, request=request)
    return JsonResponse(
        {"intent": result["intent"], "answer": result["answer"], "html": html, "field": field}
    )


def _json_errors(request: HttpRequest, form: forms.Form) -> JsonResponse:
    context = {"form": form}
    return JsonResponse(
        {
            "errors": {
                "summary": render_to_string(
                    "core/includes/error_summary.html", context, request=request
                ),
                "field": render_to_string(
                    "assistant/_question_field.html", context, request=request
                ),
            }
        },
        status=400,
    )


def _page(request: HttpRequest, form: forms.Form, contact_form: forms.Form | None = None):  # noqa: ANN202
    conversation = _conversation(request)
    status = 400 if form.errors or (contact_form is not None and contact_form.errors) else 200
    return render(
        request,
        "assistant/chat.html",
        {
            "form": form,
            "messages_list": list(conversation.messages.all()) if conversation else [],
            "conversation": conversation,
            "contact_form": contact_form or ContactForm(),
        },
        status=status,
    )


@never_cache
def chat(request: HttpRequest) -> HttpResponse:
    form = AskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            conversation, result = conversation_ask(
                conversation=_conversation(request),
                user=request.user,
                question=form.cleaned_data["question"],
            )
        except ValidationError as exc:
            form.add_error("question", exc)
        else:
            request.session[SESSION_KEY] = str(conversation.uid)
            if _wants_json(request):
                return _json_reply(request, conversation, result)
            # Post/redirect/get: reloading the page must not ask again.
            return redirect(reverse("assistant:chat") + "#latest")
    if form.errors and _wants_json(request):
        return _json_errors(request, form)
    return _page(request, form)


@never_cache
@require_POST
def choose(request: HttpRequest) -> HttpResponse:
    """The resident picked one of the pages a clarifying question offered."""
    # A bound, empty question form that may stay empty: it carries the error,
    # if any, without complaining that no question was typed.
    form = AskForm(data={}, empty_permitted=True, use_required_attribute=False)
    form.is_valid()
    try:
        conversation, result = conversation_choose(
            conversation=_conversation(request),
            user=request.user,
            slug=request.POST.get("choice", ""),
        )
    except ValidationError as exc:
        form.add_error(None, exc)
        if _wants_json(request):
            return _json_errors(request, form)
        return _page(request, form)
    if _wants_json(request):
        return _json_reply(request, conversation, result)
    return redirect(reverse("assistant:chat") + "#latest")


@never_cache
@require_POST
def contact(request: HttpRequest) -> HttpResponse:
    conversation = _conversation(request)
    if conversation is None:
        return redirect("assistant:chat")
    form = ContactForm(request.POST)
    if form.is_valid():
        contact_request_create(conversation=conversation, **form.cleaned_data)
        return render(request, "assistant/contact_sent.html")
    return _page(request, AskForm(), form)


@never_cache
@require_POST
def delete(request: HttpRequest) -> HttpResponse:
    conversation = _conversation(request)
    if conversation is not None:
        conversation_delete(conversation=conversation)
    request.session.pop(SESSION_KEY, None)
    return redirect("assistant:chat")


@require_GET
def help_page(request: HttpRequest, slug: str) -> HttpResponse:
    page = BY_SLUG.get(slug)
    if page is None:
        raise Http404
    return render(
        request, "assistant/help.html", {"page": page, "more_url": reverse(page.more_url)}
    )


@never_cache
@staff_required()
def staff_queue(request: HttpRequest) -> HttpResponse:
    return render(request, "assistant/staff_queue.html", {"requests": contact_requests_open()})
