"""Password hashes: Argon2id, memory-hard, with OWASP's parameters (19 MiB, 2 passes,
one lane): the server has two cores that also serve searches, and a login must
not take a second of both (RFC 9106's 64 MiB, 4 lanes did under load).

``verify`` takes as long for an unknown account as for a known one (it
checks a dummy hash), so a login's timing does not tell which names exist.
"""

from __future__ import annotations

import secrets
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_LENGTH = 10
MAX_LENGTH = 1024  # Argon2 takes any length; a megabyte "password" is a denial of service
_HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


def check_strength(password: str) -> None:
    """ValueError when a new password is too short, too long or all one character."""
    if len(password) < MIN_LENGTH:
        raise ValueError(f"a password needs at least {MIN_LENGTH} characters")
    if len(password) > MAX_LENGTH:
        raise ValueError(f"a password has at most {MAX_LENGTH} characters")
    if len(set(password)) < 4:
        raise ValueError("a password needs at least 4 different characters")


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


@lru_cache(maxsize=1)
def _dummy() -> str:
    return _HASHER.hash(secrets.token_urlsafe(16))


def verify(stored: str | None, password: str) -> bool:
    """Whether ``password`` matches ``stored`` (None: an unknown account, checked all the same)."""
    if len(password) > MAX_LENGTH:
        return False
    try:
        return _HASHER.verify(stored or _dummy(), password) and stored is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    """Whether a hash was made with weaker parameters than today's (rehashed at the next login)."""
    return _HASHER.check_needs_rehash(stored)


def generate_password() -> str:
    """A password to print once: 20 URL-safe characters (120 bits)."""
    return secrets.token_urlsafe(15)
