"""`make search-eval`: the relevance set (search/relevance.yaml) measured on SQLite and on a throwaway
PostgreSQL, each loaded with the shipped articles as `make run` loads them.

Prints, per database, language and class of query, the share of queries whose expected answer is in the
first three the search page shows, and the mean reciprocal rank. MISSES=1 lists the queries that miss.
"""

import os
import subprocess
import tempfile

from bench.common import PYTHON, ROOT, postgres, site_env


def evaluate(label, database_url, misses):
    env = site_env(database_url)
    for command in (["migrate", "--no-input"], ["import_articles"]):
        subprocess.run([str(PYTHON), "manage.py", *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    command = [str(PYTHON), "manage.py", "search_eval", "--label", label, *(["--misses"] if misses else [])]
    subprocess.run(command, cwd=ROOT, env=env, check=True)
    print()


def main():
    misses = os.environ.get("MISSES", "0") not in ("", "0")
    with tempfile.TemporaryDirectory() as folder:
        evaluate("SQLite", f"sqlite:///{folder}/search-eval.sqlite3", misses)
    with postgres() as url:
        if url:
            evaluate("PostgreSQL", url, misses)
        else:
            print("PostgreSQL is not installed: skipping its figures")


if __name__ == "__main__":
    main()
