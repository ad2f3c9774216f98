"""The applications API: create a draft, change its answers, upload a document,
submit it with an Idempotency-Key, read its status.

Only the signed-in resident's own applications exist here: any other reference
is a 404. Errors are 400 with a message by field (``{"answers": {"date_of_birth":
["Enter your date of birth"]}}``); a second submission of an application already
sent under another key is a 409.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from townhall.cases import journey, selectors
from townhall.cases.i18n import message_text
from townhall.cases.models import Application, Channel
from townhall.cases.services import (
    AnswersRejected,
    ApplicationAlreadySubmitted,
    ApplicationError,
    ApplicationNotDraft,
    DocumentRejected,
    IdempotencyKeyReused,
    application_answers_save,
    application_document_add,
    application_start,
    application_submit,
    upload_max_bytes,
)
from townhall.cases.uploads import SizeLimitUploadHandler
from townhall.cases.views_applications import next_step_text
from townhall.catalog.selectors import service_spec, service_version_current

ERRORS = OpenApiResponse(description="Bad input: messages by field, nothing stored.")
NOT_FOUND = OpenApiResponse(description="No application of yours has this reference.")
CONFLICT = OpenApiResponse(description="The application was already submitted.")


def _own_application(request: Request, reference: str) -> Application:
    application = selectors.application_get(reference=reference)
    if application is None or application.applicant_id != request.user.id:
        raise NotFound(_("No application of yours has this reference."))
    return application


def _answer_errors(errors: dict[str, Any]) -> Response:
    return Response(
        {"answers": {key: [message_text(message)] for key, message in errors.items()}},
        status=status.HTTP_400_BAD_REQUEST,
    )


def decision_of(application: Application) -> dict[str, Any] | None:
    """The decision as the resident and integrations see it, or None before one."""
    if application.decided_at is None:
        return None
    decided = application.transitions.filter(ledger_index=application.decision_ledger_index).first()
    return {
        "outcome": decided.to_status if decided else application.status,
        "decided_at": application.decided_at.isoformat(),
        "reasons": application.decision_reason or "",
        "conditions": application.decision_conditions or "",
        "ledger_index": application.decision_ledger_index,
    }


class ApplicationStatusSerializer(serializers.Serializer):
    reference = serializers.CharField()
    service = serializers.CharField(help_text="The service's slug.")
    service_version = serializers.IntegerField()
    status = serializers.CharField(help_text="draft, submitted, or a later state of the case.")
    created_at = serializers.DateTimeField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    due_date = serializers.DateField(
        allow_null=True, help_text="The expected decision date, from the service's SLA."
    )
    next_step = serializers.CharField(help_text="What happens next, in words.")
    decision = serializers.JSONField(
        allow_null=True, help_text="The decision once there is one; null until then."
    )

    class Meta:
        ref_name = "ApplicationStatus"

    @staticmethod
    def of(application: Application) -> dict[str, Any]:
        return {
            "reference": application.reference,
            "service": application.service_slug,
            "service_version": application.service_version.version,
            "status": application.status,
            "created_at": application.created_at,
            "submitted_at": application.submitted_at,
            "due_date": application.due_date,
            "next_step": next_step_text(application),
            "decision": decision_of(application),
        }


class ApplicationCreateApi(APIView):
    """Start a draft application for a service, with some answers (or none)."""

    class InputSerializer(serializers.Serializer):
        service = serializers.SlugField(max_length=80, help_text="The service's slug.")
        answers = serializers.DictField(
            child=serializers.JSONField(allow_null=True),
            required=False,
            default=dict,
            help_text="Answers by question id, as described by the service's JSON Schema.",
        )

        class Meta:
            ref_name = "ApplicationCreateRequest"

    class OutputSerializer(serializers.Serializer):
        reference = serializers.CharField()
        status = serializers.CharField()

        class Meta:
            ref_name = "ApplicationCreateResponse"

    @extend_schema(
        request=InputSerializer,
        responses={201: OutputSerializer, 400: ERRORS},
        operation_id="applications_create",
    )
    def post(self, request: Request) -> Response:
        given = self.InputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        version = service_version_current(slug=given.validated_data["service"])
        if version is None:
            return Response(
                {"service": [_("There is no service with this name.")]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        values, _removed, errors = journey.check_given(
            service_spec(version),
            given.validated_data["answers"],
            {},
            today=timezone.localdate(),
        )
        if errors:
            return _answer_errors(errors)
        application = application_start(
            service_version=version, applicant=request.user, channel=Channel.ONLINE, answers=values
        )
        return Response(
            self.OutputSerializer({"reference": application.reference, "status": "draft"}).data,
            status=status.HTTP_201_CREATED,
        )


class ApplicationApi(APIView):
    """Read an application's status (GET), or change a draft's answers (PATCH).

    One URL carries both operations, as the public contract says
    (docs/api/openapi.yaml); each has its own serializers.
    """

    class PatchInputSerializer(serializers.Serializer):
        answers = serializers.DictField(
            child=serializers.JSONField(allow_null=True),
            help_text="Answers to add or replace, by question id; null removes an answer.",
        )

        class Meta:
            ref_name = "ApplicationUpdateRequest"

    @extend_schema(
        responses={200: ApplicationStatusSerializer, 404: NOT_FOUND},
        operation_id="applications_retrieve",
    )
    def get(self, request: Request, reference: str) -> Response:
        application = _own_application(request, reference)
        return Response(
            ApplicationStatusSerializer(ApplicationStatusSerializer.of(application)).data
        )

    @extend_schema(
        request=PatchInputSerializer,
        responses={200: ApplicationStatusSerializer, 400: ERRORS, 404: NOT_FOUND, 409: CONFLICT},
        operation_id="applications_partial_update",
    )
    def patch(self, request: Request, reference: str) -> Response:
        application = _own_application(request, reference)
        given = self.PatchInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        if not application.is_draft:
            return _conflict(application)
        values, removed, errors = journey.check_given(
            service_spec(application.service_version),
            given.validated_data["answers"],
            application.all_answers(),
            today=timezone.localdate(),
        )
        if errors:
            return _answer_errors(errors)
        try:
            application = application_answers_save(
                application=application, answers=values, remove=removed
            )
        except ApplicationNotDraft:
            return _conflict(application)
        return Response(
            ApplicationStatusSerializer(ApplicationStatusSerializer.of(application)).data
        )


def _conflict(application: Application) -> Response:
    return Response(
        {
            "detail": _("This application was already submitted, so it cannot change."),
            "reference": application.reference,
        },
        status=status.HTTP_409_CONFLICT,
    )


class ApplicationSubmitApi(APIView):
    """Submit a draft. Repeating the request with the same Idempotency-Key gives
    the same answer and submits nothing more."""

    class OutputSerializer(serializers.Serializer):
        reference = serializers.CharField()
        status = serializers.CharField()
        due_date = serializers.DateField()

        class Meta:
            ref_name = "ApplicationSubmitResponse"

    @extend_schema(
        request=None,
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                required=True,
                description="A value unique to this submission (1 to 100 visible characters), "
                "for example a UUID; repeat it when retrying.",
            )
        ],
        responses={200: OutputSerializer, 400: ERRORS, 404: NOT_FOUND, 409: CONFLICT, 422: ERRORS},
        operation_id="applications_submit",
    )
    def post(self, request: Request, reference: str) -> Response:
        application = _own_application(request, reference)
        key = request.headers.get("Idempotency-Key", "").strip()
        if not key:
            return Response(
                {"detail": _("Send an Idempotency-Key header, such as a new UUID.")},
                status=status.HTTP_400_BAD_REQUEST,
            )
        try:
            submitted = application_submit(application=application, idempotency_key=key)
        except AnswersRejected as exc:
            return Response(
                {"answers": {k: [v] for k, v in exc.errors.items()}},
                status=status.HTTP_400_BAD_REQUEST,
            )
        except ApplicationAlreadySubmitted as exc:
            return Response(
                {"detail": exc.message, "reference": application.reference},
                status=status.HTTP_409_CONFLICT,
            )
        except IdempotencyKeyReused as exc:
            return Response({"detail": exc.message}, status=status.HTTP_422_UNPROCESSABLE_ENTITY)
        except ApplicationError as exc:
            return Response({"detail": exc.message}, status=status.HTTP_400_BAD_REQUEST)
        data = {
            "reference": submitted.reference,
            "status": submitted.status,
            "due_date": submitted.due_date,
        }
        return Response(self.OutputSerializer(data).data)


class ApplicationDocumentUploadApi(APIView):
    """Upload one file as the answer (or one of the answers) to a file question.

    The type is read from the content (PDF, JPEG or PNG, as the service
    accepts), never from the name or the Content-Type.
    """

    parser_classes = [MultiPartParser]

    class InputSerializer(serializers.Serializer):
        file = serializers.FileField(allow_empty_file=True)

        class Meta:
            ref_name = "ApplicationDocumentUploadRequest"

    class OutputSerializer(serializers.Serializer):
        id = serializers.CharField()
        name = serializers.CharField()
        content_type = serializers.CharField()
        size = serializers.IntegerField()

        class Meta:
            ref_name = "ApplicationDocumentUploadResponse"

    def initialize_request(self, request: Any, *args: Any, **kwargs: Any) -> Request:
        # Before anything reads the body (the CSRF check of session sign-in does).
        request.upload_handlers.insert(0, SizeLimitUploadHandler(request, limit=upload_max_bytes()))
        return super().initialize_request(request, *args, **kwargs)

    @extend_schema(
        request={"multipart/form-data": InputSerializer},
        responses={201: OutputSerializer, 400: ERRORS, 404: NOT_FOUND, 409: CONFLICT},
        operation_id="applications_documents_create",
    )
    def post(self, request: Request, reference: str, question_id: str) -> Response:
        application = _own_application(request, reference)
        given = self.InputSerializer(data=request.data)  # reads the body
        handler = request._request.upload_handlers[0]
        if isinstance(handler, SizeLimitUploadHandler) and handler.too_big:
            limit = upload_max_bytes() // 2**20
            return Response(
                {"file": [_("The selected file must be smaller than %(max)s MB") % {"max": limit}]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        given.is_valid(raise_exception=True)
        try:
            document = application_document_add(
                application=application,
                question_id=question_id,
                upload=given.validated_data["file"],
            )
        except ApplicationNotDraft:
            return _conflict(application)
        except DocumentRejected as exc:
            return Response({"file": [exc.message]}, status=status.HTTP_400_BAD_REQUEST)
        return Response(self.OutputSerializer(document.as_answer()).data, status=201)
