"""The back-office API for integrations: the caller's queues, one case, and
moving a case through its workflow with the same rules and records as the pages.

Staff tokens only (a token obtained with the second factor, see auth/token);
a resident's token gets 403. A case the caller's teams do not handle is a 404.
An illegal move is a 409 that lists the moves allowed from the current state.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from townhall.cases import selectors_casework
from townhall.cases import services_casework as work
from townhall.cases.api import decision_of
from townhall.cases.models import Application, ApplicationStatus
from townhall.catalog import workflow as wf
from townhall.catalog.selectors import service_spec
from townhall.privacy.models import AccessPurpose

CASEWORK_ROLES = ("caseworker", "manager", "administrator")


def _staff(request: Request) -> Any:
    user = request.user
    if not user.is_authenticated or not any(user.has_role(role) for role in CASEWORK_ROLES):
        raise PermissionDenied(_("Only caseworkers and managers can use the cases API."))
    return user


def _case(request: Request, reference: str) -> Application:
    application = selectors_casework.case_for_staff(user=_staff(request), reference=reference)
    if application is None:
        raise NotFound(_("No case in your queues has this reference."))
    return application


class CaseSummarySerializer(serializers.Serializer):
    reference = serializers.CharField()
    service = serializers.CharField(help_text="The service's slug.")
    status = serializers.ChoiceField(choices=[s for s in ApplicationStatus.values if s != "draft"])
    channel = serializers.CharField(help_text="online or assisted.")
    submitted_at = serializers.DateTimeField(allow_null=True)
    due_date = serializers.DateField(allow_null=True)
    sla_state = serializers.CharField(help_text="on_track, at_risk, overdue or paused.")
    assignee = serializers.EmailField(allow_null=True)

    class Meta:
        ref_name = "CaseSummary"

    @staticmethod
    def of(application: Application) -> dict[str, Any]:
        return {
            "reference": application.reference,
            "service": application.service_slug,
            "status": application.status,
            "channel": application.channel,
            "submitted_at": application.submitted_at,
            "due_date": application.due_date,
            "sla_state": application.sla_state,
            "assignee": application.assignee.email if application.assignee else None,
        }


class CaseDetailSerializer(CaseSummarySerializer):
    allowed_transitions = serializers.ListField(child=serializers.CharField())
    four_eyes = serializers.CharField(help_text="none, refusals or decisions.")
    awaiting_confirmation = serializers.CharField(
        allow_null=True, help_text="A proposed decision waiting for a second approver."
    )
    answers = serializers.DictField(child=serializers.JSONField(allow_null=True))
    decision = serializers.JSONField(allow_null=True)
    history = serializers.ListField(child=serializers.DictField())

    class Meta:
        ref_name = "CaseDetail"

    @staticmethod
    def of(application: Application) -> dict[str, Any]:  # type: ignore[override]
        workflow = service_spec(application.service_version).workflow
        proposal = selectors_casework.open_proposal(application=application)
        return {
            **CaseSummarySerializer.of(application),
            "allowed_transitions": list(workflow.allowed(application.status)),
            "four_eyes": workflow.four_eyes,
            "awaiting_confirmation": proposal.to_status if proposal else None,
            "answers": application.all_answers(),
            "decision": decision_of(application),
            "history": [
                {
                    "from": step.from_status,
                    "to": step.to_status,
                    "at": step.created_at.isoformat(),
                    "by": step.actor.email if step.actor else None,
                    "reason": step.reason,
                }
                for step in selectors_casework.case_history(application=application)
            ],
        }


class CaseListApi(APIView):
    """The cases of the caller's teams, soonest due first."""

    class Pagination(LimitOffsetPagination):
        default_limit = 50
        max_limit = 500

    @extend_schema(
        operation_id="cases_list",
        parameters=[
            OpenApiParameter("service", str, description="Only this service (slug)."),
            OpenApiParameter("status", str, description="Only cases in this state."),
            OpenApiParameter("limit", int),
            OpenApiParameter("offset", int),
        ],
        responses={200: CaseSummarySerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        user = _staff(request)
        status_filter = request.query_params.get("status", "")
        if status_filter and status_filter not in wf.STATES:
            return Response(
                {"status": [_("Not a state. States: %s") % ", ".join(wf.STATES)]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        queryset = selectors_casework.cases_api_list(
            user=user,
            service=request.query_params.get("service", "")[:80],
            status=status_filter,
        )
        paginator = self.Pagination()
        page = paginator.paginate_queryset(queryset, request, view=self)
        assert page is not None
        return paginator.get_paginated_response([CaseSummarySerializer.of(c) for c in page])


class CaseDetailApi(APIView):
    """One case: its answers (logged as a read of the resident's data), history and moves."""

    @extend_schema(
        operation_id="cases_retrieve",
        responses={
            200: CaseDetailSerializer,
            404: OpenApiResponse(description="Not in your queues."),
        },
    )
    def get(self, request: Request, reference: str) -> Response:
        application = _case(request, reference)
        work.case_access_log(
            staff=request.user,
            application=application,
            purpose=AccessPurpose.CASE_WORK,
            object_ref=application.reference,
        )
        return Response(CaseDetailSerializer.of(application))


class CaseTransitionApi(APIView):
    """Move a case to another state, saying why; a four-eyes decision waits for approval."""

    class InputSerializer(serializers.Serializer):
        to = serializers.CharField(max_length=40, help_text="The state to move to.")
        reason = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=work.REASON_MAX
        )
        conditions = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=work.REASON_MAX
        )

        class Meta:
            ref_name = "CaseTransitionRequest"

    class OutputSerializer(serializers.Serializer):
        reference = serializers.CharField()
        status = serializers.CharField()
        awaiting_confirmation = serializers.CharField(allow_null=True)

        class Meta:
            ref_name = "CaseTransitionResponse"

    @extend_schema(
        operation_id="cases_transition",
        request=InputSerializer,
        responses={
            200: OutputSerializer,
            202: OutputSerializer,
            400: OpenApiResponse(description="A reason or conditions are missing."),
            404: OpenApiResponse(description="Not in your queues."),
            409: OpenApiResponse(description="Not allowed from the current state; lists allowed."),
        },
    )
    def post(self, request: Request, reference: str) -> Response:
        application = _case(request, reference)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            result = work.case_transition(
                application=application,
                to=data["to"],
                actor=request.user,
                reason=data["reason"],
                conditions=data["conditions"],
            )
        except work.TransitionRefused as error:
            return Response(
                {
                    "detail": error.message,
                    "status": application.status,
                    "allowed": list(error.allowed),
                },
                status=status.HTTP_409_CONFLICT,
            )
        except work.CaseworkError as error:
            return Response({"detail": error.message}, status=status.HTTP_400_BAD_REQUEST)
        body = {
            "reference": result.application.reference,
            "status": result.application.status,
            "awaiting_confirmation": result.proposal.to_status if result.proposal else None,
        }
        code = status.HTTP_202_ACCEPTED if result.proposal else status.HTTP_200_OK
        return Response(body, status=code)
