"""Nothing of a document a reader may not read reaches that reader (issue 20), on both engines.

The restricted archive (conftest ``restricted_archive``) holds the corpus, a
decision stamped MẬT (``SECRET``) and a plan under a folder policy of group
noi-vu (``GROUPED``); each has a word, a số ký hiệu and a cited decision no
other document has.  Through the real app, signed in through the real login
form: the anonymous reader and an ungrouped staff account see nothing of
either in any answer; a staff account cleared "mật" sees the stamped one, one
of group noi-vu the policed one, an admin both.
"""

from __future__ import annotations

import json
import re
import shutil
import uuid
from urllib.parse import quote

import pytest

from support import ACCOUNT_PW, CORPUS, GROUPED, SECRET, Restricted

BOTH = (SECRET, GROUPED)
# Who sees which (None: nobody signed in).
READERS = {None: (), "hung": (), "lan": (SECRET,), "nv": (GROUPED,), "quantri": BOTH}
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')


def client_of(app, name: str | None):
    client = app.test_client()
    if name:
        m = CSRF.search(client.get("/login").get_data(as_text=True))
        answer = client.post("/login", data={"username": name, "password": ACCOUNT_PW,
                                             "csrf_token": m.group(1) or m.group(2)})
        assert answer.status_code == 302, answer.get_data(as_text=True)[:300]
    return client


def same_page(html: str) -> str:
    """A page with its CSRF token blanked: the token is signed with the second it was
    made, so two answers a second apart differ there and nowhere else."""
    return CSRF.sub('name="csrf_token" value=""', html)


def decision_key(app, doc: Restricted) -> str:
    """The key of the decision only ``doc`` cites (read as the admin)."""
    page = client_of(app, "quantri").get(f"/api/documents/{quote(doc.file)}").get_json()
    [key] = [c["key"] for c in page["citations"] if c["number"] == doc.cited]
    return key


def leaks(text: str, doc: Restricted) -> list[str]:
    """What of ``doc`` a response body shows."""
    marks = (doc.word, doc.number, doc.cited, doc.file, doc.word.upper(), quote(doc.file))
    return [m for m in marks if m in text]


@pytest.mark.parametrize("name", list(READERS))
def test_each_reader_sees_exactly_what_they_may_read(restricted_app, name):
    client = client_of(restricted_app, name)
    keys = {doc.file: decision_key(restricted_app, doc) for doc in BOTH}
    for doc in BOTH:
        allowed = doc in READERS[name]
        found = client.get(f"/api/search?q={quote(doc.word)}").get_json()
        assert found["total"] == (1 if allowed else 0), (name, doc.file, found["total"])
        listed = client.get(f"/api/search?q={quote(doc.word)}&per_page=50").get_json()
        facet_values = {c["value"] for counts in listed["facets"].values() for c in counts}
        if not allowed:
            assert not listed["hits"] and not facet_values, (name, doc.file)
        else:
            assert [h["id"] for h in listed["hits"]] == [doc.file]
            assert doc.word in json.dumps(listed["hits"], ensure_ascii=False)  # the snippet
        # Its number: found, and a number-only query goes straight to it, only when allowed.
        by_number = client.get(f"/api/search?q={quote(doc.number)}").get_json()
        assert (by_number["total"] >= 1) is allowed, (name, doc.number)
        page = client.get(f"/search?q={quote(doc.number)}")
        assert (page.status_code == 302 and doc.file in page.headers["Location"]) is allowed
        # The document page, its API, its original file: the same 404 as an unknown id.
        for url in (f"/documents/{quote(doc.file)}", f"/api/documents/{quote(doc.file)}",
                    f"/documents/{quote(doc.file)}/original"):
            answer = client.get(url)
            assert answer.status_code == (200 if allowed else 404), (name, url, answer.status_code)
            if not allowed:
                unknown = client.get(url.replace(quote(doc.file), "khong-co.txt"))
                assert unknown.status_code == 404
                said = same_page(answer.get_data(as_text=True).replace(doc.file, "ID"))
                assert said == same_page(unknown.get_data(as_text=True).replace("khong-co.txt", "ID"))
        # The decision only it cites: not found, or found with it in the citing list.
        key = keys[doc.file]
        for url in (f"/decisions/{key}", f"/api/decisions/{key}"):
            answer = client.get(url)
            if allowed:
                assert answer.status_code == 200 and doc.file in answer.get_data(as_text=True)
            else:
                assert answer.status_code == 404, (name, url)
        # Completion and did-you-mean: never its word nor its number.
        typed = doc.word[:-1]
        offered = client.get(f"/api/suggest?q={quote(typed)}").get_json()["suggestions"]
        assert (doc.word in [s["value"] for s in offered]) is allowed, (name, offered)
        numbers = client.get(f"/api/suggest?q={quote(doc.number[:-1])}").get_json()["suggestions"]
        assert (doc.number in [s["value"] for s in numbers]) is allowed, (name, numbers)
        plain = client.get("/search?q=" + quote(fold_word(doc.word) + "x")).get_data(as_text=True)
        if not allowed:
            assert doc.word not in plain, (name, "did-you-mean")
        # Export of everything: without it, unless allowed.
        rows = client.get("/export.json?q=").get_json()["documents"]
        assert (doc.file in {r["id"] for r in rows}) is allowed
        csv = client.get(f"/export.csv?q={quote(doc.word)}").get_data(as_text=True)
        assert (doc.file in csv) is allowed
    # The home page counts only what the reader may read, and browses only its values.
    home = client.get("/api/search?q=").get_json()
    assert home["total"] == 5 + len(READERS[name])


def fold_word(word: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c)).replace("đ", "d")


def test_did_you_mean_never_offers_a_word_only_a_restricted_document_holds(restricted_apps):
    """"khuyu" read back as "khuỷu" (the marked document's word) only for a reader of it."""
    for engine, app in restricted_apps.items():
        for name in READERS:
            page = client_of(app, name).get("/search?q=" + quote(fold_word(SECRET.word))).get_data(as_text=True)
            offered = re.search(r'class="[^"]*suggest[^"]*"[^>]*>.*?</', page, re.S)
            shown = SECRET.word in page
            assert shown is (SECRET in READERS[name]), (engine, name, offered and offered.group(0)[:200])


def test_both_engines_answer_every_reader_alike(restricted_apps):
    for name in READERS:
        answers = {}
        for engine, app in restricted_apps.items():
            client = client_of(app, name)
            found = client.get("/api/search?q=quyết định&per_page=50").get_json()
            answers[engine] = (found["total"], sorted(h["id"] for h in found["hits"]),
                               {f: sorted((c["value"], c["count"]) for c in v) for f, v in found["facets"].items()})
        assert answers["whoosh"] == answers["opensearch"], name


def test_a_feed_lists_only_what_its_owner_may_read(restricted_app):
    """A saved search's feed runs as its owner: saved with an empty baseline, every
    match is news, and the news are what the owner may read."""
    from indexer.accounts import open_store

    store = open_store(restricted_app.config["DATABASE_URL"])
    try:
        tokens = {name: store.save_search(name, f"Tất cả {restricted_app.config.get('SEARCH_BACKEND', 'whoosh')}",
                                          {"q": "", "filters": {}, "sort": "newest"}, []).feed_token
                  for name in ("hung", "lan")}
    finally:
        store.close()
    for name, token in tokens.items():
        feed = restricted_app.test_client().get(f"/feeds/{token}.atom")
        assert feed.status_code == 200
        body = feed.get_data(as_text=True)
        assert body.count("<entry") == 5 + len(READERS[name]), (name, body.count("<entry"))
        assert bool(leaks(body, SECRET)) is (SECRET in READERS[name]) and not leaks(body, GROUPED), name


def test_a_policy_change_reaches_the_index_without_a_file_change(tmp_path, cluster):
    """A folder policy written, then removed, with no file touched: the next build
    re-indexes the files below it with their new access terms (both engines)."""
    from indexer.index.opensearch.client import connect
    from indexer.index.opensearch.writer import build as os_build
    from indexer.index.whoosh.writer import build as whoosh_build
    from indexer.search import SearchRequest, open_service
    from indexer.search.access import ANONYMOUS, Reader

    archive = tmp_path / "archive"
    (archive / "phong").mkdir(parents=True)
    for f in sorted(CORPUS.glob("*.txt"))[:2]:
        shutil.copy(f, archive / "phong" / f.name)
    shutil.copy(sorted(CORPUS.glob("*.txt"))[2], archive)
    alias = f"policy-{uuid.uuid4().hex[:8]}"
    builds = {"whoosh": lambda: whoosh_build(archive, tmp_path / "ix"),
              "opensearch": lambda: os_build(archive, cluster.url, alias)}
    services = {"whoosh": lambda: open_service("whoosh", index_dir=tmp_path / "ix"),
                "opensearch": lambda: open_service("opensearch", url=cluster.url, index=alias)}
    member = Reader("nv", "staff", groups=frozenset({"noi-vu"}))
    try:
        for engine in builds:
            builds[engine]()
            seen = lambda reader: services[engine]().search(SearchRequest(q="", reader=reader)).total  # noqa: E731
            assert seen(ANONYMOUS) == 3
            (archive / "phong" / ".vdoc-access").write_text("groups: noi-vu\n", encoding="utf-8")
            report = builds[engine]()
            assert sorted(report.updated) == sorted(f"phong/{f.name}" for f in (archive / "phong").glob("*.txt"))
            assert (seen(ANONYMOUS), seen(member)) == (1, 3), engine
            (archive / "phong" / ".vdoc-access").unlink()
            builds[engine]()
            assert seen(ANONYMOUS) == 3, engine
            report = builds[engine]()  # nothing changed since: nothing re-indexed
            assert not report.updated and not report.indexed, engine
    finally:
        connect(cluster.url).indices.delete(index=f"{alias}*", ignore_unavailable=True)
