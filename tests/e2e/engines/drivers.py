"""The two other engines, driven the same way (Selenium): WebKit and Firefox.

* **WebKit**: Debian's WebKitGTK (``webkit2gtk-driver``): WebKitWebDriver drives MiniBrowser (``--automation``) on a
  virtual display (Xvfb) through classic WebDriver.
* **Firefox**: Debian's ``firefox-esr`` speaks WebDriver BiDi itself (``--remote-debugging-port``); Selenium's BiDi
  connection carries the commands. geckodriver is neither packaged nor downloadable here.

Only what both engines offer is used: open a URL, run an (async) script and get its JSON answer, wait until a
script answers something truthy, reload. A script is a function body that may ``await``, reads its arguments as
``args``, and returns a JSON value. Each ``Engine`` is one browser session with a fresh profile: a first visit.

A start that fails (a display that will not open, a driver that does not answer) is retried here; a test never is.
"""

from __future__ import annotations

import json
import os
import re
import select
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.remote.websocket_connection import WebSocketConnection
from selenium.webdriver.webkitgtk.options import Options as WebKitOptions
from selenium.webdriver.webkitgtk.service import Service as WebKitService

ENGINES = ("webkit", "firefox")
START_ATTEMPTS = 3
POLL = 0.05
"""How often ``wait`` asks the page again (seconds): it waits for what the page shows, never for a fixed time."""


def minibrowser() -> str | None:
    """MiniBrowser ships inside libwebkit2gtk-4.1-0, outside PATH (``dpkg -L libwebkit2gtk-4.1-0``)."""
    found = os.environ.get("MINIBROWSER") or next(
        (str(p) for p in Path("/usr/lib").glob("*/webkit2gtk-4.1/MiniBrowser")), None)
    return found if found and os.access(found, os.X_OK) else None


def missing(name: str) -> str | None:
    """What this machine lacks to run ``name`` (None: nothing)."""
    if name == "webkit":
        needs = {"WebKitWebDriver": shutil.which("WebKitWebDriver"), "MiniBrowser": minibrowser(),
                 "Xvfb": shutil.which("Xvfb")}
    else:
        needs = {"firefox-esr": shutil.which(os.environ.get("FIREFOX", "firefox-esr"))}
    lacking = [k for k, v in needs.items() if not v]
    return ", ".join(lacking) or None


class StartError(RuntimeError):
    """A browser (or its display) did not start."""


def retry_start(start, what: str):
    """Call ``start()`` up to START_ATTEMPTS times; a failed start is cleaned up by ``start`` itself."""
    errors = []
    for _ in range(START_ATTEMPTS):
        try:
            return start()
        except (StartError, OSError, subprocess.SubprocessError, RuntimeError) as e:
            errors.append(f"{type(e).__name__}: {e}")
    raise StartError(f"{what} did not start in {START_ATTEMPTS} attempts: {errors}")


def _read_line(proc: subprocess.Popen, stream, pattern: str, timeout: float) -> re.Match:
    """The first line ``proc`` writes to ``stream`` that matches ``pattern`` (the process announces itself)."""
    deadline = time.monotonic() + timeout
    buffer = b""
    fd = stream.fileno()
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise StartError(f"{proc.args[0]} exited with {proc.returncode}: {buffer.decode(errors='replace')[-500:]}")
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            chunk = os.read(fd, 65536)
            buffer += chunk
            for line in buffer.decode(errors="replace").splitlines():
                if m := re.search(pattern, line):
                    return m
    raise StartError(f"{proc.args[0]} did not print {pattern!r} within {timeout} s")


def _drain(stream) -> None:
    """Keep reading a process's output so that a full pipe never blocks it."""
    while stream.read1(65536):
        pass


class Display:
    """An Xvfb display of our own (``-displayfd``: the server picks a free number and tells it)."""

    def __init__(self):
        # The read end stays open while the display lives: Xvfb exits when it cannot write to it.
        self._read, write = os.pipe()
        self.proc = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x900x24", "-nolisten",
                                      "tcp"], pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write)
        ready, _, _ = select.select([self._read], [], [], 30)
        number = os.read(self._read, 32).decode().strip() if ready else ""
        if not number.isdigit():
            self.close()
            raise StartError("Xvfb did not report a display")
        self.name = f":{number}"

    def close(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)
        os.close(self._read)


class Engine:
    """One browser session (a fresh profile) of one engine."""

    name = ""

    def goto(self, url: str) -> None:
        raise NotImplementedError

    def reload(self) -> None:
        raise NotImplementedError

    def run(self, body: str, *args):
        """Run ``body`` (an async function body reading ``args``) in the page; return its JSON answer."""
        raise NotImplementedError

    def quit(self) -> None:
        raise NotImplementedError

    def wait(self, body: str, *args, timeout: float = 60, what: str = ""):
        """Run ``body`` until it answers something truthy; return that answer."""
        deadline = time.monotonic() + timeout
        last = None
        while True:
            try:
                last = self.run(body, *args)
            except ScriptError as e:  # the page is between two documents (a navigation): ask the next one
                last = str(e)
            else:
                if last:
                    return last
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.name}: timed out after {timeout} s waiting for {what or body[:120]!r}; "
                                     f"last answer: {last!r}")
            time.sleep(POLL)  # the interval between two looks at the page, not a wait for time to pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.quit()


class ScriptError(RuntimeError):
    """A script threw in the page, or the page went away while it ran."""


def _wrapped(body: str) -> str:
    return f"(async (args) => {{ {body} \n}})"


class WebKit(Engine):
    """MiniBrowser under WebKitWebDriver, on our own Xvfb display."""

    name = "webkit"

    def __init__(self):
        self.display = retry_start(Display, "Xvfb")
        try:
            self.driver = retry_start(self._start, "WebKitWebDriver")
        except BaseException:
            self.display.close()
            raise

    def _start(self):
        options = WebKitOptions()
        options.binary_location = minibrowser()
        options.add_argument("--automation")  # without it the session does not match, or hangs
        service = WebKitService(executable_path=shutil.which("WebKitWebDriver"),
                                env={**os.environ, "DISPLAY": self.display.name})
        driver = webdriver.WebKitGTK(options=options, service=service)
        driver.set_script_timeout(120)
        driver.set_page_load_timeout(120)
        return driver

    def goto(self, url):
        self.driver.get(url)

    def reload(self):
        self.driver.refresh()

    def run(self, body, *args):
        script = ("const done = arguments[arguments.length - 1];"
                  f"Promise.resolve().then(() => {_wrapped(body)}(JSON.parse(arguments[0])))"
                  ".then((v) => done(JSON.stringify({ ok: v === undefined ? null : v })),"
                  " (e) => done(JSON.stringify({ error: String(e && e.stack || e) }))); ")
        try:
            answer = json.loads(self.driver.execute_async_script(script, json.dumps(args)))
        except Exception as e:  # noqa: BLE001 - a navigation or a closed page: the caller may ask again
            raise ScriptError(str(e).splitlines()[0] if str(e) else type(e).__name__) from e
        if "error" in answer:
            raise ScriptError(answer["error"])
        return answer["ok"]

    def quit(self):
        try:
            self.driver.quit()
        finally:
            self.display.close()


FIREFOX_PREFS = {
    # Quiet and local: no update checks, telemetry, remote settings or first-run pages (the machine has no
    # internet; these would only fail). Firefox's Remote Agent sets most of its recommended prefs itself.
    "app.update.disabledForTesting": True,
    "browser.shell.checkDefaultBrowser": False,
    "browser.startup.homepage_override.mstone": "ignore",
    "datareporting.policy.dataSubmissionEnabled": False,
    "toolkit.telemetry.reportingpolicy.firstRun": False,
    "services.settings.server": "http://127.0.0.1:9/",
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "browser.safebrowsing.malware.enabled": False,
    "browser.safebrowsing.phishing.enabled": False,
}


class Firefox(Engine):
    """firefox-esr, headless, over its own WebDriver BiDi server."""

    name = "firefox"

    def __init__(self):
        self.profile = Path(tempfile.mkdtemp(prefix="wdyq-firefox-"))
        (self.profile / "user.js").write_text(
            "".join(f'user_pref("{k}", {json.dumps(v)});\n' for k, v in FIREFOX_PREFS.items()), encoding="utf-8")
        self.log: list[dict] = []
        try:
            retry_start(self._start, "firefox-esr")
        except BaseException:
            shutil.rmtree(self.profile, ignore_errors=True)
            raise

    def _start(self):
        self.proc = subprocess.Popen(
            [shutil.which(os.environ.get("FIREFOX", "firefox-esr")), "--headless", "--no-remote",
             "--remote-debugging-port=0", "--profile", str(self.profile)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, "MOZ_CRASHREPORTER_DISABLE": "1"})
        try:  # it announces its WebDriver BiDi address on stderr
            url = _read_line(self.proc, self.proc.stderr, r"WebDriver BiDi listening on (ws://\S+)", 60).group(1)
            threading.Thread(target=_drain, args=(self.proc.stderr,), daemon=True).start()
            self.conn = WebSocketConnection(url + "/session", 120, 0.005)
            self.command("session.new", {"capabilities": {"alwaysMatch": {}}})
            self.conn.callbacks.setdefault("log.entryAdded", []).append(self.log.append)
            self.command("session.subscribe", {"events": ["log.entryAdded"]})
            self.context = self.command("browsingContext.getTree", {})["contexts"][0]["context"]
        except BaseException:
            self.proc.kill()
            self.proc.wait()
            raise

    def command(self, method: str, params: dict) -> dict:
        reply = self.conn.send_cmd(method, params)
        if reply.get("type") == "error":
            raise ScriptError(f"{method}: {reply.get('error')}: {reply.get('message')}")
        return reply["result"]

    def goto(self, url):
        self.command("browsingContext.navigate", {"context": self.context, "url": url, "wait": "complete"})

    def reload(self):
        self.command("browsingContext.reload", {"context": self.context, "wait": "complete"})

    def run(self, body, *args):
        result = self.command("script.callFunction", {
            "functionDeclaration": f"async function (a) {{ return JSON.stringify({{ ok: await {_wrapped(body)}"
                                   "(JSON.parse(a)) ?? null }); }",
            "arguments": [{"type": "string", "value": json.dumps(args)}],
            "target": {"context": self.context}, "awaitPromise": True})
        if result["type"] == "exception":
            raise ScriptError(result["exceptionDetails"]["text"])
        return json.loads(result["result"]["value"])["ok"]

    def before_each_page(self, body: str) -> None:
        """Run ``body`` in every page before its own scripts (WebDriver BiDi's preload scripts; WebKit has none)."""
        self.command("script.addPreloadScript", {"functionDeclaration": f"() => {{ {body} }}"})

    def errors(self) -> list[str]:
        """Console errors the pages logged (Firefox reports its own, e.g. a failed prefetch, here too)."""
        return [e.get("text", "") for e in self.log if e.get("level") == "error"]

    def quit(self):
        try:
            self.command("browser.close", {})  # ends the session and the browser (closing the socket first waits 10 s)
        except Exception:  # noqa: BLE001 - the browser is going away either way
            pass
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.conn.close()
        shutil.rmtree(self.profile, ignore_errors=True)


def start(name: str) -> Engine:
    """A new session (a fresh profile: a first visit) of the engine ``name``."""
    return {"webkit": WebKit, "firefox": Firefox}[name]()
