"""Folder policies: which groups may read the files of a folder, without touching them.

An office writes a ``.vdoc-access`` file into a folder of the archive:

    # Phòng Nội vụ và lãnh đạo UBND
    groups: phong-noi-vu, lanh-dao

It covers the folder and everything below it.  A subfolder's own file
narrows, never widens: a file is readable by the groups named by *every*
policy above it (their intersection), so a policy written deeper can never
open what a folder above closed.  Admins read everything.

A policy that cannot be read as such (not UTF-8, an unknown key, no
"groups" line, a bad group name, too large, a symlink, unreadable) makes the
folder readable by NO group (fail closed) and is reported on every file it
covers (``Document.notes``, the build summary's "flagged" lines): the build
goes on.  Hidden files are never indexed, so the policy is not a document.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from indexer.legal.groups import group_name

POLICY_FILE = ".vdoc-access"
MAX_BYTES = 64 * 1024
KEYS = ("groups",)


@dataclass(frozen=True)
class Policy:
    path: str  # of the policy file, relative to the archive folder
    groups: tuple[str, ...]  # () when it could not be read
    problem: str = ""  # why it could not be read


@dataclass(frozen=True)
class Access:
    """What the policies above one file decide."""

    groups: tuple[str, ...] | None  # None: outside every policy
    policies: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()


def parse_policy(text: str) -> tuple[str, ...]:
    """The groups a policy file names; ValueError says what is wrong with it."""
    found: dict[str, str] = {}
    for n, raw in enumerate(text.removeprefix("\ufeff").splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if not sep or key not in KEYS:
            raise ValueError(f"line {n}: expected 'groups: G1, G2', read {raw.strip()[:60]!r}")
        if key in found:
            raise ValueError(f"line {n}: a second {key!r} line")
        found[key] = value
    if "groups" not in found:
        raise ValueError("no 'groups:' line")
    groups = sorted({group_name(g) for g in found["groups"].split(",") if g.strip()})
    if not groups:
        raise ValueError("'groups:' names no group")
    return tuple(groups)


def _read_policy(path: Path, rel: str) -> Policy:
    try:
        if path.is_symlink():
            raise ValueError("a symlink (write the policy into the folder itself)")
        if path.stat().st_size > MAX_BYTES:
            raise ValueError(f"larger than {MAX_BYTES // 1024} KB")
        text = path.read_bytes().decode("utf-8-sig")
        return Policy(rel, parse_policy(text))
    except UnicodeDecodeError:
        problem = "not UTF-8"
    except (OSError, ValueError) as exc:
        problem = str(exc) if isinstance(exc, ValueError) else f"unreadable ({exc.strerror or exc})"
    return Policy(rel, (), problem)


@lru_cache(maxsize=4096)
def _cached(path: str, rel: str, stamp: tuple) -> Policy:
    """A policy file read once per version of it (``stamp``: inode, size, mtime)."""
    return _read_policy(Path(path), rel)


def policy_in(folder: Path, rel_folder: str) -> Policy | None:
    """The policy written in ``folder`` (``rel_folder`` its path in the archive), or None."""
    path = folder / POLICY_FILE
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return Policy(_join(rel_folder, POLICY_FILE), (), f"unreadable ({exc.strerror or exc})")
    return _cached(str(path), _join(rel_folder, POLICY_FILE), (st.st_ino, st.st_size, st.st_mtime_ns))


def _join(folder: str, name: str) -> str:
    return f"{folder}/{name}" if folder else name


def access_of(root: Path, relpath: str) -> Access:
    """What the policies from ``root`` down to the folder of ``relpath`` decide for that file."""
    parts = relpath.split("/")[:-1]
    groups: set[str] | None = None
    used, problems = [], []
    for depth in range(len(parts) + 1):
        rel_folder = "/".join(parts[:depth])
        policy = policy_in(root.joinpath(*parts[:depth]), rel_folder)
        if policy is None:
            continue
        used.append(policy.path)
        if policy.problem:
            problems.append(f"folder policy {policy.path} cannot be read ({policy.problem}): "
                            "no group may read this file until it is fixed")
        groups = set(policy.groups) if groups is None else groups & set(policy.groups)
    return Access(None if groups is None else tuple(sorted(groups)), tuple(used), tuple(problems))


def archive_root(path: Path, relpath: str) -> Path:
    """The archive folder a file was found in, from its path and its path relative to it."""
    return path.parents[relpath.count("/")]


def policies_below(root: Path) -> list[Policy]:
    """Every policy file of an archive (for the audit of policy changes), by path."""
    found = []
    for dirpath, dirnames, _ in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        rel = Path(dirpath).relative_to(root).as_posix()
        policy = policy_in(Path(dirpath), "" if rel == "." else rel)
        if policy is not None:
            found.append(policy)
    return found
