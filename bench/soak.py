"""`make soak`: 64 connections for 5 minutes across every page type, against the site as `make run` serves it.

Reports socket errors and 4xx/5xx responses (all must be 0) and each worker's memory at the start and the
end (growth must stay within 10%). SOAK_SECONDS and SOAK_CONNECTIONS change the length and the load.
"""

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import STATE, ensure_debian_package, gunicorn, manage, rss_kib, site_env, worker_pids
from bench.speed import fetch, static_paths, submission

PAGES = [
    "/",
    "/articles/",
    "/articles/topic/getting-help/",
    "/articles/kratom-withdrawal/",
    "/articles/faq/",
    "/articles/starting-the-conversation/",
    "/family/",
    "/search/?q=withdrawal",
    "/search/?q=talk+to+family",
    "/self-check/",
    "/self-check/loved-one/",
    "/get-help/",
    "/about/",
    "/privacy/",
    "/feeds/articles/",
    "/sitemap.xml",
    "/healthz",
    "POST",
]
LUA = """
local paths = {%(paths)s}
local body = "%(body)s"
local cookie = "csrftoken=%(token)s"
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) server_errors = 0; client_errors = 0; i = 0 end
function request()
  i = i + 1
  local path = paths[(i %% #paths) + 1]
  if path == "POST" then
    return wrk.format("POST", "/self-check/", {["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = cookie}, body)
  end
  return wrk.format("GET", path, {["Accept-Encoding"] = "gzip, br"})
end
function response(status, headers, body)
  if status >= 500 then server_errors = server_errors + 1 elseif status >= 400 then client_errors = client_errors + 1 end
end
function done(summary, latency, requests)
  local s, c = 0, 0
  for _, thread in ipairs(threads) do s = s + thread:get("server_errors"); c = c + thread:get("client_errors") end
  io.write(string.format("SOAK server_errors=%%d client_errors=%%d\\n", s, c))
end
"""


def main():
    seconds = int(os.environ.get("SOAK_SECONDS") or 300)
    connections = int(os.environ.get("SOAK_CONNECTIONS") or 64)
    ensure_debian_package("wrk", "wrk")
    STATE.mkdir(parents=True, exist_ok=True)
    # Workers are never recycled during a soak, so that a leak would show.
    env = site_env(f"sqlite:///{STATE / 'shipped.sqlite3'}", GUNICORN_MAX_REQUESTS="0")
    manage(env, "collectstatic", "--no-input")
    manage(env, "migrate", "--no-input")
    manage(env, "import_articles")
    with gunicorn(env) as (base, process), tempfile.TemporaryDirectory() as folder:
        _, headers, home = fetch(base + "/")
        pages = [*PAGES, *static_paths(home.decode())]
        token, body = submission(base, yes_count=1)
        script = Path(folder) / "soak.lua"
        script.write_text(LUA % {"paths": ", ".join(f'"{p}"' for p in pages), "body": body, "token": token})
        print(f"Warming up {base} for 20 s with {connections} connections...", flush=True)
        subprocess.run(
            ["wrk", "-t2", f"-c{connections}", "-d20s", "-s", str(script), base], capture_output=True, check=True
        )
        workers = worker_pids(process.pid)
        start = {pid: rss_kib(pid) for pid in workers}
        print(f"Soaking for {seconds} s with {connections} connections across {len(pages)} page types...", flush=True)
        started = time.monotonic()
        out = subprocess.run(
            ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout=10s", "--latency", "-s", str(script), base],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        elapsed = time.monotonic() - started
        end = {pid: rss_kib(pid) for pid in worker_pids(process.pid)}

    requests = int(re.search(r"(\d+) requests in", out).group(1))
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    socket_total = sum(int(n) for n in socket_errors.groups()) if socket_errors else 0
    soak = re.search(r"SOAK server_errors=(\d+) client_errors=(\d+)", out)
    server_errors, client_errors = int(soak.group(1)), int(soak.group(2))
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", out, re.MULTILINE))
    print(
        f"\n{requests:,} requests in {elapsed:.0f} s ({requests / elapsed:,.0f} req/s), p50 {latency.get('50')}, p99 {latency.get('99')}"
    )
    print(f"Socket errors: {socket_total}; 5xx responses: {server_errors}; 4xx responses: {client_errors}")
    failures = []
    if socket_total or server_errors or client_errors:
        failures.append("errors during the soak")
    print("Worker memory (RSS):")
    for pid, before in start.items():
        after = end.get(pid)
        if after is None:
            failures.append(f"worker {pid} did not survive the soak")
            print(f"- worker {pid}: {before / 1024:.1f} MiB at the start, gone at the end")
            continue
        growth = (after - before) / before * 100
        print(
            f"- worker {pid}: {before / 1024:.1f} MiB at the start, {after / 1024:.1f} MiB at the end ({growth:+.1f}%)"
        )
        if growth > 10:
            failures.append(f"worker {pid} grew {growth:.1f}%")
    if failures:
        print("\nFailed: " + "; ".join(failures))
        sys.exit(1)
    print("\nNo errors, and no worker grew more than 10%.")


if __name__ == "__main__":
    main()
