"""The chat page (works without JavaScript), help pages and the staff queue."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from townhall.accounts.decorators import staff_required
from townhall.assistant.forms import AskForm, ContactForm
from townhall.assistant.help_pages import BY_SLUG
from townhall.assistant.selectors import contact_requests_open, conversation_get
from townhall.assistant.services import (
    contact_request_create,
    conversation_ask,
    conversation_delete,
)

SESSION_KEY = "assistant_conversation"


def _conversation(request: HttpRequest):  # noqa: ANN202 - Conversation | None
    return conversation_get(uid=request.session.get(SESSION_KEY), user=request.user)


@never_cache
def chat(request: HttpRequest) -> HttpResponse:
    conversation = _conversation(request)
    form = AskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            conversation, _result = conversation_ask(
                conversation=conversation, user=request.user, question=form.cleaned_data["question"]
            )
        except ValidationError as exc:
            form.add_error("question", exc)
        else:
            request.session[SESSION_KEY] = str(conversation.uid)
            # Post/redirect/get: reloading the page must not ask again.
            return redirect(reverse("assistant:chat") + "#latest")
    messages = list(conversation.messages.all()) if conversation else []
    return render(
        request,
        "assistant/chat.html",
        {
            "form": form,
            "messages_list": messages,
            "conversation": conversation,
            "contact_form": ContactForm(),
            "status": 400 if form.errors else 200,
        },
        status=400 if form.errors else 200,
    )


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
    return render(
        request,
        "assistant/chat.html",
        {
            "form": AskForm(),
            "messages_list": list(conversation.messages.all()),
            "conversation": conversation,
            "contact_form": form,
        },
        status=400,
    )


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
