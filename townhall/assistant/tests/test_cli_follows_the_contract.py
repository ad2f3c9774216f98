"""`townhall assistant ask` prints exactly the public answer object."""

import io
import json

import pytest
from django.core.management import CommandError, call_command


def _run(*args):
    out = io.StringIO()
    call_command("assistant", "ask", *args, stdout=out)
    return out.getvalue().splitlines()


def test_ask_json_prints_the_answer_object(catalogue):
    (line,) = _run("someone dumped a mattress on my street", "--json")
    result = json.loads(line)
    assert set(result) == {"intent", "answer", "sources", "confidence"}
    assert result["intent"] == "service"
    assert result["sources"][0]["kind"] in {"service", "topic"}
    assert result["sources"][0]["url"].startswith("/")


def test_batch_answers_one_line_per_question(catalogue, tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text('{"question": "tell me a joke"}\n\n{"question": "register my new puppy"}\n')
    lines = [json.loads(line) for line in _run("--batch", str(path))]
    assert [r["intent"] for r in lines] == ["out-of-scope", "service"]
    assert lines[1]["sources"][0]["slug"] == "pet-license"


def test_batch_rejects_a_bad_line_before_answering_any(catalogue, tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text('{"question": "report a pothole"}\n{"q": 1}\n')
    with pytest.raises(CommandError, match="line 2"):
        _run("--batch", str(path))
