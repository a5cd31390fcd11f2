"""A local OpenSearch cluster for development, tests and benchmarks.

    python scripts/opensearch/cluster.py up [--nodes 2] [--port 9200]   # download once, start, wait for green
    python scripts/opensearch/cluster.py down                           # stop every node, remove the data
    python scripts/opensearch/cluster.py stop-node 1 [--kill] | start-node 1   # the fault tests' handles
    python scripts/opensearch/cluster.py status                          # health and who is where
    python scripts/opensearch/cluster.py url                             # the data nodes, for OPENSEARCH_URL

The engine comes from Maven Central through Maven, once, into a cache outside
the repository (``$OPENSEARCH_CACHE``, else ``$XDG_CACHE_HOME/vdoc-opensearch``,
else ``~/.cache/vdoc-opensearch``): OpenSearch's integration-test zip, which
carries only the transport module, plus the ``analysis-common`` jar installed
as a module (its ``pattern_capture`` filter stacks our OCR repairs at one
position).  It bundles no JDK: the system's JDK 17 runs it.

OpenSearch refuses to run as root, so under root the nodes run as the
unprivileged user ``vdoc-search`` (created when missing).  Each node has its
own folder under the run directory (``$OPENSEARCH_RUN_DIR``, default
``/var/tmp/vdoc-opensearch-<port>``): config, data, logs and pid.

The layout survives the loss of any one node.  ``--nodes N`` data nodes (HTTP
on ``port .. port+N-1``) are all cluster-manager-eligible; when N is even a
small dedicated cluster-manager-eligible node (``port+N``: no data, a 128 MB
heap, ~300 MB resident) joins them, so the voters are odd: with two data
nodes, any two of the three nodes are a quorum and elect a manager.  Two
eligible nodes alone cannot keep a quorum when one goes, and a third data node
would cost a full heap (~710 MB resident) for shards this machine does not
need.  (OpenSearch 2.19 accepts the role name ``voting_only`` but has no
voting-only election strategy: such a node is elected like any other, so the
third node is simply a small manager, which is what a production layout's
dedicated managers are too.)
"""

from __future__ import annotations

import argparse
import json
import os
import pwd
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

VERSION = os.environ.get("OPENSEARCH_VERSION", "2.19.6")
DIST = "org.opensearch.distribution.integ-test-zip:opensearch:{v}:zip"
MODULES = {"analysis-common": ("org.opensearch.plugin:analysis-common:{v}",
                               "org.opensearch.analysis.common.CommonAnalysisPlugin")}
USER = "vdoc-search"
CLUSTER = "vdoc-local"
MANAGER_HEAP = "128m"  # the dedicated manager keeps the cluster state and votes: no data, no searches


def cache_dir() -> Path:
    if os.environ.get("OPENSEARCH_CACHE"):
        return Path(os.environ["OPENSEARCH_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "vdoc-opensearch"


def run_dir(port: int) -> Path:
    return Path(os.environ.get("OPENSEARCH_RUN_DIR") or f"/var/tmp/vdoc-opensearch-{port}")


def _mvn_copy(artifact: str, out: Path) -> None:
    cmd = ["mvn", "-q", "-B", "dependency:copy", f"-Dartifact={artifact}", f"-DoutputDirectory={out}"]
    if shutil.which("mvn") is None:
        sys.exit("Maven is needed to fetch OpenSearch from Maven Central: apt-get install -y maven")
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"could not fetch {artifact} from Maven Central:\n$ {' '.join(cmd)}\n{done.stdout}{done.stderr}")


def fetch(version: str = VERSION) -> dict[str, Path]:
    """The distribution zip and module jars in the cache, downloaded when missing."""
    cache = cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    files = {"dist": cache / f"opensearch-{version}.zip"}
    files.update({name: cache / f"{name}-{version}.jar" for name in MODULES})
    if not files["dist"].exists():
        _mvn_copy(DIST.format(v=version), cache)
    for name, (artifact, _) in MODULES.items():
        if not files[name].exists():
            _mvn_copy(artifact.format(v=version), cache)
    return files


def install(root: Path, version: str = VERSION) -> Path:
    """The unpacked distribution with our modules, under ``root`` (done once)."""
    home = root / f"opensearch-{version}"
    if (home / ".vdoc-installed").exists():
        return home
    files = fetch(version)
    shutil.rmtree(home, ignore_errors=True)
    with zipfile.ZipFile(files["dist"]) as z:
        z.extractall(root)
    for f in (home / "bin").iterdir():
        f.chmod(0o755)
    for name, (_, classname) in MODULES.items():
        module = home / "modules" / name
        module.mkdir(parents=True, exist_ok=True)
        shutil.copy(files[name], module / files[name].name)
        # The Maven jar has no plugin descriptor: the server's own build writes it.
        (module / "plugin-descriptor.properties").write_text(
            f"description=Lucene analysis filters ({name})\nversion={version}\nname={name}\n"
            f"classname={classname}\njava.version=11\nopensearch.version={version}\n"
            "custom.foldername=\nextended.plugins=\nhas.native.controller=false\n")
    (home / ".vdoc-installed").write_text(version)
    return home


def java_home() -> str:
    if os.environ.get("OPENSEARCH_JAVA_HOME"):
        return os.environ["OPENSEARCH_JAVA_HOME"]
    java = shutil.which("java")
    if java is None:
        sys.exit("OpenSearch needs a JDK 17: apt-get install -y openjdk-17-jdk-headless")
    return str(Path(java).resolve().parent.parent)


def service_user() -> tuple[int, int] | None:
    """(uid, gid) to run nodes as: None for a normal user, vdoc-search under root."""
    if os.geteuid() != 0:
        return None
    try:
        entry = pwd.getpwnam(USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", USER], check=True)
        entry = pwd.getpwnam(USER)
    return entry.pw_uid, entry.pw_gid


def _chown_tree(path: Path, owner: tuple[int, int] | None) -> None:
    if owner is None:
        return
    for p in [path, *path.rglob("*")]:
        os.chown(p, *owner, follow_symlinks=False)


def roles(data_nodes: int) -> list[list[str]]:
    """Each node's roles: the data nodes, then a dedicated manager when they are even."""
    layout = [["cluster_manager", "data", "ingest"] for _ in range(data_nodes)]
    if data_nodes % 2 == 0:
        layout.append(["cluster_manager"])
    return layout


def _node_config(home: Path, node: Path, i: int, layout: list[list[str]], port: int, heap: str) -> Path:
    conf = node / "config"
    shutil.rmtree(conf, ignore_errors=True)
    shutil.copytree(home / "config", conf)
    seeds = [f"127.0.0.1:{port + 100 + j}" for j in range(len(layout))]
    settings = {
        "cluster.name": CLUSTER, "node.name": f"node-{i}", "node.roles": layout[i],
        "path.data": str(node / "data"), "path.logs": str(node / "logs"),
        "network.host": "127.0.0.1", "http.port": port + i, "transport.port": port + 100 + i,
        "discovery.seed_hosts": seeds,
        "cluster.initial_cluster_manager_nodes": [f"node-{j}" for j in range(len(layout))],
        # A shared development disk fills up for reasons of its own; a local
        # cluster must not turn read-only (or refuse replicas) because of it.
        "cluster.routing.allocation.disk.threshold_enabled": False,
        "action.destructive_requires_name": False,
    }
    if "data" not in layout[i]:
        heap = MANAGER_HEAP
    # The stock jvm.options write GC logs relative to the distribution,
    # which the nodes' user cannot write: each node logs into its own folder.
    options = (conf / "jvm.options").read_text().replace("file=logs/", f"file={node}/logs/")
    (conf / "jvm.options").write_text(options.replace("HeapDumpPath=data", f"HeapDumpPath={node}/data"))
    (conf / "opensearch.yml").write_text("".join(f"{k}: {json.dumps(v)}\n" for k, v in settings.items()))
    (conf / "jvm.options.d").mkdir(exist_ok=True)
    (conf / "jvm.options.d" / "vdoc.options").write_text(
        f"-Xms{heap}\n-Xmx{heap}\n-XX:-HeapDumpOnOutOfMemoryError\n")
    return conf


def start_node(root: Path, i: int) -> int:
    """Start node i of the cluster laid out in ``root`` (its config written by ``up``)."""
    node = root / f"node-{i}"
    if (node / "pid").exists() and _alive(int((node / "pid").read_text())):
        return int((node / "pid").read_text())  # running already: a second one would only fail on its data lock
    home = Path((root / "home").read_text())
    (node / "data").mkdir(parents=True, exist_ok=True)
    (node / "logs").mkdir(parents=True, exist_ok=True)
    owner = service_user()
    _chown_tree(node, owner)
    env = dict(os.environ, OPENSEARCH_JAVA_HOME=java_home(), OPENSEARCH_PATH_CONF=str(node / "config"),
               JAVA_HOME=java_home())
    kwargs = {"user": owner[0], "group": owner[1], "extra_groups": []} if owner else {}
    # A shell starts the node in the background and exits at once: the node is
    # no child of ours, so no Popen is left to outlive it (Python warns "subprocess
    # is still running" when one is collected) and it survives the process that
    # started it, as a service does.
    # setsid makes the node its own process group (stop_node signals the group).
    script = 'setsid "$0" >> logs/stdout.log 2>&1 < /dev/null & echo $! > pid'
    subprocess.run(["/bin/sh", "-c", script, str(home / "bin" / "opensearch")], env=env, cwd=node,
                   start_new_session=True, check=True, **kwargs)
    return int((node / "pid").read_text())


def stop_node(root: Path, i: int, sig: int = signal.SIGTERM, timeout: float = 60.0) -> None:
    """Stop node i (SIGTERM: a clean shutdown; SIGKILL: a crash) and wait until it is gone."""
    pid_file = root / f"node-{i}" / "pid"
    if not pid_file.exists():
        return
    pid = int(pid_file.read_text())
    try:
        os.killpg(pid, sig)
    except ProcessLookupError:
        pid_file.unlink(missing_ok=True)
        return
    deadline = time.monotonic() + timeout
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    if _alive(pid):
        os.killpg(pid, signal.SIGKILL)
        while _alive(pid):
            time.sleep(0.2)
    pid_file.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done == pid:
            return False
    except ChildProcessError:
        pass  # not our child (started by another command): ask the kernel
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie (no init reaps it in some containers) is gone all the same
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def layout(port: int) -> list[list[str]]:
    """The roles of each node of the cluster ``up`` laid out on ``port`` ([] when none)."""
    found = run_dir(port) / "layout.json"
    return json.loads(found.read_text()) if found.exists() else []


def data_urls(port: int) -> list[str]:
    """The data nodes' HTTP addresses: what OPENSEARCH_URL lists (the small manager serves no searches)."""
    nodes = layout(port) or [["data"]]
    return [f"http://127.0.0.1:{port + i}" for i, r in enumerate(nodes) if "data" in r]


def _get(port: int, path: str, timeout: float, body: dict | None = None) -> dict | list | None:
    """The JSON a node answers (a POST when ``body`` is given), or None when it does not."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data,
                                 headers={"Content-Type": "application/json"} if data else {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return json.load(resp)
    except (OSError, ValueError):
        return None


def _any_node(port: int, path: str, timeout: float = 5.0, body: dict | None = None) -> dict | list | None:
    for i in range(max(1, len(layout(port)))):
        found = _get(port + i, path, timeout, body)
        if found is not None:
            return found
    return None


def recoveries(port: int) -> list[dict]:
    """The shard recoveries under way: index, shard, stage, nodes and how far each got."""
    return _any_node(port, "/_cat/recovery?active_only=true&format=json&h=index,shard,stage,source_node,"
                           "target_node,files_percent,bytes_percent,translog_ops_percent") or []


def unstick(port: int) -> list[str]:
    """Cancel every replica being initialised and retry allocations that ran out of attempts.

    A peer recovery can hang for good after a node is killed and restarted
    (OpenSearch issue 20177): it holds one of the node's two recovery slots, so
    the replicas behind it stay unassigned and the cluster never turns green.
    Cancelling a replica's recovery loses nothing (its primary is active) and
    lets the allocator start it again.  Returns the shards cancelled."""
    shards = _any_node(port, "/_cat/shards?format=json&h=index,shard,prirep,state,node") or []
    stuck = [s for s in shards if s.get("state") == "INITIALIZING" and s.get("prirep") == "r" and s.get("node")]
    commands = [{"cancel": {"index": s["index"], "shard": int(s["shard"]), "node": s["node"].split()[0]}}
                for s in stuck]
    _any_node(port, "/_cluster/reroute?retry_failed=true", body={"commands": commands})
    return [f"{s['index']}[{s['shard']}] on {s['node']}" for s in stuck]


def restart_sources(port: int, root: Path) -> list[str]:
    """Restart (cleanly) each node that is the source of a recovery under way.

    A replica's recovery can also loop for good on its primary's side: after the
    cluster lost its manager and elected one again, a promoted primary can stay
    "not in primary mode" (the recovery starts, fails with
    ShardNotInPrimaryModeException, and is retried every half second, forever);
    cancelling the replica changes nothing.  A restart opens the primary from
    its own disk, in primary mode.  Returns the nodes restarted."""
    names = [f"node-{i}" for i in range(len(layout(port)))]
    sources = sorted({r.get("source_node") for r in recoveries(port)} & set(names))
    for name in sources:
        i = names.index(name)
        stop_node(root, i)
        start_node(root, i)
    return sources


def _progress(found: dict, port: int) -> tuple:
    """What changes while shards recover: how many are active and unassigned, and
    how far each recovery got (not its stage: a recovery retried in a loop flips
    between init and translog without moving)."""
    moved = sorted((r.get("index"), r.get("shard"), r.get("target_node"), r.get("files_percent"),
                    r.get("bytes_percent"), r.get("translog_ops_percent")) for r in recoveries(port))
    return found["active_shards"], found["unassigned_shards"], tuple(moved)


def health(port: int, timeout: float = 2.0) -> dict | None:
    """Cluster health from the first node that answers (any node may be the one stopped)."""
    return _any_node(port, "/_cluster/health", timeout)


def wait_for(port: int, status: str = "green", nodes: int = 1, timeout: float = 600.0, root: Path | None = None,
             stall: float = 120.0) -> dict:
    """Poll until the cluster has ``nodes`` nodes and the wanted status; exit with the logs if not.

    The deadline is for a cluster alive but slow (nodes starting on a loaded machine
    took minutes); one whose node died is reported at once.  Shards that have not
    moved for ``stall`` seconds while the status is short are a hung recovery: their
    recoveries are cancelled and allocated again (``unstick``); if that does not
    move them either, the nodes they recover from are restarted (``restart_sources``,
    with ``root``)."""
    ranks = {"red": 0, "yellow": 1, "green": 2}
    deadline = time.monotonic() + timeout
    seen, since, tried, unstuck, restarted = None, time.monotonic(), 0, [], []
    while time.monotonic() < deadline:
        dead = [p.parent.name for p in (root.glob("node-*/pid") if root else []) if not _alive(int(p.read_text()))]
        if dead:
            timeout = 0  # a node that exited will not come back: say why now
            break
        found = health(port)
        if found and found["number_of_nodes"] >= nodes and ranks[found["status"]] >= ranks[status]:
            return found
        if found and found["number_of_nodes"] >= nodes:
            moving = _progress(found, port)
            if moving != seen:
                seen, since, tried = moving, time.monotonic(), 0
            elif time.monotonic() - since > stall:
                if tried == 0 or root is None:
                    cancelled = unstick(port)
                    unstuck += cancelled
                    print(f"the cluster on port {port} made no progress in {stall:g} s: recoveries cancelled "
                          f"and allocated again: {', '.join(cancelled) or 'none (allocations retried)'}",
                          file=sys.stderr)
                else:
                    again = restart_sources(port, root)
                    restarted += again
                    print(f"the cluster on port {port} made no progress in {stall:g} s after that either: "
                          f"restarted the nodes its recoveries come from: {', '.join(again) or 'none'}",
                          file=sys.stderr)
                since, tried = time.monotonic(), tried + 1
        time.sleep(0.5)
    tail = ""
    if root is not None:
        for log in sorted(root.glob("node-*/logs/stdout.log")):
            tail += f"\n--- {log}\n" + "".join(log.read_text(errors="replace").splitlines(True)[-30:])
    why = _any_node(port, "/_cluster/allocation/explain")
    sys.exit(f"the cluster on port {port} did not reach {status} with {nodes} nodes in {timeout:g} s "
             f"(last health: {health(port)}; recoveries under way: {recoveries(port)}; "
             f"cancelled as stuck: {unstuck}; restarted: {restarted}; "
             f"an unassigned shard: {json.dumps(why)[:2000] if why else None}){tail}")


def up(nodes: int, port: int, heap: str) -> Path:
    root = run_dir(port)
    if health(port):
        sys.exit(f"something already answers on 127.0.0.1:{port}: run `cluster.py down --port {port}` first")
    root.mkdir(parents=True, exist_ok=True)
    owner = service_user()
    home = install(cache_dir() / "dist")
    # Under root the distribution lives in root's cache; the nodes read it as
    # another user, so they get a copy they can reach.
    if owner is not None:
        shared = root / "dist" / home.name
        if not (shared / ".vdoc-installed").exists():
            shutil.rmtree(shared, ignore_errors=True)
            shutil.copytree(home, shared, symlinks=True)
        home = shared
    root.chmod(0o755)
    (root / "home").write_text(str(home))
    nodes_roles = roles(nodes)
    (root / "layout.json").write_text(json.dumps(nodes_roles))
    (root / "nodes").write_text(str(len(nodes_roles)))
    for i in range(len(nodes_roles)):
        _node_config(home, root / f"node-{i}", i, nodes_roles, port, heap)
        start_node(root, i)
    return root


def down(port: int) -> None:
    root = run_dir(port)
    for pid_file in sorted(root.glob("node-*/pid"), reverse=True):
        stop_node(root, int(pid_file.parent.name.split("-")[1]))
    for node in root.glob("node-*"):
        shutil.rmtree(node, ignore_errors=True)
    for name in ("layout.json", "nodes"):
        (root / name).unlink(missing_ok=True)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("command", choices=["up", "down", "stop-node", "start-node", "status", "url", "fetch"])
    ap.add_argument("node", nargs="?", type=int)
    ap.add_argument("--nodes", type=int, default=int(os.environ.get("NODES", 2)),
                    help="data nodes (a small dedicated manager is added when they are even)")
    ap.add_argument("--port", type=int, default=int(os.environ.get("OPENSEARCH_PORT", 9200)))
    ap.add_argument("--heap", default=os.environ.get("OPENSEARCH_HEAP", "512m"))
    ap.add_argument("--kill", action="store_true", help="stop-node with SIGKILL (a crash)")
    args = ap.parse_args(argv)
    root = run_dir(args.port)
    if args.command == "fetch":
        print("\n".join(str(p) for p in fetch().values()))
    elif args.command == "up":
        up(args.nodes, args.port, args.heap)
        found = wait_for(args.port, "green", len(layout(args.port)), root=root)
        print(f"OpenSearch {VERSION}: {found['number_of_nodes']} nodes ({args.nodes} data), {found['status']}, "
              f"OPENSEARCH_URL={','.join(data_urls(args.port))} (run dir {root})")
    elif args.command == "down":
        down(args.port)
        print(f"stopped; removed the nodes' data under {root}")
    elif args.command == "stop-node":
        stop_node(root, args.node, signal.SIGKILL if args.kill else signal.SIGTERM)
    elif args.command == "start-node":
        start_node(root, args.node)
        # Green with every node that runs: another may be stopped on purpose.
        wait_for(args.port, "green", len(list(root.glob("node-*/pid"))), root=root)
    elif args.command == "url":
        print(",".join(data_urls(args.port)))
    else:
        print(json.dumps(health(args.port), indent=1))
        for i in range(len(layout(args.port))):
            nodes = _get(args.port + i, "/_cat/nodes?format=json&h=name,node.roles,cluster_manager,heap.max", 2.0)
            if nodes is not None:
                print("\n".join(json.dumps(n) for n in nodes))
                break


if __name__ == "__main__":
    main()
