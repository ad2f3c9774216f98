from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from townhall.ledger import keys, selectors
from townhall.ledger.forms import ReceiptCheckForm
from townhall.ledger.receipt import ReceiptError, verify_receipt
from townhall.ledger.services import ledger_checkpoint_publish

RECEIPT_PROBLEMS = {
    "not-json": _("This is not a receipt: a receipt starts with { and ends with }"),
    "format": _("This is not a ledger receipt, or part of it is missing"),
    "signature": _(
        "The receipt's checkpoint is not signed by this council's ledger key: "
        "the receipt was changed or is from another ledger"
    ),
    "index": _("The receipt's entry is not in the part of the ledger its checkpoint covers"),
    "proof": _("The receipt's entry does not match the ledger: the entry or its proof was changed"),
}


@require_http_methods(["GET", "HEAD", "POST"])
def index(request: HttpRequest) -> HttpResponse:
    form = ReceiptCheckForm(request.POST if request.method == "POST" else None)
    verified = None
    if form.is_bound and form.is_valid():
        try:
            verified = verify_receipt(form.cleaned_data["receipt"], keys.verifier())
        except ReceiptError as exc:
            form.add_error("receipt", RECEIPT_PROBLEMS[exc.code])
    latest = ledger_checkpoint_publish()
    context = {
        "form": form,
        "verified": verified,
        "checkpoint": latest,
        "checkpoint_root": selectors.b64(bytes(latest.root)) if latest else "",
        "cosignatures": list(latest.cosignatures.order_by("witness")) if latest else [],
        "verifier_key": keys.verifier_key(),
        "origin": settings.LEDGER_ORIGIN,
    }
    if verified is not None:
        context["receipt_root"] = selectors.b64(verified.checkpoint.root)
    return render(request, "ledger/index.html", context)
