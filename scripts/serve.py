"""Serve the built site on 127.0.0.1 (静态站点本地服务) with the MIME types Pyodide needs.

``python scripts/serve.py [--port 8000] [--dir site]``. Browsers refuse ``.wasm`` from ``file://`` and module
scripts with a wrong type, so this sets ``application/wasm`` and ``text/javascript`` explicitly.
"""

from __future__ import annotations

import argparse
import functools
import http.server


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
        ".zip": "application/zip",
        ".whl": "application/zip",
        ".svg": "image/svg+xml",
    }

    def log_message(self, format, *args):  # noqa: A002 - keep the console quiet in tests
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--dir", default="site")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args()
    handler = functools.partial(Handler, directory=args.dir)
    with http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler) as server:
        if not args.quiet:
            print(f"网站已在 http://127.0.0.1:{args.port}/ 运行（按 Ctrl+C 停止）", flush=True)
        server.serve_forever()


if __name__ == "__main__":
    main()
