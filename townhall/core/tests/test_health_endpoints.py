from unittest import mock

from django.db import DatabaseError


def test_healthz_says_ok_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_says_503_when_the_database_is_unreachable(client, db):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=DatabaseError):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_readyz_is_ready_when_every_migration_is_applied(client, db):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["pending_migrations"] == 0


def test_readyz_is_not_ready_with_pending_migrations(client, db):
    plan = [("fake", False)]
    with mock.patch(
        "django.db.migrations.executor.MigrationExecutor.migration_plan", return_value=plan
    ):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["pending_migrations"] == 1
