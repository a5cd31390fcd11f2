"""Accessibility, checked offline: axe-core (the engine behind Lighthouse's accessibility
audit, from npm) run inside Debian's chromium on every kind of page, on a desktop and
a phone.  No serious or critical violation may remain; the counts of every impact
are written to test-artifacts/axe-<screen>.json and printed (pytest -s shows them).
"""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest

PAGES = [
    ("home", "/"),
    ("search", "/search?q=cai+cach&year=2023"),
    ("search-empty", "/search?q=" + quote("xyzzý nam:abc")),
    ("document", "/documents/000_471e60a1ddf59a91.txt?q=cai+cach"),
    ("document-ocr-forms", "/documents/001_f88072d734faeb23.txt?ocr_forms=1&q=" + quote("kết luận")),
    ("decision", "/decisions/qd-173-ubnd-2023-tinh-binh-phuoc"),
    ("search-candidates", "/search?q=kh+27"),  # a number two plans share: the list to choose from
    ("decision-read", "/decisions/kh-27-ubnd-x"),  # date, issuer and trích yếu read from the citing sentence
    ("error-404", "/khong-co-trang-nay"),
    ("error-400", "/search?year=abc"),
]
IMPACTS = ("minor", "moderate", "serious", "critical")


def run_axe(page, source: str) -> list[dict]:
    """axe.run on the page as shown.  Injected through the DevTools protocol, which the
    page's Content-Security-Policy (script-src 'self') does not apply to."""
    page.evaluate(source)
    return page.evaluate("""async () => {
        const result = await axe.run(document, {resultTypes: ["violations"]});
        return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                            nodes: v.nodes.map(n => n.target.join(" "))}));
    }""")


@pytest.mark.parametrize("name, path", PAGES, ids=[p[0] for p in PAGES])
def test_no_serious_or_critical_violation(screen, gunicorn_server, axe_source, artifacts, name, path):
    screen.goto(gunicorn_server + path)
    violations = run_axe(screen, axe_source)
    counts = {impact: sum(len(v["nodes"]) for v in violations if v["impact"] == impact) for impact in IMPACTS}
    report = artifacts / f"axe-{screen.name}.json"
    found = json.loads(report.read_text(encoding="utf-8")) if report.exists() else {}
    found[name] = {"counts": counts, "violations": violations}
    report.write_text(json.dumps(found, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\naxe {screen.name} {name}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    bad = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert bad == [], json.dumps(bad, ensure_ascii=False, indent=1)
