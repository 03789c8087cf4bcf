"""The built site and the servers that serve it, for every layer of tests/e2e (no browser here).

* ``start_nginx``: the real server a deployer uses, Debian's nginx with deploy/nginx.conf (scripts/serve_nginx.py);
* ``serve``: one of our server scripts, returned once it listens;
* ``new_deployment`` / ``deploy``: a rebuild with one changed page, switched in as an atomic upload would be.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import brotli
import pytest

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "site"
DOCS = ROOT / "docs"
PAGES = sorted(
    "/" + str(p.parent.relative_to(SITE)).replace(".", "") + ("/" if p.parent != SITE else "")
    for p in SITE.glob("**/index.html")
    if "assets" not in p.parts and "search" not in p.parts
) if SITE.exists() else []
"""Every page of the built site, as a path ("/", "/tools/apr/" …)."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(script: str, port: int, site: Path, *extra: str) -> subprocess.Popen:
    """Run one of our server scripts (scripts/serve.py, scripts/serve_nginx.py) and return once it accepts
    connections: each prints one line, 网站已…运行, when its socket listens (nginx: when its workers start)."""
    proc = subprocess.Popen([sys.executable, str(ROOT / "scripts" / script), "--port", str(port), "--dir", str(site),
                             *extra], stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()  # blocks until the line, or '' if the server exits first
    if "运行" not in line:
        proc.kill()
        pytest.fail(f"the server did not start (exit code {proc.wait()}): {proc.args}")
    return proc


def start_nginx(site: Path, port: int, root_link: Path | None = None, prefix: str = "/") -> subprocess.Popen:
    """The site served by Debian's nginx with deploy/nginx.conf (scripts/serve_nginx.py), once it accepts.

    ``prefix``: serve it under that path, as a host would ("/sub/guide/"); ``root_link``: through a symlink the
    caller can point at another build while nginx runs (a new deployment, see ``deploy``)."""
    return serve("serve_nginx.py", port, site, "--prefix", prefix, *(["--root-link", str(root_link)] if root_link else []))


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    proc.wait(timeout=10)


def new_deployment(work: Path) -> Path:
    """A copy of site/ as a rebuild with one changed page would leave it: new text, new sw.js version.

    ``work`` must be on the same file system as site/ (the copy is made of hard links; only the changed files are
    rewritten). The new home page has ``<p id="new-deployment">这是新部署的版本</p>``; the new service worker's
    version is ``0000deadbeef``."""
    new = work / "site-b"
    shutil.copytree(SITE, new, copy_function=os.link)

    def rewrite(rel: str, text: str) -> None:
        for suffix in ("", ".gz", ".br"):
            (new / (rel + suffix)).unlink(missing_ok=True)
        data = text.encode("utf-8")
        (new / rel).write_bytes(data)
        (new / (rel + ".gz")).write_bytes(gzip.compress(data, mtime=0))
        (new / (rel + ".br")).write_bytes(brotli.compress(data))

    home = (SITE / "index.html").read_text(encoding="utf-8")
    assert "</h1>" in home
    rewrite("index.html", home.replace("</h1>", '</h1><p id="new-deployment">这是新部署的版本</p>', 1))
    sw = (SITE / "sw.js").read_text(encoding="utf-8")
    version = re.search(r'const VERSION = "([0-9a-f]+)";', sw)
    assert version, "sw.js has no VERSION (hooks/sw.js changed how it versions the cache?)"
    rewrite("sw.js", sw.replace(version.group(0), 'const VERSION = "0000deadbeef";'))
    return new


class Deployment:
    """nginx serving site/ through a symlink, on a port (an origin) of its own; ``deploy_new()`` switches the
    served directory to a new deployment as an atomic upload would. Use as a context manager."""

    def __init__(self, name: str):
        self.work = ROOT / "build" / f"e2e-{name}"  # beside site/: hard links need the same file system
        shutil.rmtree(self.work, ignore_errors=True)
        self.work.mkdir(parents=True)
        self.link = self.work / "served"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.server = start_nginx(SITE, self.port, root_link=self.link)

    def deploy_new(self) -> None:
        new = new_deployment(self.work)
        (self.work / "next").symlink_to(new)
        os.replace(self.work / "next", self.link)

    def stop_server(self) -> None:
        """The server goes away (the reader is offline)."""
        if self.server.poll() is None:
            stop(self.server)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop_server()
        shutil.rmtree(self.work, ignore_errors=True)
