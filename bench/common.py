"""Helpers shared by the benchmark and the soak: a server started as `make run` starts it, wrk, PostgreSQL."""

import contextlib
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
STATE = ROOT / ".local" / "bench"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ensure_debian_package(command, package):
    if shutil.which(command):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print(f"Installing {package} with apt-get", flush=True)
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", package],
            check=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
            stdout=subprocess.DEVNULL,
        )
    else:
        sys.exit(f"Please install {package} first: sudo apt-get install {package}")


def site_env(database_url, **extra):
    """The environment `make run` uses: DEBUG off, plain HTTP, gunicorn's own config."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "false",
        "HTTPS": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "GUNICORN_ACCESS_LOG": "",
        "GUNICORN_LOG_LEVEL": "warning",
        "LOG_LEVEL": "ERROR",
        **extra,
    }


def manage(env, *args):
    subprocess.run([str(PYTHON), "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def wait_for(url, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (our own loopback server)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up")


@contextlib.contextmanager
def gunicorn(env, app=None):
    port = free_port()
    env = {**env, "PORT": str(port)}
    command = [str(GUNICORN), "-c", "gunicorn.conf.py", *([app] if app else [])]
    process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/healthz")
        yield base, process
    finally:
        process.send_signal(signal.SIGTERM)  # the master stops its workers itself
        process.wait(timeout=30)


def worker_pids(master_pid):
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(master_pid)], capture_output=True, text=True).stdout
    return [int(pid) for pid in out.split()]


def rss_kib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


class PostgresCluster:
    """A throwaway PostgreSQL server in a temporary folder, run as the postgres user when we are root."""

    def __init__(self):
        found = sorted(
            Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: [int(x) for x in re.findall(r"\d+", p.parent.name)]
        )
        if not found:
            raise FileNotFoundError("PostgreSQL is not installed (apt-get install postgresql)")
        self.bin = found[-1]
        self.folder = Path(tempfile.mkdtemp(prefix="relay-pg-"))
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/postgres"
        (self.folder / "sock").mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
            shutil.chown(self.folder / "sock", "postgres", "postgres")
        self._run(
            "initdb", "-D", str(self.folder / "data"), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8"
        )

    def _run(self, tool, *args, check=True):
        as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        return subprocess.run(
            [*as_postgres, str(self.bin / tool), *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=check,
        )

    def start(self):
        options = f"-p {self.port} -k {self.folder / 'sock'} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
        self._run(
            "pg_ctl",
            "-D",
            str(self.folder / "data"),
            "-l",
            str(self.folder / "log"),
            "-w",
            "-t",
            "30",
            "start",
            "-o",
            options,
        )

    def stop(self):
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop", check=False)

    def remove(self):
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


@contextlib.contextmanager
def postgres():
    """A throwaway PostgreSQL server for the block; yields its DATABASE_URL, or None where not installed."""
    try:
        cluster = PostgresCluster()
    except FileNotFoundError:
        yield None
        return
    try:
        cluster.start()
        yield cluster.url
    finally:
        cluster.remove()


def run_wrk(url, seconds, connections=32, threads=2, script=None, timeout="5s"):
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        f"--timeout={timeout}",
        "-H",
        "Accept-Encoding: gzip, deflate, br",
    ]
    if script:
        command += ["-s", str(script)]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    return parse_wrk(out)


def _ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def parse_wrk(out):
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = {p: _ms(v, u) for p, v, u in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s|m)\s*$", out, re.MULTILINE)}
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    total = re.search(r"(\d+) requests in", out)
    return {
        "rps": rps,
        "p50": latency.get("50"),
        "p99": latency.get("99"),
        "socket_errors": sum(int(n) for n in errors.groups()) if errors else 0,
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "requests": int(total.group(1)) if total else 0,
        "raw": out,
    }


EDGE_CONFIG = ROOT / "deploy" / "nginx.conf"
EDGE_VARIABLES = ("EDGE_LISTEN", "EDGE_UPSTREAM", "EDGE_CACHE_DIR", "EDGE_RUN_DIR")


def render_edge_config(values):
    """deploy/nginx.conf with its four ${EDGE_*} values filled in, as envsubst does in the README."""
    text = EDGE_CONFIG.read_text()
    for name in EDGE_VARIABLES:
        text = text.replace("${" + name + "}", str(values[name]))
    leftover = re.findall(r"\$\{EDGE_[A-Z_]+\}", text)
    assert not leftover, f"unfilled values in deploy/nginx.conf: {leftover}"
    return text


@contextlib.contextmanager
def edge(upstream_base):
    """A private nginx, configured by deploy/nginx.conf, in front of a running site; yields its base URL."""
    ensure_debian_package("nginx", "nginx-light")
    port = free_port()
    folder = Path(tempfile.mkdtemp(prefix="relay-edge-"))
    values = {
        "EDGE_LISTEN": f"127.0.0.1:{port}",
        "EDGE_UPSTREAM": upstream_base.removeprefix("http://"),
        "EDGE_CACHE_DIR": folder / "cache",
        "EDGE_RUN_DIR": folder,
    }
    config = folder / "nginx.conf"
    config.write_text(render_edge_config(values))
    # Run as root, nginx's workers drop to an unprivileged user, which must write the cache and temp files.
    folder.chmod(0o777)
    process = subprocess.Popen(
        ["nginx", "-c", str(config), "-p", str(folder), "-g", "daemon off;"], start_new_session=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/healthz")
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)
