"""A throw-away PostgreSQL server on loopback, for the tests and for trying the app.

    python scripts/postgres/cluster.py up [--port 5440]     # initdb (once per run dir), start, wait until it answers
    python scripts/postgres/cluster.py url [--port 5440]    # the SQLAlchemy URL of its database
    python scripts/postgres/cluster.py down [--port 5440]   # stop it and remove its data
    python scripts/postgres/cluster.py status [--port 5440]

Debian's server (package ``postgresql``, any major version under
/usr/lib/postgresql) runs from its own folder (``$POSTGRES_RUN_DIR``, default
``/var/tmp/vdoc-postgres-<port>``): data, socket, log and the password of its
one role.  It listens on 127.0.0.1 only and asks that password (scram) of
every TCP client.  PostgreSQL refuses to run as root, so under root it runs
as the unprivileged user ``vdoc-search`` (created when missing), as the
OpenSearch nodes do.
"""

from __future__ import annotations

import argparse
import os
import pwd
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

USER = "vdoc-search"
ROLE = "vdoc"
DATABASE = "vdoc"


def run_dir(port: int) -> Path:
    return Path(os.environ.get("POSTGRES_RUN_DIR") or f"/var/tmp/vdoc-postgres-{port}")


def bin_dir() -> Path:
    """The newest Debian server binaries (or $POSTGRES_BIN)."""
    if os.environ.get("POSTGRES_BIN"):
        return Path(os.environ["POSTGRES_BIN"])
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parent.parent.name))
    if not found:
        sys.exit("PostgreSQL is not installed: apt-get install -y postgresql (scripts/install-system-deps.sh does it)")
    return found[-1].parent


def service_user() -> tuple[int, int] | None:
    """(uid, gid) to run the server as: None for a normal user, vdoc-search under root."""
    if os.geteuid() != 0:
        return None
    try:
        entry = pwd.getpwnam(USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", USER], check=True)
        entry = pwd.getpwnam(USER)
    return entry.pw_uid, entry.pw_gid


def _run(args: list, owner, **kwargs) -> subprocess.CompletedProcess:
    extra = {"user": owner[0], "group": owner[1], "extra_groups": []} if owner else {}
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, **extra, **kwargs)


def url(port: int) -> str:
    password = (run_dir(port) / "password").read_text().strip()
    return f"postgresql+psycopg://{ROLE}:{password}@127.0.0.1:{port}/{DATABASE}"


def _ready(port: int) -> bool:
    done = subprocess.run([str(bin_dir() / "pg_isready"), "-h", "127.0.0.1", "-p", str(port), "-q"])
    return done.returncode == 0


def up(port: int, timeout: float = 60.0) -> str:
    root = run_dir(port)
    if _ready(port):
        sys.exit(f"something already answers on 127.0.0.1:{port}: run `cluster.py down --port {port}` first")
    owner = service_user()
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    root.chmod(0o700)
    password = secrets.token_urlsafe(24)
    (root / "password").write_text(password + "\n")
    (root / "password").chmod(0o600)
    if owner:
        os.chown(root, *owner)
        os.chown(root / "password", *owner)
    data, log = root / "data", root / "server.log"
    done = _run([bin_dir() / "initdb", "-D", data, "-U", ROLE, "--pwfile", root / "password", "-E", "UTF8",
                 "--locale", "C.UTF-8", "--auth-host", "scram-sha-256", "--auth-local", "peer"], owner)
    if done.returncode:
        sys.exit(f"initdb failed:\n{done.stdout}{done.stderr}")
    options = f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={root} -c fsync=off"
    done = _run([bin_dir() / "pg_ctl", "-D", data, "-l", log, "-o", options, "-w", "-t", int(timeout), "start"], owner)
    if done.returncode:
        tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
        sys.exit(f"PostgreSQL did not start on 127.0.0.1:{port}:\n{done.stdout}{done.stderr}\n{tail}")
    deadline = time.monotonic() + timeout
    while not _ready(port):
        if time.monotonic() > deadline:
            sys.exit(f"PostgreSQL on 127.0.0.1:{port} did not answer in {timeout:g} s")
        time.sleep(0.2)
    env = dict(os.environ, PGPASSWORD=password)
    done = subprocess.run([str(bin_dir() / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", ROLE, DATABASE],
                          env=env, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"createdb failed:\n{done.stderr}")
    return url(port)


def down(port: int) -> None:
    root = run_dir(port)
    data = root / "data"
    if (data / "postmaster.pid").exists():
        _run([bin_dir() / "pg_ctl", "-D", data, "-m", "fast", "-w", "stop"], service_user())
    shutil.rmtree(root, ignore_errors=True)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("command", choices=["up", "down", "url", "status"])
    ap.add_argument("--port", type=int, default=int(os.environ.get("POSTGRES_PORT", 5440)))
    args = ap.parse_args(argv)
    if args.command == "up":
        found = up(args.port)
        print(f"PostgreSQL on 127.0.0.1:{args.port} (run dir {run_dir(args.port)}): {found.split('@')[1]}")
    elif args.command == "url":
        print(url(args.port))
    elif args.command == "down":
        down(args.port)
        print(f"stopped; removed {run_dir(args.port)}")
    else:
        print("up" if _ready(args.port) else "down")


if __name__ == "__main__":
    main()
