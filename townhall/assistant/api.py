"""POST /api/v1/assistant/ask: the CLI's answer object over HTTP."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from townhall.assistant.answers import answer
from townhall.assistant.services import MAX_QUESTION_CHARS


class AskApi(APIView):
    permission_classes = [AllowAny]

    class InputSerializer(serializers.Serializer):
        question = serializers.CharField(max_length=MAX_QUESTION_CHARS, trim_whitespace=True)

    class OutputSerializer(serializers.Serializer):
        intent = serializers.ChoiceField(
            choices=["service", "topic", "case-status", "out-of-scope"]
        )
        answer = serializers.CharField()
        sources = serializers.ListField(
            child=serializers.DictField(child=serializers.CharField()),
            help_text="Guidance the answer comes from, best first: kind, slug, url.",
        )
        confidence = serializers.FloatField()

    @extend_schema(
        request=InputSerializer,
        responses={200: OutputSerializer},
        summary="Ask the citizen assistant",
        description=(
            "Answers from the council's guidance, with sources (sources[0] is the best match). "
            "With a signed-in resident's token, case-status questions list their own applications."
        ),
    )
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        result = answer(data.validated_data["question"], user=request.user)
        out = {key: result[key] for key in ("intent", "answer", "sources", "confidence")}
        return Response(self.OutputSerializer(out).data)
