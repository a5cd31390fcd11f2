"""The house's import rules (pyproject.toml, [tool.importlinter]) hold, and break when broken."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT = Path(sys.executable).parent / "lint-imports"


def lint(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT), "--no-cache"], cwd=cwd, capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(cwd)})


def test_every_contract_is_kept():
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "0 broken" in result.stdout


@pytest.mark.parametrize("module, line, contract", [
    ("searchapp/views.py", "from indexer.search.whoosh import engine", "the web talks to the search service and the account store only"),
    ("searchapp/api.py", "import whoosh", "the web talks to the search service and the account store only"),
    ("indexer/search/parse.py", "from indexer.extract import citations", "search never imports extraction"),
    ("indexer/legal/units.py", "from indexer.extract import metadata", "indexer in layers"),
    ("indexer/analysis/text.py", "import flask", "nothing in indexer imports flask"),
    ("indexer/search/service.py", "import whoosh", "engine-neutral parts"),
    ("indexer/search/service.py", "from indexer.search.opensearch import dsl", "engine-neutral parts"),
    ("indexer/search/pipeline.py", "from indexer.search.whoosh import engine", "engine-neutral parts"),
    ("indexer/search/access.py", "from indexer.search.whoosh import handle", "engine-neutral parts"),
    ("searchapp/views.py", "from indexer.accounts import store", "the web talks to the search service"),
    ("searchapp/views.py", "import sqlalchemy", "the web talks to the search service"),
    ("indexer/accounts/store.py", "import flask", "nothing in indexer imports flask"),
    ("indexer/accounts/users.py", "from indexer.search.whoosh import handle", "accounts never see an engine"),
    ("indexer/search/parse.py", "from indexer.accounts import store", "indexer in layers"),
])
def test_a_broken_rule_fails(tmp_path, module, line, contract):
    """One forbidden import added to a copy of the code breaks the named contract."""
    for name in ("indexer", "searchapp"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "data"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    target = tmp_path / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}  # a broken rule\n", encoding="utf-8")
    result = lint(tmp_path)
    assert result.returncode != 0
    broken = result.stdout.split("Broken contracts", 1)[1]
    assert contract in " ".join(broken.split()), result.stdout[-3000:]


# --- the new contracts break when broken -----------------------------------------------------------

@pytest.mark.parametrize("module, line, contract", [
    # The hole the engine contracts close: a neutral search module importing an engine.
    ("indexer/search/pipeline.py", "from indexer.search.opensearch import dsl", "engine-neutral parts"),
    ("indexer/index/build.py", "from indexer.index.whoosh import store", "the neutral modules of the index"),
    ("indexer/index/pipeline.py", "import opensearchpy", "the neutral modules of the index"),
    ("indexer/index/whoosh/writer.py", "from indexer.index.opensearch import mapping",
     "the Whoosh engine (index and search) never imports the OpenSearch engine"),
    ("indexer/search/whoosh/compile.py", "from indexer.search.opensearch import dsl",
     "the Whoosh engine (index and search) never imports the OpenSearch engine"),
    ("indexer/index/opensearch/encoder.py", "from indexer.index.whoosh import schema",
     "the OpenSearch engine (index and search) never imports the Whoosh engine"),
    ("indexer/search/opensearch/dsl.py", "import whoosh", "the OpenSearch engine (index and search) never imports"),
])
def test_a_broken_engine_rule_fails(tmp_path, module, line, contract):
    test_a_broken_rule_fails(tmp_path, module, line, contract)


# --- each package's docstring says what the contracts say ------------------------------------------

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

CONTRACTS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]
# What nothing in indexer imports, said once in indexer/__init__.py, not in every package.
# The layers above the library (the CLIs, accounts) and the web: no package below them
# imports them, and no docstring needs to say so.
EVERYWHERE = {"indexer.cli", "indexer.cli_accounts", "indexer.accounts", "flask", "werkzeug", "searchapp"}
# Packages whose docstring has no "May import:" line yet (the search rewrite adds it).
AWAITING: set[str] = set()


def _sources(contract_id: str) -> list[str]:
    return next(c["source_modules"] for c in CONTRACTS if c["id"] == contract_id)


# The words a docstring may use, and the modules each stands for.
WORDS = {
    "errors": ["indexer.errors"],
    "analysis": ["indexer.analysis"],
    "legal": ["indexer.legal"],
    "extract": ["indexer.extract"],
    "extraction": ["indexer.extract"],
    "index": ["indexer.index"],
    "search": ["indexer.search"],
    "the web": ["searchapp", "flask", "werkzeug"],
    "the build": ["indexer.index.build", "indexer.index.pipeline", "indexer.index.whoosh.writer",
                  "indexer.index.opensearch.writer"],
    "whoosh": ["whoosh"],
    "opensearchpy": ["opensearchpy"],
    "an engine's library": ["whoosh", "opensearchpy"],
    "the Whoosh engine": ["indexer.index.whoosh", "indexer.search.whoosh", "whoosh"],
    "the OpenSearch engine": ["indexer.index.opensearch", "indexer.search.opensearch", "opensearchpy"],
    "the index's neutral modules": _sources("index-neutral"),
    "search's neutral modules": [m for m in _sources("engine-neutral") if m.startswith("indexer.search.")],
    "the index's schema, store and fingerprint": ["indexer.index.whoosh.schema", "indexer.index.whoosh.store",
                                                  "indexer.index.fingerprint"],
}


def _within(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def forbidden_for(package: str, specific: bool = False) -> set[str]:
    """What the contracts forbid the whole of ``package`` to import (``specific``:
    only the contracts that name the package itself, not one of its parents)."""
    out = set()
    for c in CONTRACTS:
        if c["type"] == "forbidden":
            if any(package == s if specific else _within(package, s) for s in c["source_modules"]):
                out.update(c["forbidden_modules"])
        elif c["type"] == "layers":
            for container in c["containers"]:
                layers = [f"{container}.{name}" for name in c["layers"]]
                for i, layer in enumerate(layers):
                    if package == layer if specific else _within(package, layer):
                        out.update(layers[:i])
    return out


def _names(text: str) -> list[str]:
    """The modules a list of words stands for ("analysis, legal, the index's neutral modules")."""
    text = re.sub(r"\([^)]*\)", " ", text)
    found = []
    for phrase in sorted(WORDS, key=len, reverse=True):
        if re.search(rf"(?<![\w']){re.escape(phrase)}(?![\w'])", text):
            found += WORDS[phrase]
            text = re.sub(rf"(?<![\w']){re.escape(phrase)}(?![\w'])", " ", text)
    left = re.sub(r"\band\b|[,.;\s]", "", text)
    assert not left, f"words the contracts test does not know: {text.strip()!r} (known: {sorted(WORDS)})"
    return found


def docstring_rules(doc: str) -> tuple[list[str], list[str] | None] | None:
    """(May import, Never) of a package docstring; Never is None when it has none."""
    found = re.search(r"May import:(.*?)(?:\n\s*\n|$)", doc, re.S)
    if not found:
        return None
    may, _, never = found.group(1).partition("Never:")
    return _names(may), _names(never) if never.strip() else None


def docstring_problems(package: str, doc: str) -> list[str]:
    """Where a package's "May import:" line disagrees with the contracts."""
    rules = docstring_rules(doc)
    if rules is None:
        return [f"{package}: no 'May import:' line"]
    may, never = rules
    forbidden = forbidden_for(package)
    problems = [f"{package} may import {m}, which a contract forbids" for m in may
                if any(_within(m, f) for f in forbidden)]
    if never is not None:
        problems += [f"{package} never imports {m}, but no contract forbids it" for m in never
                     if not any(_within(m, f) for f in forbidden)]
        problems += [f"{package}: a contract forbids {f}, which its docstring does not say" for f in
                     sorted(forbidden_for(package, specific=True) - EVERYWHERE) if not any(_within(f, n) for n in never)]
    return problems


def contract_packages() -> list[str]:
    """Every package the contracts name (as a source or a layer)."""
    named = set()
    for c in CONTRACTS:
        named.update(c.get("source_modules", []))
        named.update(f"{k}.{name}" for k in c.get("containers", []) for name in c.get("layers", []))
    return sorted(p for p in named if p.startswith("indexer.") and (ROOT / p.replace(".", "/") / "__init__.py").exists())


def package_doc(package: str) -> str:
    return ast.get_docstring(ast.parse((ROOT / package.replace(".", "/") / "__init__.py").read_text(encoding="utf-8")))


@pytest.mark.parametrize("package", sorted(set(contract_packages()) - AWAITING))
def test_package_docstring_agrees_with_the_contracts(package):
    assert docstring_problems(package, package_doc(package)) == []


def test_only_the_awaited_packages_lack_the_line():
    assert {p for p in contract_packages() if docstring_rules(package_doc(p)) is None} == AWAITING


@pytest.mark.parametrize("package, old, new, problem", [
    ("indexer.index.whoosh", "May import: whoosh,", "May import: whoosh, opensearchpy,",
     "indexer.index.whoosh may import opensearchpy, which a contract forbids"),
    ("indexer.index.opensearch", "Never: the Whoosh engine, search, the web.", "Never: search, the web.",
     "indexer.index.opensearch: a contract forbids indexer.index.whoosh, which its docstring does not say"),
    ("indexer.extract", "Never: index, search,", "Never: index, search, analysis,",
     "indexer.extract never imports indexer.analysis, but no contract forbids it"),
])
def test_a_docstring_that_drifts_is_found(package, old, new, problem):
    doc = package_doc(package)
    assert old in doc
    assert problem in docstring_problems(package, doc.replace(old, new))


# --- the registry of engines ---------------------------------------------------------------------

def test_the_registry_imports_no_engine_and_names_real_code():
    code = ("import sys, indexer.backends as b\n"
            "assert not [m for m in sys.modules if m.startswith(('indexer.index.whoosh', 'indexer.index.opensearch',"
            " 'indexer.search.whoosh', 'indexer.search.opensearch', 'whoosh', 'opensearchpy'))], sorted(sys.modules)\n"
            "for entry in b.BACKENDS.values():\n"
            "    for spec in filter(None, (entry.writer, entry.check)):\n"
            "        assert callable(b._resolve(spec)), spec\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
