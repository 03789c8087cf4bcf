"""Serve the built site through Debian's nginx with deploy/nginx.conf (用部署配置在本地运行 nginx).

``python scripts/serve_nginx.py [--port 8080] [--dir site] [--prefix /]``. Renders deploy/nginx.conf into a
temporary directory with only the site root (①), the path prefix (②) and local paths changed: listen on
127.0.0.1:PORT, pid and logs in the temporary directory, no ``user`` switch (nginx runs as the current user).
Then runs nginx in the foreground until SIGINT/SIGTERM. ``--root-link`` serves through a symlink that tests can
point at another build (a new deployment) while nginx keeps running.
"""

from __future__ import annotations

import argparse
import getpass
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONF = ROOT / "deploy" / "nginx.conf"
HEADERS = ROOT / "deploy" / "headers.conf"
BROTLI = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
MISSING = "缺少 nginx：请安装 Debian 的 nginx 和 libnginx-mod-http-brotli-static 软件包（apt-get install nginx libnginx-mod-http-brotli-static）。"


def find_nginx() -> str | None:
    """The nginx binary (NGINX overrides; Debian puts it in /usr/sbin, often not on a user's PATH)."""
    if os.environ.get("NGINX"):
        found = shutil.which(os.environ["NGINX"])
    else:
        found = shutil.which("nginx") or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)
    return found if found and BROTLI.exists() else None


def _sub(pattern: str, replacement: str, text: str) -> str:
    """Replace the line(s) matching ``pattern`` (group 1, if any, is the indentation, kept)."""
    new, count = re.subn(pattern, lambda m: (m.group(1) if m.groups() else "") + replacement, text, flags=re.M)
    if count < 1:
        raise SystemExit(f"deploy/nginx.conf: expected a line matching {pattern!r}")
    return new


def render(site: Path, port: int, prefix: str, tmp: Path) -> Path:
    """Write tmp/nginx.conf (+ headers.conf): deploy/nginx.conf with root, prefix and local paths filled in."""
    text = CONF.read_text(encoding="utf-8")
    text = _sub(r"^(\s*)root \S+;", f"root {site};", text)
    text = _sub(r"^(\s*)set \$site_prefix \S+;", f"set $site_prefix {prefix};", text)
    text = _sub(r"^(\s*)listen 80;\n\s*listen \[::\]:80;", f"listen 127.0.0.1:{port};", text)
    text = _sub(r"^user \S+;", f"user {getpass.getuser()};" if os.geteuid() == 0 else "", text)
    text = _sub(r"^pid \S+;", f"pid {tmp}/nginx.pid;", text)
    text = _sub(r"^error_log \S+;", f"error_log {tmp}/error.log;", text)
    temp_paths = "".join(f"    {kind}_temp_path {tmp}/{kind};\n"
                         for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    text = _sub(r"^(\s*)access_log \S+;", f"access_log {tmp}/access.log;\n" + temp_paths.rstrip("\n"), text)
    (tmp / "nginx.conf").write_text(text, encoding="utf-8")
    shutil.copy(HEADERS, tmp / "headers.conf")
    return tmp / "nginx.conf"


def _discard(stream) -> None:
    """Read a pipe to its end a line at a time, keeping nothing: ``stream.read()`` would hold every line nginx
    logs (a line per missing file) in memory until it stops."""
    for _ in stream:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--dir", default="site")
    parser.add_argument("--prefix", default="/")
    parser.add_argument("--root-link", help="serve through this symlink (created, pointing at --dir)")
    args = parser.parse_args()
    nginx = find_nginx()
    if not nginx:
        sys.exit(MISSING)
    site = Path(args.dir).resolve()
    if not (site / "index.html").exists():
        sys.exit(f"{site} 里没有构建好的网站：请先运行 make build。")
    with tempfile.TemporaryDirectory(prefix="wdyq-nginx-") as tmp_name:
        tmp = Path(tmp_name)
        os.chmod(tmp, 0o755)
        served = site
        if args.root_link:
            link = Path(args.root_link)
            link.unlink(missing_ok=True)
            link.symlink_to(site)
            served = link.absolute()
        if args.prefix != "/":  # the site's files live in <root><prefix>, as on a real host
            (tmp / "www" / args.prefix.strip("/")).parent.mkdir(parents=True, exist_ok=True)
            (tmp / "www" / args.prefix.strip("/")).symlink_to(served)
            served = tmp / "www"
        conf = render(served, args.port, args.prefix, tmp)
        # nginx's notices also go to a pipe: "start worker processes" comes once its sockets listen, and only
        # then is the site announced (the tests wait for that line).
        proc = subprocess.Popen([nginx, "-p", str(tmp), "-c", str(conf), "-e", str(tmp / "error.log"),
                                 "-g", "daemon off; error_log stderr notice;"], stderr=subprocess.PIPE, text=True)
        signal.signal(signal.SIGTERM, lambda *_: proc.terminate())
        for line in proc.stderr:
            if "start worker process" in line:
                print(f"网站已由 nginx（deploy/nginx.conf）在 http://127.0.0.1:{args.port}{args.prefix} 运行（按 Ctrl+C 停止）",
                      flush=True)
                break
        # keep reading (its notices also go to error.log), or nginx would block once the pipe is full
        threading.Thread(target=_discard, args=(proc.stderr,), daemon=True).start()
        try:
            code = proc.wait()
        except KeyboardInterrupt:
            proc.terminate()
            code = proc.wait()
        if code not in (0, -signal.SIGTERM):
            sys.stderr.write((tmp / "error.log").read_text(encoding="utf-8", errors="replace")[-2000:])
        sys.exit(0 if code in (0, -signal.SIGTERM) else code)


if __name__ == "__main__":
    main()
