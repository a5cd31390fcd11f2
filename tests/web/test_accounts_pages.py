"""The account pages through the real app on SQLite and PostgreSQL: login, logout, idle
sessions, admin pages, the audit log and its page, the openers of a document, saved searches."""

from __future__ import annotations

import csv
import io
import re

from indexer.accounts import AuditQuery

PW = "correct horse battery"
DOC = "000_471e60a1ddf59a91.txt"


def test_anonymous_visitors_search_as_before(site):
    client = site.client()
    page = client.get("/search?q=kế hoạch")
    assert page.status_code == 200 and "Đăng nhập" in page.get_data(as_text=True)
    assert client.get(f"/documents/{DOC}").status_code == 200
    assert "Set-Cookie" not in page.headers  # no session is made for a visitor who only reads


def test_the_login_page_has_the_fields_flask_wtf_names(site):
    html = site.client().get("/login").get_data(as_text=True)
    assert all(f'name="{name}"' in html for name in ("username", "password", "csrf_token"))


def test_login_and_logout(site, sign_in, csrf_of):
    client = site.client()
    answer = sign_in(client, "Lan")
    assert answer.status_code == 302 and answer.headers["Location"] == "/"
    home = client.get("/").get_data(as_text=True)
    assert '<span class="account-name">lan</span>' in home and "Đăng xuất" in home
    assert client.post("/logout", data={"csrf_token": csrf_of(home)}).status_code == 302
    assert "Đăng xuất" not in client.get("/").get_data(as_text=True)


def test_login_goes_back_to_a_local_page_only(site, sign_in, csrf_of):
    for target, expected in (("/search?q=a", "/search?q=a"), ("//evil.example/x", "/"), ("https://evil.example", "/"),
                             ("/\\evil.example", "/"), ("javascript:alert(1)", "/")):
        client = site.client()
        token = csrf_of(client.get("/login").get_data(as_text=True))
        answer = client.post("/login", data={"username": "lan", "password": PW, "csrf_token": token, "next": target})
        assert answer.headers["Location"] == expected, target


def test_wrong_passwords_and_disabled_accounts(site, sign_in):
    client = site.client()
    wrong = sign_in(client, "lan", "not the password")
    assert wrong.status_code == 401 and "không đúng" in wrong.get_data(as_text=True)
    unknown = sign_in(client, "nobody", PW)
    same = [re.sub(r'csrf_token" type="hidden" value="[^"]+"|value="(lan|nobody)"', "", a.get_data(as_text=True))
            for a in (wrong, unknown)]
    assert unknown.status_code == 401 and same[0] == same[1]  # an unknown name answers as a wrong password
    site.store.update_user("hung", active=False)
    assert "đã bị khóa" in sign_in(client, "hung").get_data(as_text=True)


def test_a_session_ends_after_idle_time(site, sign_in):
    client = site.client()
    sign_in(client, "lan")
    site.clock.advance(minutes=29)
    assert "account-name" in client.get("/").get_data(as_text=True)
    site.clock.advance(minutes=31)
    assert "account-name" not in client.get("/").get_data(as_text=True)
    assert client.get("/saved").status_code == 302  # to /login


def test_admin_pages_list_add_and_change_accounts(site, sign_in, csrf_of):
    client = site.client()
    sign_in(client, "quantri")
    page = client.get("/admin/users").get_data(as_text=True)
    assert all(name in page for name in ("quantri", "lan", "hung"))
    answer = client.post("/admin/users", data={"csrf_token": csrf_of(page), "name": "Mai", "password": "mai's password 1",
                                                "role": "staff", "clearance": "toi-mat", "groups": "tai-chinh, noi-vu"})
    assert answer.status_code == 302
    mai = site.store.user("mai")
    assert (mai.clearance, mai.groups) == ("toi-mat", ("noi-vu", "tai-chinh"))
    page = client.get("/admin/users/mai").get_data(as_text=True)
    answer = client.post("/admin/users/mai", data={"csrf_token": csrf_of(page), "role": "staff", "clearance": "",
                                                    "groups": "noi-vu", "password": ""})  # active unticked
    assert answer.status_code == 302
    mai = site.store.user("mai")
    assert (mai.clearance, mai.groups, mai.active) == (None, ("noi-vu",), False)
    bad = client.post("/admin/users", data={"csrf_token": csrf_of(page), "name": "x y", "password": PW,
                                             "role": "staff", "clearance": "", "groups": ""})
    assert bad.status_code == 400 and "no account name" in bad.get_data(as_text=True)
    changes = site.store.audit_entries(AuditQuery(actor="quantri", action="account.change"))[0]
    assert changes[0].detail["account"] == "mai" and changes[0].detail["changes"]["active"] == [True, False]


def test_an_admin_cannot_lock_themself_out(site, sign_in, csrf_of):
    client = site.client()
    sign_in(client, "quantri")
    page = client.get("/admin/users/quantri").get_data(as_text=True)
    answer = client.post("/admin/users/quantri", data={"csrf_token": csrf_of(page), "role": "staff", "clearance": "",
                                                        "groups": "", "active": "y"})
    assert answer.status_code == 400 and site.store.user("quantri").admin


def test_searches_views_downloads_and_exports_are_audited(site, sign_in):
    client = site.client()
    sign_in(client, "lan")
    client.get("/search?q=kết luận&year=2023&sort=newest")
    client.get(f"/documents/{DOC}?q=x")
    client.get(f"/documents/{DOC}/original")
    client.get("/export.csv?q=kế hoạch")
    client.get("/api/search?q=báo cáo")
    client.get("/documents/no-such-document.txt")  # a 404 is no view
    anonymous = site.client()
    anonymous.get(f"/api/documents/{DOC}")
    entries = [e for e in reversed(site.store.audit_entries(AuditQuery())[0])
               if e.action in ("search", "document.view", "document.original", "export")]
    assert [(e.actor, e.action, e.document) for e in entries] == [
        ("lan", "search", None), ("lan", "document.view", DOC), ("lan", "document.original", DOC),
        ("lan", "export", None), ("lan", "search", None), ("", "document.view", DOC)]
    assert entries[0].detail == {"q": "kết luận", "year": ["2023"], "sort": "newest"}
    assert entries[3].detail == {"q": "kế hoạch", "format": "csv"}
    assert all(e.address == "127.0.0.1" for e in entries)


def test_the_audit_page_filters_by_person_document_and_date(site, sign_in):
    site.store.record("document.view", "lan", "10.0.0.5", DOC)
    site.clock.advance(days=2)
    site.store.record("document.view", "hung", "10.0.0.6", DOC)
    site.store.record("search", "hung", "10.0.0.6", detail={"q": "ngân sách"})
    client = site.client()
    sign_in(client, "quantri")
    page = client.get(f"/admin/audit?user=hung&document={DOC}").get_data(as_text=True)
    assert '<strong class="total">1</strong>' in page and "10.0.0.6" in page
    day = site.clock.now.date().isoformat()
    page = client.get(f"/admin/audit?since={day}&until={day}&action=search").get_data(as_text=True)
    assert '<strong class="total">1</strong>' in page and "ngân sách" in page
    rows = list(csv.DictReader(io.StringIO(client.get(f"/admin/audit.csv?document={DOC}").get_data(as_text=True)
                                           .lstrip("\ufeff"))))
    assert [(r["actor"], r["address"]) for r in rows] == [("lan", "10.0.0.5"), ("hung", "10.0.0.6")]
    assert client.get("/admin/audit?since=yesterday").status_code == 400


def test_the_document_page_shows_admins_who_opened_it(site, sign_in):
    site.store.record("document.view", "lan", "a", DOC)
    site.store.record("document.view", "lan", "a", DOC)
    site.store.record("document.view", "hung", "a", DOC)
    staff = site.client()
    sign_in(staff, "lan")
    assert "Lượt xem" not in staff.get(f"/documents/{DOC}").get_data(as_text=True)
    admin = site.client()
    sign_in(admin, "quantri")
    page = admin.get(f"/documents/{DOC}").get_data(as_text=True)
    # lan 2 + hung 1 + lan's view just now; the admin's own view is recorded after the page is made.
    assert "Lượt xem: 4" in page and re.search(r"lan: 3 lần", page) and "hung: 1 lần" in page


def test_saved_searches_are_the_owners(site, sign_in, csrf_of):
    lan = site.client()
    sign_in(lan, "lan")
    page = lan.get("/search?q=cải cách hành chính&year=2023&sort=newest").get_data(as_text=True)
    assert 'action="/saved"' in page
    answer = lan.post("/saved", data={"csrf_token": csrf_of(page), "name": "CCHC 2023",
                                      "query": "q=cải+cách+hành+chính&year=2023&sort=newest&page=3"})
    assert answer.status_code == 302
    listing = lan.get("/saved").get_data(as_text=True)
    assert "CCHC 2023" in listing
    assert "/search?q=c%E1%BA%A3i+c%C3%A1ch+h%C3%A0nh+ch%C3%ADnh&amp;year=2023&amp;sort=newest" in listing
    [saved] = site.store.saved_searches("lan")
    assert (saved.q, saved.filters, saved.sort) == ("cải cách hành chính", {"year": ["2023"]}, "newest")
    hung = site.client()
    sign_in(hung, "hung")
    assert "CCHC 2023" not in hung.get("/saved").get_data(as_text=True)
    token = csrf_of(hung.get("/saved").get_data(as_text=True) or hung.get("/").get_data(as_text=True)) \
        if 'csrf_token' in hung.get("/saved").get_data(as_text=True) else csrf_of(hung.get("/").get_data(as_text=True))
    assert hung.post(f"/saved/{saved.id}/delete", data={"csrf_token": token}).status_code == 404
    assert lan.post(f"/saved/{saved.id}/delete", data={"csrf_token": csrf_of(listing)}).status_code == 302
    assert site.store.saved_searches("lan") == []


def test_an_admins_feed_lists_what_later_builds_added(database_url, make_corpus, tmp_path, sign_in, csrf_of):
    import secrets

    from indexer.accounts import open_store
    from indexer.index.whoosh.writer import build
    from searchapp import create_app

    text = "UBND XÃ AN BÌNH\nSố: {n}/KH-UBND\nKẾ HOẠCH\n{title}\n\n{body}\n"
    src = make_corpus({"a.txt": text.format(n=1, title="Chuyển đổi số năm 2024", body="Triển khai chuyển đổi số."),
                       "b.txt": text.format(n=2, title="Phòng chống thiên tai", body="Phòng chống bão lũ.")})
    build(src, tmp_path / "ix")
    store = open_store(database_url)
    store.add_user("quantri", "admin", PW)
    config = {"INDEX_DIR": str(tmp_path / "ix"), "TESTING": True, "DATABASE_URL": database_url,
              "SECRET_KEY": secrets.token_hex(32)}
    app = create_app(config)
    client = app.test_client()
    sign_in(client, "quantri")
    page = client.get("/search?q=chuyển đổi số").get_data(as_text=True)
    client.post("/saved", data={"csrf_token": csrf_of(page), "name": "Chuyển đổi số", "query": "q=chuyển+đổi+số"})
    [saved] = store.saved_searches("quantri")
    feed = client.get(f"/feeds/{saved.feed_token}.atom")
    assert feed.status_code == 200 and feed.mimetype == "application/atom+xml"
    assert b"<entry>" not in feed.data  # what matched when it was saved is no news
    (src / "c.txt").write_text(text.format(n=3, title="Chuyển đổi số cấp xã", body="Chuyển đổi số ở xã."), "utf-8")
    (src / "d.txt").write_text(text.format(n=4, title="Ngân sách", body="Thu chi ngân sách."), "utf-8")
    build(src, tmp_path / "ix")
    app.extensions["vdoc_accounts"].close()
    again = create_app(config)  # the service of the new build
    reader = again.test_client()  # a feed reader: no session, the token is the key
    feed = reader.get(f"/feeds/{saved.feed_token}.atom").get_data(as_text=True)
    assert feed.count("<entry>") == 1 and "c.txt" in feed and "3/KH-UBND Chuyển đổi số cấp xã" in feed
    assert reader.get(f"/feeds/{saved.feed_token[:-1]}x.atom").status_code == 404
    again.extensions["vdoc_accounts"].close()
    store.close()


def test_login_required_closes_everything_but_login_and_feeds(site, sign_in):
    site.app.config["LOGIN_REQUIRED"] = True
    client = site.client()
    for path in ("/", "/search?q=a", f"/documents/{DOC}", "/api/search?q=a", "/export.csv?q=a"):
        answer = client.get(path)
        assert answer.status_code == 302 and answer.headers["Location"].startswith("/login"), path
    assert client.get("/login").status_code == 200
    assert client.get("/feeds/unknown.atom").status_code == 404  # a feed's token is its own key
    sign_in(client, "hung")
    assert client.get("/search?q=a").status_code == 200
