"""`make bench`: start the site as `make run` does, load it with wrk in alternating rounds, print the figures.

Every page is compared with the site's own CSS file served by the same server in the same round; the
table gives the median of each figure and the median of the per-round ratios. With --articles N the same
targets are measured again on a database of N synthetic articles (SQLite, and PostgreSQL where installed),
side by side with the shipped articles.
"""

import argparse
import hashlib
import os
import platform
import re
import statistics
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from assessment.questions import QUESTIONS
from bench.common import (
    PYTHON,
    ROOT,
    STATE,
    edge,
    ensure_debian_package,
    gunicorn,
    manage,
    postgres,
    run_wrk,
    site_env,
)

ARTICLE = "/articles/kratom-withdrawal/"
# Content pages are answered from the page cache right after WhiteNoise: nearly what a static file costs.
TARGETS = [
    ("article page", ARTICLE, 0.8),
    ("/articles/", "/articles/", 0.8),
    ("topic page", "/articles/topic/getting-help/", 0.8),
    ("/ (home)", "/", 0.8),
    ("/family/", "/family/", 0.8),
    ("Spanish article page", "/es/articulos/abstinencia-del-kratom/", 0.8),
    ("/es/ (Spanish home)", "/es/", 0.8),
    ("search ?q=withdrawal", "/search/?q=withdrawal", 0.3),
    # The forms and the submission are the pages a person in trouble uses: near the content pages' speed.
    ("self-check form", "/self-check/", 0.6),
    ("Spanish self-check form", "/es/autoevaluacion/", 0.6),
    ("check for a loved one", "/self-check/loved-one/", 0.6),
    ("Spanish check for a loved one", "/es/autoevaluacion/ser-querido/", 0.6),
    ("next-steps plan form", "/self-check/plan/", 0.6),
    ("conversation plan form", "/family/conversation-plan/", 0.6),
    ("self-check submission", "POST /self-check/", 0.4),
]
# Through the nginx edge (make bench EDGE=1): content pages beside the CSS file, both through nginx.
EDGE_TARGETS = [
    ("article page", ARTICLE),
    ("/articles/", "/articles/"),
    ("/ (home)", "/"),
]
# Uncached searches of every kind the search page handles: plain words, misspellings (corrected), synonyms and
# brand names (expanded), long questions (partial matches), danger, best bets, and Spanish.
SEARCH_QUERIES = {
    "words": ["withdrawal", "doctor", "family", "sleep", "treatment", "craving", "relapse", "detox", "support", "help"],
    "corrected": ["withdrwal symptoms", "kratim detx", "relaspe", "buprenorfine", "docter"],
    "synonyms": ["suboxone", "sublocade shot", "cold turkey", "thang", "xanax and kratom", "my son uses kratom"],
    "long": [
        "how long does kratom stay in urine",
        "i started kratom to get off pain pills and now i cant stop",
        "what should i eat and how should i sleep while recovering from kratom",
    ],
    "danger and best bets": ["friend not breathing", "addiction quiz", "rehab near me"],
    "Spanish": ["/es/abstinensia", "/es/síntomas de abstinencia", "/es/dejarlo de golpe", "/es/mi hijo consume kratom"],
}
ACCEPT = {"Accept-Encoding": "gzip, deflate, br"}


def fetch(url, headers=None, data=None):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (our own loopback server)
        return response.status, dict(response.headers), response.read()


def submission(base, yes_count=4):
    """A complete self-check (the first yes_count signs answered yes) with a valid CSRF cookie and token."""
    _, headers, _ = fetch(base + "/self-check/")
    token = re.search(r"csrftoken=([^;]+)", headers.get("Set-Cookie", "")).group(1)
    fields = {question.id: ("yes" if i < yes_count else "no") for i, question in enumerate(QUESTIONS)}
    return token, urllib.parse.urlencode({**fields, "safety": "no", "csrfmiddlewaretoken": token})


def submission_script(base, folder):
    """A wrk script that posts a complete self-check."""
    token, body = submission(base)
    script = Path(folder) / "submit.lua"
    script.write_text(
        'wrk.method = "POST"\n'
        f'wrk.body = "{body}"\n'
        'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
        f'wrk.headers["Cookie"] = "csrftoken={token}"\n'
    )
    return script


def static_paths(html):
    found = re.findall(r'<link[^>]*rel="(?:stylesheet|icon)"[^>]*href="([^"]+)"', html)
    found += re.findall(r'<script[^>]*src="([^"]+)"', html)
    found += re.findall(r'<img[^>]*src="([^"]+)"', html)
    return found


def page_weight(base):
    """Compressed bytes and requests for the article page: the HTML and everything it loads."""
    _, headers, body = fetch(base + ARTICLE, ACCEPT)
    import gzip

    html = gzip.decompress(body).decode() if headers.get("Content-Encoding") == "gzip" else body.decode()
    items = [("HTML", ARTICLE, len(body), headers.get("Content-Encoding", "none"))]
    for path in static_paths(html):
        if not path.startswith("/") or path.startswith("//"):
            items.append(("OTHER ORIGIN", path, 0, "-"))
            continue
        _, resource_headers, resource = fetch(base + path, ACCEPT)
        items.append(
            (
                Path(path).suffix.lstrip(".").upper(),
                path,
                len(resource),
                resource_headers.get("Content-Encoding", "none"),
            )
        )
    return items


def percentiles(timings):
    timings = sorted(timings)
    return {"p50": statistics.median(timings), "p95": timings[max(0, int(len(timings) * 0.95) - 1)]}


def search_latency(base, rounds=4):
    """Uncached searches, one at a time: each query string is new, so the page cache cannot answer. Every
    query of SEARCH_QUERIES, `rounds` times, in turn; the figures for all, and for each kind."""
    fetch(f"{base}/search/?q=warm", ACCEPT)  # the vocabulary is read once per process and content version
    fetch(f"{base}/es/buscar/?q=warm", ACCEPT)
    by_kind = {kind: [] for kind in SEARCH_QUERIES}
    for i in range(rounds):
        for kind, queries in SEARCH_QUERIES.items():
            for query in queries:
                path, words = ("/es/buscar/", query[4:]) if query.startswith("/es/") else ("/search/", query)
                url = f"{base}{path}?{urllib.parse.urlencode({'q': words, 'sample': f'{i}-{time.time_ns()}'})}"
                started = time.perf_counter()
                status, _, _ = fetch(url, ACCEPT)
                by_kind[kind].append((time.perf_counter() - started) * 1000)
                assert status == 200
    every = [timing for timings in by_kind.values() for timing in timings]
    return {**percentiles(every), "kinds": {kind: percentiles(timings) for kind, timings in by_kind.items()}}


def measure(label, database_url, synthetic, args):
    env = site_env(database_url)
    manage(env, "migrate", "--no-input")
    manage(env, "import_articles")
    if synthetic:
        import subprocess

        subprocess.run([str(PYTHON), "bench/generate.py", str(synthetic)], cwd=ROOT, env=env, check=True)
    print(f"\n== {label}: starting gunicorn as `make run` does", flush=True)
    with gunicorn(env) as (base, _), tempfile.TemporaryDirectory() as folder:
        _, _, home = fetch(base + "/")
        css = next(path for path in static_paths(home.decode()) if path.endswith(".css"))
        script = submission_script(base, folder)
        for _, path, _ in TARGETS:  # warm every page and cache
            if not path.startswith("POST"):
                fetch(base + path, ACCEPT)
        run_wrk(base + css, 2, args.connections)
        rounds = []
        for number in range(1, args.rounds + 1):
            figures = {"css": run_wrk(base + css, args.seconds, args.connections)}
            for name, path, _ in TARGETS:
                if path.startswith("POST"):
                    figures[name] = run_wrk(base + "/self-check/", args.seconds, args.connections, script=script)
                else:
                    figures[name] = run_wrk(base + path, args.seconds, args.connections)
            rounds.append(figures)
            summary = ", ".join(f"{n} {f['rps'] / figures['css']['rps']:.2f}" for n, f in figures.items() if n != "css")
            print(f"   round {number}: css {figures['css']['rps']:.0f} req/s; ratios {summary}", flush=True)
        weight = page_weight(base)
        latency = search_latency(base)
        edge_rounds = measure_edge(base, css, args) if args.edge else []
    return {"label": label, "rounds": rounds, "weight": weight, "search": latency, "edge_rounds": edge_rounds}


def measure_edge(base, css, args):
    """The same alternating rounds through nginx configured by deploy/nginx.conf."""
    with edge(base) as front:
        print(f"   through the nginx edge at {front}", flush=True)
        for path in [css, *(path for _, path in EDGE_TARGETS)]:
            fetch(front + path, ACCEPT)
            _, headers, _ = fetch(front + path, ACCEPT)
            print(f"   {path}: edge {headers.get('X-Cache-Status', '?')}", flush=True)
        rounds = []
        for number in range(1, args.rounds + 1):
            figures = {"css": run_wrk(front + css, args.seconds, args.connections)}
            for name, path in EDGE_TARGETS:
                figures[name] = run_wrk(front + path, args.seconds, args.connections)
            rounds.append(figures)
            summary = ", ".join(f"{n} {f['rps'] / figures['css']['rps']:.2f}" for n, f in figures.items() if n != "css")
            print(f"   edge round {number}: css {figures['css']['rps']:.0f} req/s; ratios {summary}", flush=True)
    return rounds


def summarize(result, rounds_key="rounds", names=None):
    rows = {}
    for name in ["css", *(names or [t[0] for t in TARGETS])]:
        per_round = [r[name] for r in result[rounds_key]]
        rows[name] = {
            "rps": statistics.median(f["rps"] for f in per_round),
            "p50": statistics.median(f["p50"] for f in per_round),
            "p99": statistics.median(f["p99"] for f in per_round),
            "ratio": statistics.median(
                f["rps"] / r["css"]["rps"] for f, r in zip(per_round, result[rounds_key], strict=True)
            ),
            "errors": sum(f["socket_errors"] + f["non_2xx"] for f in per_round),
        }
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=int(os.environ.get("ARTICLES") or 0))
    parser.add_argument("--rounds", type=int, default=int(os.environ.get("ROUNDS") or 3))
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("SECONDS_PER_RUN") or 5))
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument(
        "--edge", action="store_true", default=os.environ.get("EDGE", "0") not in ("", "0"), help="also through nginx"
    )
    args = parser.parse_args()
    ensure_debian_package("wrk", "wrk")
    STATE.mkdir(parents=True, exist_ok=True)
    manage(site_env("sqlite://:memory:"), "collectstatic", "--no-input")

    configs = [("SQLite, shipped articles", f"sqlite:///{STATE / 'shipped.sqlite3'}", 0)]
    if args.articles:
        # Kept between runs (generating takes a while), and made anew whenever the generator changes.
        generator = hashlib.sha256((ROOT / "bench" / "generate.py").read_bytes()).hexdigest()[:8]
        database = STATE / f"synthetic-{args.articles}-{generator}.sqlite3"
        configs.append((f"SQLite, {args.articles:,} articles", f"sqlite:///{database}", args.articles))
    results = [measure(label, url, count, args) for label, url, count in configs]
    if args.articles:
        with postgres() as pg_url:
            if pg_url:
                results.append(measure(f"PostgreSQL, {args.articles:,} articles", pg_url, args.articles, args))
            else:
                print("PostgreSQL is not installed: skipping its figures")
    report(results, args)


def report(results, args):
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), "?")
    print(
        f"\nMachine: {os.cpu_count()} cores, {cpu}; Python {platform.python_version()}; "
        f"wrk -t2 -c{args.connections}, {args.rounds} rounds of {args.seconds} s per target, alternating."
    )
    summaries = [summarize(r) for r in results]
    header = "| target | goal | " + " | ".join(f"{r['label']}: req/s, p50/p99 ms, ratio to CSS" for r in results) + " |"
    print("\n" + header)
    print("|" + "---|" * (2 + len(results)))
    failures = []
    for name, _, goal in [("css", "", None), *TARGETS]:
        cells = []
        for result, summary in zip(results, summaries, strict=True):
            row = summary[name]
            ok = goal is None or row["ratio"] >= goal
            if not ok:
                failures.append(f"{result['label']}: {name} ratio {row['ratio']:.2f} < {goal}")
            if row["errors"]:
                failures.append(f"{result['label']}: {name} had {row['errors']} errors")
            cells.append(
                f"{row['rps']:.0f}, {row['p50']:.1f}/{row['p99']:.1f}, **{row['ratio']:.2f}**{'' if ok else ' (below goal)'}"
            )
        label = "site CSS (static)" if name == "css" else name
        print(f"| {label} | {'-' if goal is None else f'>= {goal}'} | " + " | ".join(cells) + " |")

    print("\nUncached search, one request at a time (each query new), correction and synonyms included: p50 / p95 ms")
    for result in results:
        limit = 50 if result["label"].startswith("PostgreSQL") else 100
        verdict = "ok" if result["search"]["p95"] < limit else f"above the {limit} ms goal"
        print(
            f"- {result['label']}: {result['search']['p50']:.1f} / {result['search']['p95']:.1f} (goal p95 < {limit}: {verdict})"
        )
        kinds = ", ".join(f"{kind} {f['p50']:.1f}/{f['p95']:.1f}" for kind, f in result["search"]["kinds"].items())
        print(f"  by kind: {kinds}")
        if result["search"]["p95"] >= limit:
            failures.append(f"{result['label']}: search p95 {result['search']['p95']:.1f} ms")

    for result in results:
        if result["edge_rounds"]:
            report_edge(result, failures)

    weight = results[0]["weight"]
    total = sum(size for _, _, size, _ in weight)
    print(f"\nArticle page weight ({ARTICLE}): {total / 1024:.1f} KiB compressed in {len(weight)} requests")
    for kind, path, size, encoding in weight:
        print(f"- {kind:5} {size / 1024:6.1f} KiB ({encoding}) {path}")
    if total > 30 * 1024 or len(weight) > 4 or any(kind == "OTHER ORIGIN" for kind, *_ in weight):
        failures.append("article page weight over 30 KiB, over 4 requests, or loads from another origin")

    if failures:
        print("\nBelow target:\n- " + "\n- ".join(failures))
        sys.exit(1)
    print("\nEvery target met.")


def report_edge(result, failures):
    names = [name for name, _ in EDGE_TARGETS]
    rows = summarize(result, "edge_rounds", names)
    print(f"\nThrough the nginx edge ({result['label']}): req/s, p50/p99 ms, ratio to the CSS file through nginx")
    print("| target | goal | req/s, p50/p99 ms, ratio |\n|---|---|---|")
    for name in ["css", *names]:
        row = rows[name]
        goal = None if name == "css" else 0.8
        ok = goal is None or row["ratio"] >= goal
        if not ok:
            failures.append(f"edge: {name} ratio {row['ratio']:.2f} < {goal}")
        if row["errors"]:
            failures.append(f"edge: {name} had {row['errors']} errors")
        label = "site CSS (static)" if name == "css" else name
        print(
            f"| {label} | {'-' if goal is None else f'>= {goal}'} | {row['rps']:.0f}, {row['p50']:.1f}/{row['p99']:.1f},"
            f" **{row['ratio']:.2f}** |"
        )


if __name__ == "__main__":
    main()
