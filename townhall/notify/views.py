"""Residents' in-app messages, and the staff page of messages that did not go out.

A resident opening someone else's message gets a 404, never a 403, so that
message numbers cannot be probed.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from townhall.accounts.decorators import staff_required
from townhall.notify import selectors
from townhall.notify.models import Notification
from townhall.notify.services import NotRetryable, notification_mark_read, notification_retry_now

PAGE_SIZE = 25


@login_required
@require_GET
def message_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.messages_for(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "notify/message_list.html", {"page": page})


@login_required
@require_GET
def message_detail(request: HttpRequest, pk: int) -> HttpResponse:
    message = selectors.message_for(user=request.user, pk=pk)
    if message is None:
        raise Http404
    notification_mark_read(notification=message)
    return render(request, "notify/message_detail.html", {"message": message})


@staff_required
@require_GET
def outbox_problems(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.notifications_needing_attention(), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "notify/outbox_problems.html", {"page": page})


@staff_required
@require_POST
def outbox_retry(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        notification_retry_now(notification_id=pk)
    except Notification.DoesNotExist:
        raise Http404 from None
    except NotRetryable:
        messages.info(request, _("That message is no longer waiting to be sent."))
    else:
        messages.success(request, _("The message will be sent again now."))
    return redirect("notify:outbox-problems")
