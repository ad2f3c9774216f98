"""Case-status answers list the signed-in resident's applications, never anyone else's."""

from townhall.assistant.answers import answer
from townhall.cases.tests.helpers import draft_for


def test_it_lists_only_the_residents_own_applications(catalogue, resident, other_resident):
    mine = draft_for(resident)
    theirs = draft_for(other_resident)
    result = answer("where has my application got to?", user=resident)
    assert result["intent"] == "case-status"
    assert mine.reference in result["answer"]
    assert theirs.reference not in result["answer"]
    assert all(case["reference"] != theirs.reference for case in result["cases"])


def test_signed_out_it_asks_to_sign_in_and_reveals_nothing(catalogue, other_resident, client):
    theirs = draft_for(other_resident)
    result = answer("what is the status of my application", user=None)
    assert result["intent"] == "case-status"
    assert "Sign in" in result["answer"]
    assert theirs.reference not in result["answer"]
    response = client.post("/api/v1/assistant/ask", {"question": "any news on my application"})
    assert response.status_code == 200
    assert theirs.reference not in response.content.decode()
