"""The account side as a hostile user would try it, on SQLite and PostgreSQL: no session,
another user's session, forged and replayed cookies, missing and wrong CSRF tokens, SQL
injection, a thousand wrong passwords, XSS in names; and through gunicorn's workers."""

from __future__ import annotations

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request

import pytest

from indexer.accounts import AuditQuery

PW = "correct horse battery"
ADMIN_PAGES = ["/admin/users", "/admin/users/lan", "/admin/audit", "/admin/audit.csv?user=lan"]


def cookie_of(client) -> str:
    cookie = client.get_cookie("vdoc_session")
    return cookie.value if cookie else ""


@pytest.mark.parametrize("path", ADMIN_PAGES + ["/saved"])
def test_pages_need_a_session(site, path):
    answer = site.client().get(path)
    assert answer.status_code == 302 and answer.headers["Location"].startswith("/login?next=")


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_admin_pages_refuse_staff(site, sign_in, csrf_of, path):
    client = site.client()
    sign_in(client, "lan")
    assert client.get(path).status_code == 403
    token = csrf_of(client.get("/saved").get_data(as_text=True) + client.get("/").get_data(as_text=True))
    posted = client.post(path.split("?")[0], data={"csrf_token": token, "name": "evil", "password": PW,
                                                   "role": "admin", "clearance": "tuyet-mat", "groups": "", "active": "y"})
    assert posted.status_code in (403, 405)
    assert site.store.user("evil") is None and site.store.user("lan").role == "staff"


def test_another_users_session_reaches_none_of_theirs(site, sign_in, csrf_of):
    lan, hung = site.client(), site.client()
    sign_in(lan, "lan")
    sign_in(hung, "hung")
    page = lan.get("/search?q=kế hoạch").get_data(as_text=True)
    lan.post("/saved", data={"csrf_token": csrf_of(page), "name": "Của Lan", "query": "q=kế+hoạch"})
    [saved] = site.store.saved_searches("lan")
    assert "Của Lan" not in hung.get("/saved").get_data(as_text=True)
    token = csrf_of(hung.get("/").get_data(as_text=True))
    assert hung.post(f"/saved/{saved.id}/delete", data={"csrf_token": token}).status_code == 404
    assert hung.get("/feeds/not-the-token.atom").status_code == 404
    assert len(site.store.saved_searches("lan")) == 1


def test_forged_cookies_are_anonymous(site, sign_in):
    real = site.store.login("quantri", PW, "10.9.9.9").token
    other_app_key = site.app.session_interface.get_signing_serializer(site.app)
    forged = []
    site.app.secret_key, saved_key = "not the secret " * 4, site.app.secret_key
    forged.append(site.app.session_interface.get_signing_serializer(site.app).dumps({"_user_id": real, "_fresh": True}))
    site.app.secret_key = saved_key
    forged.append(other_app_key.dumps({"_user_id": "guessed-token-" + "x" * 30, "_fresh": True}))
    forged += ["garbage", "eyJfdXNlcl9pZCI6ImFkbWluIn0.AAAA.BBBB", "' OR 1=1 --", "x" * 3000]
    for value in forged:
        client = site.client()
        client.set_cookie("vdoc_session", value)
        assert client.get("/admin/users").status_code == 302, value[:40]
        assert "account-name" not in client.get("/").get_data(as_text=True)


def test_a_replayed_cookie_after_logout_is_anonymous(site, sign_in, csrf_of):
    client = site.client()
    sign_in(client, "quantri")
    stolen = cookie_of(client)
    assert client.get("/admin/users").status_code == 200
    thief = site.client()
    thief.set_cookie("vdoc_session", stolen)
    assert thief.get("/admin/users").status_code == 200  # a live session's cookie is the session (as anywhere)
    client.post("/logout", data={"csrf_token": csrf_of(client.get("/").get_data(as_text=True))})
    replay = site.client()
    replay.set_cookie("vdoc_session", stolen)
    assert replay.get("/admin/users").status_code == 302
    assert thief.get("/admin/users").status_code == 302


def test_a_session_from_another_browser_and_address_is_dropped(site, sign_in):
    client = site.client()
    sign_in(client, "quantri")
    stolen = cookie_of(client)
    thief = site.client()
    thief.set_cookie("vdoc_session", stolen)
    answer = thief.get("/admin/users", headers={"User-Agent": "curl/8"}, environ_base={"REMOTE_ADDR": "203.0.113.9"})
    assert answer.status_code == 302  # Flask-Login's strong session protection


def _post_endpoints(site):
    [saved] = site.store.saved_searches("quantri") or [site.store.save_search("quantri", "x", {"q": "a"}, [])]
    return {"/logout": {}, "/saved": {"name": "forged", "query": "q=a"}, f"/saved/{saved.id}/delete": {},
            "/admin/users": {"name": "forged", "password": PW, "role": "admin", "clearance": "", "groups": ""},
            "/admin/users/lan": {"role": "admin", "clearance": "tuyet-mat", "groups": "", "active": "y"}}


@pytest.mark.parametrize("token", ["", "wrong", "other-session"])
def test_posts_without_the_right_csrf_token_are_refused(site, sign_in, csrf_of, token):
    other = site.client()
    other_token = csrf_of(other.get("/login").get_data(as_text=True))
    client = site.client()
    sign_in(client, "quantri")
    value = {"": None, "wrong": "x" * 40, "other-session": other_token}[token]
    for path, data in _post_endpoints(site).items():
        if value is not None:
            data = dict(data, csrf_token=value)
        answer = client.post(path, data=data)
        assert answer.status_code == 400 and "CSRF" in answer.get_data(as_text=True), path
    assert site.store.user("forged") is None and site.store.user("lan").role == "staff"
    assert [s.name for s in site.store.saved_searches("quantri")] == ["x"]
    assert client.get("/admin/users").status_code == 200  # /logout without a token did not log out
    login = site.client().post("/login", data={"username": "quantri", "password": PW, **(
        {"csrf_token": value} if value else {})})
    assert login.status_code == 400 and "vdoc_session" not in login.headers.get("Set-Cookie", "x")


@pytest.mark.parametrize("username, password", [
    ("' OR '1'='1' --", "anything"), ("quantri'--", "x"), ("quantri", "' OR '1'='1"),
    ("\" OR \"\"=\"", "\" OR \"\"=\""), ("quantri'; DROP TABLE users; --", PW), ("quantri\x00", PW),
])
def test_sql_injection_in_the_login_form(site, sign_in, username, password):
    client = site.client()
    answer = sign_in(client, username, password)
    assert answer.status_code in (400, 401)
    assert client.get("/admin/users").status_code == 302
    assert [a.name for a in site.store.users()] == ["hung", "lan", "quantri"]


@pytest.mark.parametrize("query", [
    "unit=' OR 1=1 --", "type=x'); DROP TABLE users; --", "q=\" OR \"\"=\"", "year=2023' OR '1'='1",
    "province=%00' UNION SELECT password_hash FROM users --", "sort=relevance'--",
])
def test_sql_injection_in_filters(site, sign_in, query):
    client = site.client()
    sign_in(client, "quantri")
    for path in ("/search", "/api/search", "/export.csv", "/admin/audit"):
        answer = client.get(f"{path}?{query}")
        assert answer.status_code in (200, 400) and b"argon2" not in answer.data, (path, query)
    for field in ("user", "document", "action"):
        answer = client.get("/admin/audit?" + urllib.parse.urlencode({field: "' OR '1'='1"}))
        assert answer.status_code in (200, 400)
        if answer.status_code == 200:
            assert '<strong class="total">0</strong>' in answer.get_data(as_text=True)
    assert [a.name for a in site.store.users()] == ["hung", "lan", "quantri"]


def test_a_thousand_wrong_passwords_are_throttled(site, csrf_of):
    client = site.client()
    token = csrf_of(client.get("/login").get_data(as_text=True))
    statuses = [client.post("/login", data={"username": "quantri", "password": f"guess number {i}",
                                            "csrf_token": token}).status_code for i in range(1000)]
    assert statuses == [401] * 5 + [429] * 995
    right = client.post("/login", data={"username": "quantri", "password": PW, "csrf_token": token})
    assert right.status_code == 429  # the account stays closed to this address's guesses ...
    assert site.store.audit_entries(AuditQuery(action="login.failed"))[1] == 5
    assert site.store.audit_entries(AuditQuery(action="login.throttled"))[1] == 996
    site.clock.advance(minutes=16)  # ... until the window passes
    assert client.post("/login", data={"username": "quantri", "password": PW, "csrf_token": token}).status_code == 302


def test_xss_in_names_is_shown_as_text(site, sign_in, csrf_of):
    attacker = site.client()
    sign_in(attacker, "<script>alert(1)</script>", "x' onmouseover='alert(2)")
    admin = site.client()
    sign_in(admin, "quantri")
    audit = admin.get("/admin/audit?action=login.failed").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in audit and "<script>alert(1)" not in audit
    page = admin.get("/admin/users").get_data(as_text=True)
    refused = admin.post("/admin/users", data={"csrf_token": csrf_of(page), "name": "<img src=x onerror=alert(3)>",
                                               "password": PW, "role": "staff", "clearance": "", "groups": ""})
    assert refused.status_code == 400 and "<img src=x" not in refused.get_data(as_text=True)
    page = admin.get("/search?q=kế hoạch").get_data(as_text=True)
    admin.post("/saved", data={"csrf_token": csrf_of(page), "name": "<img src=x onerror=alert(4)>", "query": "q=kế+hoạch"})
    listing = admin.get("/saved").get_data(as_text=True)
    assert "&lt;img src=x onerror=alert(4)&gt;" in listing and "<img src=x" not in listing
    feed = admin.get(re.search(r'value="http://localhost(/feeds/[^"]+\.atom)"', listing).group(1))
    assert feed.status_code == 200 and b"<img" not in feed.data and b"&lt;img src=x" in feed.data


def test_a_staff_feed_is_served_filtered_to_its_owner(site, sign_in, csrf_of):
    """Phase 2 of issue 20: every owner's feed is served, run as its owner's reader."""
    lan = site.client()
    sign_in(lan, "lan")
    page = lan.get("/search?q=kế hoạch").get_data(as_text=True)
    lan.post("/saved", data={"csrf_token": csrf_of(page), "name": "KH", "query": "q=kế+hoạch"})
    [saved] = site.store.saved_searches("lan")
    answer = site.client().get(f"/feeds/{saved.feed_token}.atom")
    assert answer.status_code == 200 and answer.mimetype == "application/atom+xml"


def test_gunicorn_workers_share_sessions_and_throttling(database_url, corpus_index, tmp_path):
    """Two gunicorn workers over one database: a session and a throttle hold whichever worker answers."""
    from support import gunicorn  # the suite's gunicorn helper
    from indexer.accounts import open_store

    store = open_store(database_url)
    store.add_user("quantri", "admin", PW)
    store.close()
    env = {"INDEX_DIR": str(corpus_index), "DATABASE_URL": database_url, "SECRET_KEY": "k" * 64}
    with gunicorn(env, workers=2, conf=False, log=tmp_path / "gunicorn.log") as base:
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar),
                                             _NoRedirect())

        def post_login(password: str) -> int:
            page = opener.open(base + "/login").read().decode()
            token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
            data = urllib.parse.urlencode({"username": "quantri", "password": password, "csrf_token": token}).encode()
            try:
                return opener.open(base + "/login", data=data).status
            except urllib.error.HTTPError as exc:
                return exc.code

        assert post_login(PW) == 302
        pages = [opener.open(base + "/admin/users").status for _ in range(12)]  # both workers answer some
        assert pages == [200] * 12
        assert [post_login(f"wrong guess {i}") for i in range(7)] == [401] * 5 + [429] * 2


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None

    def http_error_302(self, req, fp, code, msg, headers):
        return fp
