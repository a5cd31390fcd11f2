"""The account store on SQLite and a real PostgreSQL: accounts, logins, sessions, throttling,
the append-only audit log, saved searches, folder policies, schema upgrades."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
import sqlalchemy

from indexer.accounts import AccountError, AuditQuery, open_store
from indexer.accounts.database import upgrade

PW = "correct horse battery"


def test_accounts_are_added_changed_and_listed(store):
    store.add_user("Nguyễn.Lan", "staff", PW, clearance="mat", groups="Noi-Vu, lanh-dao")
    lan = store.user("NGUYỄN.LAN")
    assert (lan.name, lan.role, lan.clearance, lan.groups, lan.active) == (
        "nguyễn.lan", "staff", "mat", ("lanh-dao", "noi-vu"), True)
    assert lan.reader.clearance == "mat" and lan.reader.groups == {"lanh-dao", "noi-vu"}
    store.update_user("nguyễn.lan", role="admin", clearance=None, groups="")
    assert store.user("nguyễn.lan").reader.admin
    assert [a.name for a in store.users()] == ["nguyễn.lan"]


@pytest.mark.parametrize("name, role, password, clearance, groups, message", [
    ("a b", "staff", PW, None, "", "no account name"),
    ("<script>", "staff", PW, None, "", "no account name"),
    ("lan", "root", PW, None, "", "unknown role"),
    ("lan", "staff", PW, "secret", "", "unknown clearance"),
    ("lan", "staff", PW, None, "a;b", "no group name"),
    ("lan", "staff", "short", None, "", "at least 10"),
    ("lan", "staff", "aaaaaaaaaaaa", None, "", "4 different"),
])
def test_bad_accounts_are_refused_with_the_reason(store, name, role, password, clearance, groups, message):
    with pytest.raises(AccountError, match=message):
        store.add_user(name, role, password, clearance, groups)
    assert store.users() == []


def test_a_name_is_taken_once(store):
    store.add_user("lan", "staff", PW)
    with pytest.raises(AccountError, match="exists already"):
        store.add_user("LAN", "admin", PW)


def test_passwords_are_stored_as_argon2id(store):
    store.add_user("lan", "staff", PW)
    with store.engine.connect() as conn:
        stored = conn.execute(sqlalchemy.text("SELECT password_hash FROM users")).scalar()
    assert stored.startswith("$argon2id$") and PW not in stored


def test_login_logout_and_sessions(store, clock):
    store.add_user("lan", "staff", PW)
    assert store.login("lan", "wrong password", "10.0.0.1").outcome == "wrong"
    assert store.login("nobody", PW, "10.0.0.1").outcome == "wrong"  # the same answer as a wrong password
    ok = store.login(" Lan ", PW, "10.0.0.1", "firefox")
    assert ok.outcome == "ok" and ok.account.name == "lan" and len(ok.token) >= 40
    assert store.session_account(ok.token).name == "lan"
    assert store.session_account(ok.token + "x") is None
    store.logout(ok.token, "10.0.0.1")
    assert store.session_account(ok.token) is None  # a replayed cookie finds an ended session


def test_sessions_end_after_idle_time_and_max_age(store, clock):
    store.add_user("lan", "staff", PW)
    token = store.login("lan", PW, "a").token
    clock.advance(minutes=29)
    assert store.session_account(token) is not None  # a request moves the idle clock
    clock.advance(minutes=29)
    assert store.session_account(token) is not None
    clock.advance(minutes=31)
    assert store.session_account(token) is None
    clock.advance(minutes=1)
    assert store.session_account(token) is None  # ended stays ended
    token = store.login("lan", PW, "a").token
    for _ in range(26):  # active all day: the session still ends after 12 hours
        clock.advance(minutes=29)
        store.session_account(token)
    assert store.session_account(token) is None


def test_disabling_an_account_ends_its_sessions_and_refuses_logins(store):
    store.add_user("lan", "staff", PW)
    token = store.login("lan", PW, "a").token
    store.update_user("lan", "cli:root", "local", active=False)
    assert store.session_account(token) is None
    assert store.login("lan", PW, "a").outcome == "disabled"
    store.update_user("lan", active=True)
    assert store.login("lan", PW, "a").outcome == "ok"


def test_a_new_password_ends_the_old_sessions(store):
    store.add_user("lan", "staff", PW)
    token = store.login("lan", PW, "a").token
    store.update_user("lan", password="another good password")
    assert store.session_account(token) is None
    assert store.login("lan", PW, "a").outcome == "wrong"
    assert store.login("lan", "another good password", "a").outcome == "ok"


def test_logins_are_throttled_per_account_and_per_address(store, clock):
    store.add_user("lan", "staff", PW)
    store.add_user("hung", "staff", PW)
    outcomes = [store.login("lan", f"guess {i}", "10.0.0.9").outcome for i in range(8)]
    assert outcomes == ["wrong"] * 5 + ["throttled"] * 3
    assert store.login("lan", PW, "10.0.0.2").outcome == "throttled"  # even the right password, from elsewhere
    assert store.login("hung", PW, "10.0.0.9").outcome == "ok"  # another account from that address
    # One address guessing many names: 20 failures close the address.
    outcomes = [store.login(f"user{i}", "guess", "10.0.0.7").outcome for i in range(21)]
    assert outcomes == ["wrong"] * 20 + ["throttled"]
    assert store.login("hung", PW, "10.0.0.7").outcome == "throttled"
    clock.advance(minutes=16)
    assert store.login("lan", PW, "10.0.0.2").outcome == "ok"  # the window has passed


def test_the_audit_log_records_who_what_when_where(store, clock):
    store.add_user("lan", "staff", PW, actor="cli:root", address="local")
    store.login("lan", "nope nope nope", "10.0.0.1")
    token = store.login("lan", PW, "10.0.0.1").token
    clock.advance(days=1)
    store.record("search", "lan", "10.0.0.1", detail={"q": "kết luận", "filters": {"year": ["2023"]}})
    store.record("document.view", "lan", "10.0.0.1", "ubnd/a.txt")
    store.record("document.view", "", "10.0.0.3", "ubnd/a.txt")
    store.logout(token, "10.0.0.1")
    entries, total = store.audit_entries(AuditQuery())
    assert total == 7
    assert [(e.actor, e.address, e.action, e.document) for e in reversed(entries)] == [
        ("cli:root", "local", "account.add", None), ("lan", "10.0.0.1", "login.failed", None),
        ("lan", "10.0.0.1", "login", None), ("lan", "10.0.0.1", "search", None),
        ("lan", "10.0.0.1", "document.view", "ubnd/a.txt"), ("", "10.0.0.3", "document.view", "ubnd/a.txt"),
        ("lan", "10.0.0.1", "logout", None)]
    assert entries[3].detail == {"q": "kết luận", "filters": {"year": ["2023"]}}
    day2 = clock.now.replace(hour=0, minute=0)
    assert store.audit_entries(AuditQuery(since=day2, actor="lan"))[1] == 3
    assert store.audit_entries(AuditQuery(document="ubnd/a.txt"))[1] == 2
    total, who = store.openers("ubnd/a.txt")
    assert total == 2 and sorted((a, n) for a, n, _ in who) == [("", 1), ("lan", 1)]
    out = io.StringIO()
    assert store.audit_csv(AuditQuery(action="search"), out) == 1
    assert out.getvalue().splitlines()[0] == "id,at,actor,address,action,document,detail"
    assert "kết luận" in out.getvalue()


def test_the_audit_log_is_append_only(store):
    store.record("search", "lan", "a", detail={"q": "x"})
    for statement in ("UPDATE audit_events SET actor = 'someone else'", "DELETE FROM audit_events"):
        with pytest.raises(sqlalchemy.exc.DatabaseError, match="append-only"):
            with store.engine.begin() as conn:
                conn.execute(sqlalchemy.text(statement))
    assert store.audit_entries(AuditQuery())[0][0].actor == "lan"


def test_csv_cells_never_start_a_formula(store):
    store.login("=HYPERLINK(\"http://x\")", "guess guess", "a")
    out = io.StringIO()
    store.audit_csv(AuditQuery(), out)
    assert "'=hyperlink" in out.getvalue()


def test_saved_searches_belong_to_their_owner(store, clock):
    store.add_user("lan", "staff", PW)
    store.add_user("hung", "staff", PW)
    saved = store.save_search("lan", "  Báo cáo   CCHC ", {"q": "cải cách", "filters": {"year": ["2023"]},
                                                          "sort": "newest"}, ["a.txt", "b.txt"])
    assert (saved.name, saved.q, saved.filters, saved.sort) == ("Báo cáo CCHC", "cải cách", {"year": ["2023"]}, "newest")
    assert [s.name for s in store.saved_searches("lan")] == ["Báo cáo CCHC"]
    assert store.saved_searches("hung") == []
    assert store.delete_saved("hung", saved.id) is False  # not hers to delete
    found, owner = store.saved_by_token(saved.feed_token)
    assert found.id == saved.id and owner.name == "lan"
    assert store.saved_by_token("x" * 43) is None
    # The baseline is no news; a match first seen later is, with the time it was seen.
    clock.advance(hours=1)
    news = store.feed_news(saved.id, ["a.txt", "c.txt"])
    assert news == {"c.txt": clock.now}
    clock.advance(hours=1)
    assert store.feed_news(saved.id, ["a.txt", "c.txt", "d.txt"]) == {"c.txt": clock.now - timedelta(hours=1),
                                                                    "d.txt": clock.now}
    store.update_user("lan", active=False)
    assert store.saved_by_token(saved.feed_token) is None  # a disabled account's feeds stop
    store.update_user("lan", active=True)
    assert store.delete_saved("lan", saved.id) is True
    assert store.saved_by_token(saved.feed_token) is None


def test_policy_changes_are_audited(store):
    assert store.remember_policies({"noi-vu/.vdoc-access": (("noi-vu",), "")}, "cli:root", "local") == [
        {"policy": "noi-vu/.vdoc-access", "before": None, "after": "groups: noi-vu"}]
    assert store.remember_policies({"noi-vu/.vdoc-access": (("noi-vu",), "")}) == []
    changes = store.remember_policies({"noi-vu/.vdoc-access": ((), "not UTF-8")})
    assert changes[0]["after"] == "unreadable (not UTF-8): no group"
    assert store.remember_policies({})[0]["after"] is None
    assert store.audit_entries(AuditQuery(action="policy.change"))[1] == 3


def test_the_schema_is_created_once_and_upgrades_are_idempotent(database_url):
    first = open_store(database_url)
    first.add_user("lan", "staff", PW)
    second = open_store(database_url)  # a second worker starting: nothing is lost or redone
    upgrade(second.engine)
    assert [a.name for a in second.users()] == ["lan"]
    with second.engine.connect() as conn:
        assert conn.execute(sqlalchemy.text("SELECT version_num FROM alembic_version")).scalar() == "0001"
    first.close()
    second.close()


def test_an_unreachable_database_says_so():
    from indexer.accounts import DatabaseError

    with pytest.raises(DatabaseError, match="cannot open the accounts database"):
        open_store("postgresql://nobody:secret@127.0.0.1:9/none")
    with pytest.raises(DatabaseError, match="only SQLite and PostgreSQL"):
        open_store("mysql://x@localhost/y")
