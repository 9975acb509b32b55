"""Pacer's launcher for a local Ralph LRS (PyPI ralph-malph 5.1.0) on the file-system backend.

Usage:
  .venv/bin/python lrs/pacer_lrs.py --port 8100 --data-dir .lrs/data \
      --origin http://127.0.0.1:8080 --user pacer:pacer [--max-page 500]

Prints `PACER_LRS_READY http://HOST:PORT/xAPI/` once it accepts connections; stops on SIGTERM/SIGINT.

It works around faults of Ralph 5.1.0's fs backend (see shared/docs/lrs.md):
- it writes in CREATE mode, so only the first POST ever succeeds: we make APPEND the default;
- the `verb=` and `activity=` GET filters compare a string with an IRI object and never match: we compare
  their string forms;
- `since=` and `until=` compare the statement's `timestamp`; xAPI 1.0.3 says `stored` (when the LRS took
  it in), and a statement captured offline last week and delivered today must still be found by a
  `since=yesterday` query: we compare `stored` (Ralph's Elasticsearch, MongoDB and ClickHouse backends do
  the same as its fs backend: see README, "Which LRS for production");
- every POST reads the whole statements file to find ids it already holds, and every read rewrites the
  whole history file, so a herd of devices (tests/herd.rs) made it quadratic: we keep the ids in memory
  (the file is read only for ids it holds, to compare them) and keep no history (a CLI feature the LRS
  does not use).
It is for development and tests only: loopback, a file backend, and fast (low-cost) password hashes.
"""

import argparse
import json
import os
import signal
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8100)
    parser.add_argument("--data-dir", default=None, help="where statements are kept (default: a temp dir)")
    parser.add_argument("--origin", action="append", default=[], help="a CORS origin to allow (repeatable)")
    parser.add_argument("--user", action="append", default=[], help="NAME:PASSWORD (repeatable)")
    parser.add_argument(
        "--max-page",
        type=int,
        default=None,
        help="the most statements a GET answers in one page (Ralph's RUNSERVER_MAX_SEARCH_HITS_COUNT; "
        "its default is 100, whatever `limit` asks)",
    )
    args = parser.parse_args(argv)
    if not args.user:
        args.user = ["pacer:pacer"]
    return args


def configure_environment(args):
    """Ralph reads its settings from the environment when first imported: set them before that."""
    data_dir = Path(args.data_dir or tempfile.mkdtemp(prefix="pacer-lrs-")).resolve()
    app_dir = data_dir / "app"
    statements_dir = data_dir / "statements"
    app_dir.mkdir(parents=True, exist_ok=True)
    statements_dir.mkdir(parents=True, exist_ok=True)
    os.environ.update(
        {
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_APP_DIR": str(app_dir),
            "RALPH_AUTH_FILE": str(app_dir / "auth.json"),
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(statements_dir),
            "RALPH_RUNSERVER_CORS_ALLOW_ORIGINS": json.dumps(args.origin),
            "RALPH_RUNSERVER_HOST": args.host,
            "RALPH_RUNSERVER_PORT": str(args.port),
        }
    )
    if args.max_page is not None:
        if args.max_page < 1:
            sys.exit(f"pacer_lrs: --max-page must be at least 1, got {args.max_page}")
        os.environ["RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT"] = str(args.max_page)
    return app_dir / "auth.json"


def write_auth_file(auth_file, users):
    """Writes Ralph's credentials file (the format `ralph auth -w` writes)."""
    import bcrypt

    entries = []
    for spec in users:
        name, sep, password = spec.partition(":")
        if not sep or not name:
            sys.exit(f"pacer_lrs: --user must be NAME:PASSWORD, got {spec!r}")
        entries.append(
            {
                "username": name,
                # Low cost: Ralph checks the hash on every request; this LRS is for loopback tests only.
                "hash": bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=4)).decode("ascii"),
                "scopes": ["all"],
                "agent": {"objectType": "Agent", "mbox": f"mailto:{name}@example.org"},
            }
        )
    auth_file.write_text(json.dumps(entries, indent=2), encoding="utf-8")


def patch_ralph():
    """The two workarounds for Ralph 5.1.0's fs backend."""
    from ralph.backends.data.base import BaseOperationType
    from ralph.backends.data.fs import FSDataBackend
    from ralph.backends.lrs.fs import FSLRSBackend

    FSDataBackend.default_operation_type = BaseOperationType.APPEND

    add_verb = FSLRSBackend._add_filter_by_verb
    add_activity = FSLRSBackend._add_filter_by_activity
    FSLRSBackend._add_filter_by_verb = staticmethod(
        lambda filters, verb_id: add_verb(filters, str(verb_id) if verb_id else verb_id)
    )
    FSLRSBackend._add_filter_by_activity = staticmethod(
        lambda filters, object_id, related: add_activity(
            filters, str(object_id) if object_id else object_id, related
        )
    )


def patch_since_on_stored():
    """`since`/`until` on `stored`, as xAPI 1.0.3 says (Ralph compares `timestamp`)."""
    from datetime import datetime

    from ralph.backends.lrs.fs import FSLRSBackend

    def on_stored(compare):
        def add(self, filters, moment):
            if not moment:
                return
            if isinstance(moment, str):
                moment = datetime.fromisoformat(moment)

            def match(statement):
                try:
                    return compare(datetime.fromisoformat(statement.get("stored")), moment)
                except (TypeError, ValueError):
                    return False

            filters.append(match)

        return add

    FSLRSBackend._add_filter_by_timestamp_since = on_stored(lambda stored, since: stored > since)
    FSLRSBackend._add_filter_by_timestamp_until = on_stored(lambda stored, until: stored <= until)


def patch_id_index():
    """Known ids in memory, so a POST reads the statements file only for ids it already holds."""
    from ralph.backends.data.fs import FSDataBackend
    from ralph.backends.lrs.fs import FSLRSBackend

    FSDataBackend._append_to_history = lambda self, action, path: None
    known = {}  # target -> set of ids
    lock = threading.Lock()
    scan = FSLRSBackend.query_statements_by_ids
    write = FSLRSBackend.write

    def ids_of(backend, target):
        key = target or ""
        with lock:
            if key not in known:
                query = backend.settings.DEFAULT_LRS_FILE
                known[key] = {s.get("id") for s in backend.read(query=query, target=target)}
            return known[key]

    def query_statements_by_ids(self, ids, target=None):
        if not ids_of(self, target).intersection(ids):
            return []
        return scan(self, ids, target)

    def indexed_write(self, data, target=None, *args, **kwargs):
        data = list(data)
        count = write(self, data, target, *args, **kwargs)
        ids = ids_of(self, target)
        with lock:
            ids.update(d.get("id") for d in data if isinstance(d, dict))
        return count

    FSLRSBackend.query_statements_by_ids = query_statements_by_ids
    FSLRSBackend.write = indexed_write


def announce_when_ready(host, port, server):
    """Prints the READY line once the port accepts connections."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not server.should_exit:
        try:
            with socket.create_connection((host, port), timeout=0.5):
                print(f"PACER_LRS_READY http://{host}:{port}/xAPI/", flush=True)
                return
        except OSError:
            time.sleep(0.1)


def main(argv):
    args = parse_args(argv)
    auth_file = configure_environment(args)
    write_auth_file(auth_file, args.user)
    patch_ralph()
    patch_since_on_stored()
    patch_id_index()

    import uvicorn
    from ralph.api import app

    config = uvicorn.Config(app, host=args.host, port=args.port, log_level="warning")
    server = uvicorn.Server(config)
    threading.Thread(target=announce_when_ready, args=(args.host, args.port, server), daemon=True).start()
    # uvicorn handles SIGINT/SIGTERM itself and exits cleanly.
    signal.signal(signal.SIGTERM, lambda *_: setattr(server, "should_exit", True))
    server.run()


if __name__ == "__main__":
    main(sys.argv[1:])
