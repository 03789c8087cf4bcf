"""Serve the built site on 127.0.0.1 (静态站点本地服务) with the MIME types Pyodide needs.

``python scripts/serve.py [--port 8000] [--dir site]``. Browsers refuse ``.wasm`` from ``file://`` and module
scripts with a wrong type, so this sets ``application/wasm`` and ``text/javascript`` explicitly.
"""

from __future__ import annotations

import argparse
import email.utils
import functools
import http.server
import os


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

    def send_head(self):
        """Serve a precompressed ``.br`` / ``.gz`` sibling when the browser accepts it (as a real host would)."""
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?")[0].endswith("/"):
            path = os.path.join(path, "index.html")
        accepted = self.headers.get("Accept-Encoding", "")
        for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
            if encoding in accepted and os.path.isfile(path + suffix):
                try:
                    f = open(path + suffix, "rb")  # noqa: SIM115 - closed by the base class after copying
                except OSError:
                    break
                size = os.fstat(f.fileno()).st_size
                modified = os.stat(path).st_mtime
                since = self.headers.get("If-Modified-Since")
                if since:
                    try:
                        if email.utils.parsedate_to_datetime(since).timestamp() >= int(modified):
                            f.close()
                            self.send_response(304)
                            self.end_headers()
                            return None
                    except (TypeError, ValueError):
                        pass
                self.send_response(200)
                self.send_header("Last-Modified", self.date_time_string(modified))
                self.send_header("Content-Type", self.guess_type(path))
                self.send_header("Content-Encoding", encoding)
                self.send_header("Content-Length", str(size))
                self.send_header("Vary", "Accept-Encoding")
                self.end_headers()
                return f
        return super().send_head()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--dir", default="site")
    args = parser.parse_args()
    handler = functools.partial(Handler, directory=args.dir)
    with http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler) as server:
        # Printed once the socket listens: the tests and the bench wait for this line.
        print(f"网站已在 http://127.0.0.1:{args.port}/ 运行（按 Ctrl+C 停止）", flush=True)
        server.serve_forever()


if __name__ == "__main__":
    main()
