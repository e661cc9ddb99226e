from datetime import datetime, timedelta, timezone

import pytest

from zhaoshang.services import auth
from zhaoshang.store.db import transaction
from zhaoshang.store.models import User, WebSession


@pytest.fixture
def editor(sqlite_engine):
    with transaction(sqlite_engine) as s:
        user = auth.create_user(s, "editor1", "correct horse 9", "editor")
    return user


def test_passwords_are_stored_as_argon2_hashes(sqlite_engine, editor):
    with transaction(sqlite_engine) as s:
        stored = s.get(User, editor.id).password_hash
    assert stored.startswith("$argon2id$")
    assert "correct horse" not in stored


def test_login_accepts_the_right_password_only(sqlite_engine, editor):
    with transaction(sqlite_engine) as s:
        assert auth.authenticate(s, "editor1", "correct horse 9").id == editor.id
        assert auth.authenticate(s, "editor1", "correct horse 8") is None
        assert auth.authenticate(s, "nobody", "correct horse 9") is None


@pytest.mark.parametrize("password", ["short1", "onlyletterslong", "12345678901234"])
def test_weak_passwords_are_refused(sqlite_engine, password):
    with transaction(sqlite_engine) as s, pytest.raises(auth.AuthError):
        auth.create_user(s, "weak", password)


def test_duplicate_usernames_and_unknown_roles_are_refused(sqlite_engine, editor):
    with transaction(sqlite_engine) as s:
        with pytest.raises(auth.AuthError):
            auth.create_user(s, "editor1", "another pass 1")
        with pytest.raises(auth.AuthError):
            auth.create_user(s, "root", "another pass 1", role="superuser")


def test_sessions_are_server_side_and_end_on_logout(sqlite_engine, editor):
    with transaction(sqlite_engine) as s:
        ws = auth.start_session(s, s.get(User, editor.id))
        sid = ws.id
    with transaction(sqlite_engine) as s:
        _, current = auth.load_session(s, sid)
        assert current.username == "editor1" and not current.is_admin
        auth.end_session(s, sid)
    with transaction(sqlite_engine) as s:
        assert auth.load_session(s, sid) is None
        assert auth.load_session(s, "forged-" + sid) is None


def test_expired_sessions_are_refused(sqlite_engine, editor):
    with transaction(sqlite_engine) as s:
        ws = auth.start_session(s, s.get(User, editor.id))
        ws.expires_at = datetime.now(timezone.utc) - timedelta(seconds=1)
        sid = ws.id
    with transaction(sqlite_engine) as s:
        assert auth.load_session(s, sid) is None


def test_password_change_ends_every_session(sqlite_engine, editor):
    with transaction(sqlite_engine) as s:
        sid = auth.start_session(s, s.get(User, editor.id)).id
    with transaction(sqlite_engine) as s:
        with pytest.raises(auth.AuthError):
            auth.change_password(s, editor.id, "wrong password 1", "new password 22")
    with transaction(sqlite_engine) as s:
        auth.change_password(s, editor.id, "correct horse 9", "new password 22")
    with transaction(sqlite_engine) as s:
        assert s.get(WebSession, sid) is None
        assert auth.authenticate(s, "editor1", "new password 22") is not None
