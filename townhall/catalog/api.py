from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from townhall.catalog.definition import Question, Service, answers_json_schema
from townhall.catalog.markdown import words
from townhall.catalog.models import ServiceVersion
from townhall.catalog.selectors import service_spec, service_version_current, services_current


@extend_schema_field(OpenApiTypes.OBJECT)
class JsonSchemaField(serializers.JSONField):
    """A JSON Schema (draft 2020-12) document."""


def _start_url(request: Request, slug: str) -> str:
    return request.build_absolute_uri(reverse("catalog:start", args=[slug]))


def _summary(request: Request, version: ServiceVersion, service: Service) -> dict[str, Any]:
    return {
        "slug": version.slug,
        "version": version.version,
        "title": words(service.title),
        "summary": words(service.summary),
        "topic": version.topic,
        "url": _start_url(request, version.slug),
    }


class _OptionSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()

    class Meta:
        ref_name = "ServiceQuestionOption"


class _ItemQuestionSerializer(serializers.Serializer):
    id = serializers.CharField()
    type = serializers.CharField(help_text="text, number, money, date, choice, repeat…")
    label = serializers.CharField()
    hint = serializers.CharField(allow_blank=True)
    required = serializers.BooleanField()
    sensitive = serializers.BooleanField(help_text="The answer is encrypted at rest.")
    conditional = serializers.BooleanField(help_text="Asked only when a condition holds.")
    options = _OptionSerializer(many=True)

    class Meta:
        ref_name = "ServiceRepeatItemQuestion"


class _QuestionSerializer(_ItemQuestionSerializer):
    questions = _ItemQuestionSerializer(
        many=True, help_text="For a repeat group: the questions asked for each item."
    )

    class Meta:
        ref_name = "ServiceQuestion"


class _PageSerializer(serializers.Serializer):
    id = serializers.CharField()
    title = serializers.CharField()
    conditional = serializers.BooleanField(help_text="Shown only when a condition holds.")
    questions = _QuestionSerializer(many=True)

    class Meta:
        ref_name = "ServicePage"


class _DocumentSerializer(serializers.Serializer):
    id = serializers.CharField()
    title = serializers.CharField()
    hint = serializers.CharField(allow_blank=True)
    accept = serializers.ListField(child=serializers.CharField(), help_text="pdf, jpeg, png")
    max_size_mb = serializers.IntegerField()

    class Meta:
        ref_name = "ServiceDocument"


class ServiceListApi(APIView):
    """The current version of every service in the catalogue."""

    permission_classes = [AllowAny]

    class OutputSerializer(serializers.Serializer):
        slug = serializers.SlugField(help_text="The service's address: /services/<slug>/.")
        version = serializers.IntegerField(help_text="The version in force.")
        title = serializers.CharField()
        summary = serializers.CharField()
        topic = serializers.SlugField()
        url = serializers.URLField(help_text="The service's start page.")

        class Meta:
            ref_name = "ServiceListItem"

    @extend_schema(responses={200: OutputSerializer(many=True)}, operation_id="services_list")
    def get(self, request: Request) -> Response:
        listed = [
            _summary(request, version, service_spec(version)) for version in services_current()
        ]
        return Response(self.OutputSerializer(listed, many=True).data)


class ServiceDetailApi(APIView):
    """One service: its form outline, documents, promises and answers as JSON Schema."""

    permission_classes = [AllowAny]

    class OutputSerializer(serializers.Serializer):
        slug = serializers.SlugField()
        version = serializers.IntegerField()
        title = serializers.CharField()
        summary = serializers.CharField()
        topic = serializers.SlugField()
        url = serializers.URLField(help_text="The service's start page.")
        assurance = serializers.ChoiceField(
            choices=["low", "substantial", "high"],
            help_text="How sure the city must be of who is applying.",
        )
        sla_days = serializers.IntegerField(help_text="Decision time target, in working days.")
        currency = serializers.CharField()
        has_eligibility_rules = serializers.BooleanField(
            help_text="Whether the service has eligibility rules (its start page then offers "
            '"check before you start" where one page of questions can apply them).'
        )
        documents = _DocumentSerializer(many=True)
        pages = _PageSerializer(many=True, help_text="The form, page by page.")
        answers_schema = JsonSchemaField(
            help_text="The answers an application takes, as JSON Schema draft 2020-12; "
            "`examples` holds one complete, valid set of answers."
        )

        class Meta:
            ref_name = "ServiceDetail"

    @extend_schema(
        responses={
            200: OutputSerializer,
            404: OpenApiResponse(description="No service has this slug."),
        },
        operation_id="services_retrieve",
    )
    def get(self, request: Request, slug: str) -> Response:
        version = service_version_current(slug=slug)
        if version is None:
            raise NotFound
        service = service_spec(version)
        data = {
            **_summary(request, version, service),
            "assurance": service.assurance,
            "sla_days": service.sla_days,
            "currency": service.currency,
            "has_eligibility_rules": service.eligibility is not None,
            "documents": [
                {
                    "id": document.id,
                    "title": words(document.title),
                    "hint": words(document.hint),
                    "accept": list(document.accept),
                    "max_size_mb": document.max_size_mb,
                }
                for document in service.documents
            ],
            "pages": [
                {
                    "id": page.id,
                    "title": words(page.title),
                    "conditional": page.show_if is not None,
                    "questions": [_question(question) for question in page.questions],
                }
                for page in service.pages
            ],
            "answers_schema": answers_json_schema(service),
        }
        return Response(self.OutputSerializer(data).data)


def _question(question: Question, *, inner: bool = False) -> dict[str, Any]:
    outline: dict[str, Any] = {
        "id": question.id,
        "type": question.type,
        "label": words(question.label),
        "hint": words(question.hint),
        "required": question.required,
        "sensitive": question.sensitive or question.type == "national_id",
        "conditional": question.show_if is not None,
        "options": [
            {"value": option.value, "label": words(option.label)} for option in question.options
        ],
    }
    if not inner:
        outline["questions"] = [_question(item, inner=True) for item in question.questions]
    return outline
