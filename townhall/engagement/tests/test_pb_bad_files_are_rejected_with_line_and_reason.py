"""A broken .pb file is refused with the line it breaks on and why."""

import pytest

from townhall.engagement.pb.pabulib import PbFormatError, read_pb

GOOD_META = "META\nkey;value\nbudget;100\nvote_type;approval\n"
GOOD_PROJECTS = "PROJECTS\nproject_id;cost;name\n1;40;Park\n2;70;Road\n"
GOOD_VOTES = "VOTES\nvoter_id;vote\nv1;1,2\n"

CASES = [
    ("wrong section", "PROJECTS\nproject_id;cost\n", 1, "section PROJECTS found where META"),
    ("unknown section", GOOD_META + "BALLOTS\n", 5, "unknown section 'BALLOTS'"),
    (
        "sections out of order",
        GOOD_META + GOOD_VOTES,
        5,
        "section VOTES found where PROJECTS",
    ),
    (
        "non-numeric cost",
        GOOD_META + "PROJECTS\nproject_id;cost\n1;cheap\n",
        7,
        "the cost of project 1 'cheap' is not a number",
    ),
    (
        "unknown project",
        GOOD_META + GOOD_PROJECTS + "VOTES\nvoter_id;vote\nv1;1,9\n",
        11,
        "voter v1 votes for unknown project '9'",
    ),
    ("budget missing", "META\nkey;value\nvote_type;approval\n" + GOOD_PROJECTS, 1, "no budget"),
    ("non-numeric budget", "META\nkey;value\nbudget;lots\n", 1, "budget 'lots' is not a number"),
    (
        "wrong column count",
        GOOD_META + "PROJECTS\nproject_id;cost;name\n1;40\n",
        7,
        "2 columns where the PROJECTS header has 3",
    ),
    ("votes section missing", GOOD_META + GOOD_PROJECTS, 9, "the VOTES section is missing"),
    (
        "unknown vote type",
        "META\nkey;value\nbudget;5\nvote_type;magic\n" + GOOD_PROJECTS,
        1,
        "unknown vote_type 'magic'",
    ),
    (
        "points do not match",
        "META\nkey;value\nbudget;5\nvote_type;cumulative\n"
        + GOOD_PROJECTS
        + "VOTES\nvoter_id;vote;points\nv1;1,2;3\n",
        11,
        "voter v1 gives 1 points for 2 projects",
    ),
    (
        "project listed twice",
        GOOD_META + "PROJECTS\nproject_id;cost\n1;4\n1;5\n",
        8,
        "project '1' is listed twice",
    ),
]


@pytest.mark.parametrize(
    ("text", "line", "reason"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_it_names_the_line_and_the_reason(text, line, reason):
    with pytest.raises(PbFormatError) as caught:
        read_pb(text)
    assert caught.value.line == line
    assert reason in caught.value.reason
    assert str(caught.value) == f"line {line}: {caught.value.reason}"


def test_a_good_file_is_read():
    instance = read_pb(GOOD_META + GOOD_PROJECTS + GOOD_VOTES)
    assert instance.budget == 100
    assert instance.ballots[0].approvals == ("1", "2")
