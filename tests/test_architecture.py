"""The house's import rules (pyproject.toml, [tool.importlinter]) hold, and break when broken."""

from __future__ import annotations

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
    ("searchapp/views.py", "from indexer.search.whoosh import pages", "the web talks to the search service and the account store only"),
    ("searchapp/api.py", "import whoosh", "the web talks to the search service and the account store only"),
    ("indexer/search/parse.py", "from indexer.extract import citations", "search never imports extraction"),
    ("indexer/legal/units.py", "from indexer.extract import metadata", "indexer in layers"),
    ("indexer/analysis/text.py", "import flask", "nothing in indexer imports flask"),
    ("indexer/search/service.py", "import whoosh", "engine-neutral parts"),
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
