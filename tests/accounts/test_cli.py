"""`python -m indexer users ...` and `python -m indexer audit` on both databases."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

import pytest
from click.testing import CliRunner

from indexer.accounts import open_store
from indexer.cli import main

PW = "correct horse battery"


def run(args, database_url, stdin=None):
    return CliRunner().invoke(main, [*args, "--database", database_url], input=stdin, catch_exceptions=False)


def test_users_add_list_set_disable(database_url):
    done = run(["users", "add", "Lan", "--role", "staff", "--clearance", "toi-mat", "--groups", "noi-vu,lanh-dao"],
               database_url, PW + "\n")
    assert done.exit_code == 0, done.output
    assert done.output == "added lan (staff, clearance toi-mat, groups lanh-dao, noi-vu)\n"
    done = run(["users", "add", "boss", "--role", "admin", "--generate"], database_url)
    password = done.output.split("password (shown once): ")[1].strip()
    assert len(password) == 20
    store = open_store(database_url)
    assert store.login("boss", password, "t").outcome == "ok"
    assert store.login("lan", PW, "t").outcome == "ok"
    assert run(["users", "set", "lan", "--clearance", "none", "--groups", ""], database_url).exit_code == 0
    assert run(["users", "disable", "lan"], database_url).output == "disabled lan; its sessions have ended\n"
    lines = run(["users", "list"], database_url).output.splitlines()
    assert [line.split("\t")[:5] for line in lines] == [["boss", "admin", "-", "-", "active"],
                                                         ["lan", "staff", "-", "-", "disabled"]]
    assert store.login("lan", PW, "t").outcome == "disabled"
    done = run(["users", "set", "lan", "--enable", "--password"], database_url, "another fine password\n")
    assert done.exit_code == 0 and store.login("lan", "another fine password", "t").outcome == "ok"
    store.close()


@pytest.mark.parametrize("args, stdin, message", [
    (["users", "add", "lan", "--role", "staff"], "", "no password on standard input"),
    (["users", "add", "lan", "--role", "staff"], "short\n", "at least 10 characters"),
    (["users", "add", "lan", "--role", "staff", "--groups", "a b"], PW + "\n", "no group name"),
    (["users", "disable", "nobody"], None, "no account 'nobody'"),
    (["audit", "--since", "yesterday"], None, "is no date"),
])
def test_cli_errors_say_what_to_do(database_url, args, stdin, message):
    done = run(args, database_url, stdin)
    assert done.exit_code != 0 and message in done.output


def test_audit_export(database_url):
    run(["users", "add", "lan", "--role", "staff"], database_url, PW + "\n")
    store = open_store(database_url)
    store.login("lan", PW, "10.1.1.1")
    store.record("document.view", "lan", "10.1.1.1", "a/b.txt")
    store.record("document.view", "hung", "10.1.1.2", "a/c.txt")
    store.close()
    rows = list(csv.DictReader(io.StringIO(run(["audit", "--csv"], database_url).output)))
    assert [(r["actor"], r["action"]) for r in rows] == [
        ("cli:" + rows[0]["actor"].split(":", 1)[1], "account.add"), ("lan", "login"),
        ("lan", "document.view"), ("hung", "document.view")]
    rows = list(csv.DictReader(io.StringIO(run(["audit", "--csv", "--user", "LAN", "--document", "a/b.txt"],
                                               database_url).output)))
    assert [(r["actor"], r["address"], r["document"]) for r in rows] == [("lan", "10.1.1.1", "a/b.txt")]
    assert run(["audit", "--csv", "--since", "2999-01-01"], database_url).output.splitlines() == [
        "id,at,actor,address,action,document,detail"]
    assert "document.view" in run(["audit", "--action", "document.view"], database_url).output


def test_a_build_audits_folder_policy_changes(database_url, make_corpus, tmp_path):
    src = make_corpus({"noi-vu/a.txt": "Báo cáo.\n", "noi-vu/.vdoc-access": "groups: noi-vu\n"})
    done = run(["build", str(src), "--index", str(tmp_path / "ix")], database_url)
    assert done.exit_code == 0, done.output
    assert "folder policy noi-vu/.vdoc-access: none -> groups: noi-vu" in done.output
    (src / "noi-vu/.vdoc-access").write_text("groups: noi-vu, lanh-dao\n")
    done = run(["build", str(src), "--index", str(tmp_path / "ix")], database_url)
    assert "noi-vu/.vdoc-access: groups: noi-vu -> groups: lanh-dao, noi-vu" in done.output
    rows = list(csv.DictReader(io.StringIO(run(["audit", "--csv", "--action", "policy.change"], database_url).output)))
    assert len(rows) == 2


def test_every_command_has_help():
    for args in (["users", "--help"], ["users", "add", "--help"], ["users", "list", "--help"],
                 ["users", "set", "--help"], ["users", "disable", "--help"], ["audit", "--help"]):
        done = subprocess.run([sys.executable, "-m", "indexer", *args], capture_output=True, text=True)
        assert done.returncode == 0 and "Usage:" in done.stdout, (args, done.stderr)
