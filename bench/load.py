"""Fifty officers at once: danvan under gunicorn on PostgreSQL, driven through its pages.

Prepares a PostgreSQL database (the demo: the official units, Hà Tĩnh with 1,429 models and
exemplars, about 14,000 activities and its petitions; plus --more models and exemplars in
Nghệ An, the outsider's province, which the demo leaves empty), collects the static files,
starts gunicorn with production settings (DANVAN_DEBUG=0, DANVAN_HTTPS=0) and drives --users
simulated officers with Locust for --duration seconds. Each officer signs in as one of the
demo personas (central admin 10%, province officer 30%, commune officer 40%, outsider 20%),
then loops: dashboards, lists, diacritic-free searches, detail pages and, for the province
and commune officers, edits (the edit form fetched, one text field changed, posted back with
its CSRF token), waiting --think seconds (uniform, default 2 to 8: reading a page before
the next click) between pages.

Prints requests, throughput, p50/p95/p99 per page kind and overall, the errors with
examples (an edit the form turns down with its own message, such as a period whose report is
locked, is counted apart: the app doing its job), the baseline measured in the same run under
the same load: a static file (the style sheet, served by WhiteNoise in the same gunicorn
workers), which every officer fetches now and then; and gunicorn's CPU time per request,
which other work on the machine does not change. Target (issue: load): p95 under 250 ms, no
errors. The database must exist; it is not flushed (the demo and the fill are idempotent).

Needs the `server` and `bench` extras:
  .venv/bin/pip install -c constraints.txt -e '.[official,dev,server,bench]'
Usage: python bench/load.py [--users 50] [--duration 300] [--database-url URL] [--workers N]
       [--think 2 8] [--more 5000] [--no-prepare] [--json]
A smoke run: python bench/load.py --duration 30
"""

import argparse
import json
import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter, defaultdict
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/h_load"
PASSWORD = "danvan-demo-2026"  # danvan.demo.services.DEMO_PASSWORD
OUTSIDER_PROVINCE = "40"  # Nghệ An (danvan.demo.services.OTHER_PROVINCE_CODE)
EDIT_MARK = " (đã rà soát)"
KINDS = ["login", "dashboard", "list", "search", "detail", "edit"]

DASHBOARDS = {
    "home": "/",
    "figures": "/figures/",
    "registry statistics": "/registry/statistics/",
    "awards statistics": "/awards/statistics/",
    "activities": "/activities/",
    "voice": "/voice/",
}
# Lists; a record's page is the list's address and its id (mood reports have none).
LISTS = {
    "registry": "/registry/",
    "conferences": "/activities/conferences/",
    "documents": "/activities/documents/",
    "dialogues": "/activities/dialogues/",
    "tasks": "/activities/tasks/",
    "awards": "/awards/",
    "people": "/awards/people/",
    "petitions": "/voice/petitions/",
    "mood reports": "/voice/mood/",
    "news": "/news/",
}
WITH_RECORDS = [name for name in LISTS if name != "mood reports"]
# Lists whose detail pages have an edit form (at <detail>edit/).
EDITABLE = ["registry", "conferences", "documents", "dialogues", "tasks", "people"]
# What officers type: without diacritics, as on a phone or a keyboard without Telex.
SEARCHES = {
    "registry": ["dan van kheo", "camera an ninh", "hu gao", "nong thon moi", "khuyen hoc"],
    "conferences": ["hoi nghi", "quan triet nghi quyet", "boi duong"],
    "tasks": ["kiem tra", "bao cao"],
    "people": ["nguyen", "tran thi"],
    "units": ["ha tinh", "thach ha", "nghe an", "vinh"],
}
SEARCH_PATHS = {"units": "/units/", **{name: LISTS[name] for name in SEARCHES if name in LISTS}}
FORM_ERROR = re.compile(r'class="(?:alert alert-danger|text-danger small)">([^<]+)')
STATIC_LINK = re.compile(r'href="(/static/web/danvan\.[0-9a-f]+\.css)"')


def _environment(args: argparse.Namespace, folder: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "danvan.settings",
        "DANVAN_DATABASE_URL": args.database_url,
        "DANVAN_DEMO": "1",
        "DANVAN_DEBUG": "0",
        "DANVAN_HTTPS": "0",
        "DANVAN_SECRET_KEY": "bench-" + secrets.token_hex(32),
        "DANVAN_ALLOWED_HOSTS": "127.0.0.1",
        "DANVAN_VAR_DIR": folder,
        "DANVAN_LOG_LEVEL": "WARNING",
    }


def prepare(args: argparse.Namespace, env: dict[str, str]) -> None:
    """The demo and more models in Nghệ An: each step can be run again."""
    print("Building the demo (the first time: several minutes)…", flush=True)
    subprocess.run(
        [str(BIN / "danvan"), "demo", "--no-serve"], env=env, check=True, stdout=subprocess.DEVNULL
    )
    subprocess.run([sys.executable, __file__, "--fill", str(args.more)], env=env, check=True)


def fill(count: int) -> None:
    """Bring Nghệ An up to `count` models and exemplars, through the Excel import's services."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from danvan.accounts.models import User
    from danvan.registry import excel
    from danvan.registry.demo import MODEL_NAMES
    from danvan.registry.models import Entry
    from danvan.registry.services import entries_import
    from danvan.units.selectors import unit_by_code

    province = unit_by_code(code=OUTSIDER_PROVINCE)
    assert province is not None
    missing = count - Entry.objects.filter(unit__path__startswith=province.path).count()
    if missing <= 0:
        return
    communes = list(province.children.current().filter(level__code="commune").order_by("code"))
    fields = ["Kinh tế", "Văn hóa - xã hội", "Quốc phòng - an ninh", "Xây dựng hệ thống chính trị"]
    rng = random.Random(40)
    rows = []
    for number in range(missing):
        commune = rng.choice(communes)
        rows.append(
            (
                number + 2,
                {
                    "name": f"Mô hình “{rng.choice(MODEL_NAMES)}” {commune.name}",
                    "kind": "Mô hình",
                    "unit": commune.code,
                    "commune": commune.code,
                    "field": rng.choice(fields),
                    "period": "2021-2025",
                    "description": "Vận động nhân dân cùng tham gia, bàn bạc và làm.",
                    "results": "Được nhân dân đồng tình hưởng ứng.",
                    "result_figure": str(rng.randrange(10, 900)),
                    "result_measure": "hộ",
                    "start_date": f"{rng.randrange(1, 29):02d}/{rng.randrange(1, 13):02d}/2023",
                },
            )
        )
    admin = User.objects.get(username="trunguong")
    result = excel.parse_rows(user=admin, rows=rows)
    assert not result.errors, result.errors[:5]
    created, _updated = entries_import(actor=admin, rows=result.rows)
    print(f"Nghệ An: {created} models added.", flush=True)


class Forms(HTMLParser):
    """The POST forms of a page, with the values a browser would submit."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, Any]] = []
        self._select: dict[str, Any] | None = None
        self._textarea: list[str] | None = None
        self.textareas: set[str] = set()
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {key: value or "" for key, value in attrs}
        if tag == "form":
            self.forms.append({"method": found.get("method", "get").lower(), "fields": []})
            return
        if not self.forms or "disabled" in found or not found.get("name"):
            if tag == "option" and self._select is not None:
                self._option(found)
            return
        fields = self.forms[-1]["fields"]
        if tag == "input":
            kind = found.get("type", "text")
            if kind in {"checkbox", "radio"} and "checked" in found:
                fields.append((found["name"], found.get("value", "on")))
            elif kind not in {"checkbox", "radio", "submit", "button", "file", "image", "reset"}:
                fields.append((found["name"], found.get("value", "")))
        elif tag == "select":
            self._select = {"name": found["name"], "multiple": "multiple" in found, "chosen": []}
            self._select["first"] = None
        elif tag == "textarea":
            self._textarea = [found["name"]]
            self.textareas.add(found["name"])

    def _option(self, found: dict[str, str]) -> None:
        assert self._select is not None
        if self._select["first"] is None:
            self._select["first"] = found.get("value", "")
        if "selected" in found:
            self._select["chosen"].append(found.get("value", ""))

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self._select is not None:
            chosen = self._select["chosen"]
            if not chosen and not self._select["multiple"] and self._select["first"] is not None:
                chosen = [self._select["first"]]
            self.forms[-1]["fields"].extend((self._select["name"], value) for value in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea[0], "".join(self._textarea[1:])
            # A browser drops the newline that follows <textarea>.
            self.forms[-1]["fields"].append((name, text.removeprefix("\n")))
            self._textarea = None

    def largest_post(self) -> list[tuple[str, str]]:
        posts = [form["fields"] for form in self.forms if form["method"] == "post"]
        return max(posts, key=len, default=[])

    def edited(self) -> list[tuple[str, str]] | None:
        """The largest POST form with its last text area changed (a mark added or taken off)."""
        fields = self.largest_post()
        areas = [index for index, (name, _value) in enumerate(fields) if name in self.textareas]
        if not areas:
            return None
        index = areas[-1]
        name, value = fields[index]
        value = value.removesuffix(EDIT_MARK) if value.endswith(EDIT_MARK) else value + EDIT_MARK
        return [*fields[:index], (name, value), *fields[index + 1 :]]


def drive(args: argparse.Namespace, host: str) -> dict[str, Any]:
    """Run the officers for args.duration seconds; every request's time and outcome."""
    import gevent
    from locust import FastHttpUser, between, events, task
    from locust.env import Environment

    times: dict[str, list[float]] = defaultdict(list)
    errors: Counter[str] = Counter()
    refusals: Counter[str] = Counter()  # edits the form turned down with its own message

    def record(name: str, response_time: float, exception: Any, **_kwargs: Any) -> None:
        times[name].append(response_time)
        if exception is not None:
            errors[f"{name}: {exception}"] += 1

    class Officer(FastHttpUser):
        abstract = True
        username = ""
        editor = False
        wait_time = between(*args.think)

        def on_start(self) -> None:
            page = self.client.get("/accounts/login/", name="login: form")
            found = STATIC_LINK.search(page.text or "")
            self.style = found.group(1) if found else ""
            token = dict(Forms(page.text).largest_post())["csrfmiddlewaretoken"]
            with self.client.post(
                "/accounts/login/",
                data={
                    "csrfmiddlewaretoken": token,
                    "username": self.username,
                    "password": PASSWORD,
                },
                name="login: sign in",
                allow_redirects=False,
                catch_response=True,
            ) as response:
                if response.status_code != 302:
                    response.failure(f"sign-in refused ({response.status_code})")

        def page(self, path: str, name: str) -> str:
            with self.client.get(path, name=name, catch_response=True) as response:
                if response.status_code != 200:
                    response.failure(f"HTTP {response.status_code}")
                    return ""
                text = response.text or ""
                if 'name="password"' in text and "/accounts/login/" not in path:
                    response.failure("signed out")
            return text

        @task(3)
        def dashboard(self) -> None:
            label = random.choice(list(DASHBOARDS))
            self.page(DASHBOARDS[label], f"dashboard: {label}")

        @task(4)
        def listing(self) -> None:
            label = random.choice(list(LISTS))
            suffix = "?page=2" if random.random() < 0.2 else ""
            self.page(LISTS[label] + suffix, f"list: {label}")

        @task(2)
        def search(self) -> None:
            label = random.choice(list(SEARCHES))
            words = random.choice(SEARCHES[label]).replace(" ", "+")
            self.page(f"{SEARCH_PATHS[label]}?q={words}", f"search: {label}")

        @task(3)
        def detail(self) -> None:
            label = random.choice(WITH_RECORDS)
            self.open_one(label)

        def open_one(self, label: str) -> tuple[str, str]:
            """A list, then one of its records: the record's address and page."""
            path = LISTS[label]
            links = re.findall(
                rf'href="({re.escape(path)}\d+/)"', self.page(path, f"list: {label}")
            )
            if not links:
                return "", ""
            link = random.choice(links)
            return link, self.page(link, f"detail: {label}")

        @task(1)
        def edit(self) -> None:
            if not self.editor:
                return self.detail()
            label = random.choice(EDITABLE)
            link, text = self.open_one(label)
            if f'href="{link}edit/"' not in text:
                return None  # not one of the officer's own records: read only
            changed = Forms(self.page(f"{link}edit/", f"edit: {label} form")).edited()
            if changed is None:
                return None
            with self.client.post(
                f"{link}edit/",
                data=urlencode(changed),
                headers={"Content-Type": "application/x-www-form-urlencoded"},
                name=f"edit: {label} save",
                allow_redirects=False,
                catch_response=True,
            ) as response:
                problem = FORM_ERROR.search(response.text or "")
                if response.status_code in (400, 409) and problem:
                    # The form said why (a locked period, say; 400, or 409 for a record changed
                    # meanwhile): the app working as it should.
                    refusals[f"edit: {label}: {problem.group(1).strip()}"] += 1
                    response.success()
                elif response.status_code != 302:
                    response.failure(f"not saved (HTTP {response.status_code})")
            return None

        @task(1)
        def baseline(self) -> None:
            if self.style:
                self.page(self.style, "baseline: style sheet")

    class CentralAdmin(Officer):
        username, weight = "trunguong", 1

    class ProvinceOfficer(Officer):
        username, weight, editor = "tinh", 3, True

    class CommuneOfficer(Officer):
        username, weight, editor = "xa", 4, True

    class Outsider(Officer):
        username, weight = "ngoai", 2

    environment = Environment(
        user_classes=[CentralAdmin, ProvinceOfficer, CommuneOfficer, Outsider],
        host=host,
        events=events,
    )
    environment.events.request.add_listener(record)
    runner = environment.create_local_runner()
    loads: list[float] = []

    def sample_load() -> None:
        while True:
            loads.append(os.getloadavg()[0])
            gevent.sleep(10)

    sampler = gevent.spawn(sample_load)
    started = time.monotonic()
    runner.start(args.users, spawn_rate=args.spawn_rate)
    gevent.spawn_later(args.duration, runner.quit)
    runner.greenlet.join()
    elapsed = time.monotonic() - started
    sampler.kill()
    return {
        "times": times,
        "errors": errors,
        "refusals": refusals,
        "elapsed": elapsed,
        "loads": loads,
    }


def percentiles(values: list[float]) -> dict[str, float]:
    if len(values) < 2:
        values = values * 2 or [0.0, 0.0]
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return {"p50": cuts[49], "p95": cuts[94], "p99": cuts[98]}


def summary(result: dict[str, Any], args: argparse.Namespace, workers: int) -> dict[str, Any]:
    times, errors, elapsed = result["times"], result["errors"], result["elapsed"]
    by_kind: dict[str, list[float]] = defaultdict(list)
    failed: Counter[str] = Counter()
    for message, count in errors.items():
        failed[message.split(":")[0]] += count
    for name, values in times.items():
        by_kind[name.split(":")[0]].extend(values)
    app = [value for kind in KINDS for value in by_kind[kind]]

    def row(values: list[float], failures: int) -> dict[str, Any]:
        return {
            "requests": len(values),
            "per_s": round(len(values) / elapsed, 1),
            **{key: round(value, 1) for key, value in percentiles(values).items()},
            "errors": failures,
        }

    overall = row(app, sum(failed[kind] for kind in KINDS))
    served = len(app) + len(by_kind["baseline"])
    cpu_ms = 1000 * result["server_cpu_s"] / max(served, 1)
    baseline = row(by_kind["baseline"], failed["baseline"])
    return {
        "users": args.users,
        "duration_s": round(elapsed),
        "think_s": list(args.think),
        "gunicorn": f"{workers} sync workers",
        "cores": os.cpu_count(),
        "load_average": {
            "mean": round(statistics.fmean(result["loads"] or [0.0]), 2),
            "max": round(max(result["loads"] or [0.0]), 2),
        },
        "overall": overall,
        # what the requests cost the server, whatever else runs on the machine
        "server_cpu_ms_per_request": round(cpu_ms, 1),
        "capacity_per_s": round((os.cpu_count() or 1) * 1000 / max(cpu_ms, 0.1), 1),
        "kinds": {kind: row(by_kind[kind], failed[kind]) for kind in KINDS if by_kind[kind]},
        "pages": {name: row(values, 0) for name, values in sorted(times.items())},
        "baseline": baseline,
        "ratio_p95": round(overall["p95"] / max(baseline["p95"], 0.1), 1),
        "errors": sum(errors.values()),
        "error_examples": [f"{count} x {message}" for message, count in errors.most_common(10)],
        "refused_edits": sum(result["refusals"].values()),
        "refusal_examples": [
            f"{count} x {message}" for message, count in result["refusals"].most_common(5)
        ],
        "target_met": overall["p95"] < 250 and not errors,
    }


def report(figures: dict[str, Any]) -> None:
    print(
        f"\n{figures['users']} officers for {figures['duration_s']} s, think time "
        f"{figures['think_s'][0]:g}-{figures['think_s'][1]:g} s; gunicorn {figures['gunicorn']}; "
        f"{figures['cores']} cores, load average {figures['load_average']['mean']} "
        f"(max {figures['load_average']['max']})"
    )
    header = (
        f"{'':34} {'requests':>8} {'req/s':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} errors"
    )
    print(header)

    def line(label: str, row: dict[str, Any]) -> None:
        print(
            f"{label:34} {row['requests']:>8} {row['per_s']:>6} {row['p50']:>7} {row['p95']:>7} "
            f"{row['p99']:>7} {row['errors']:>6}"
        )

    for name, row in figures["pages"].items():
        line(name, row)
    print("-" * len(header))
    for kind, row in figures["kinds"].items():
        line(kind, row)
    line("overall (pages)", figures["overall"])
    line("baseline (static file)", figures["baseline"])
    print(f"p95 ratio to the baseline: {figures['ratio_p95']}x")
    print(
        f"gunicorn CPU per request: {figures['server_cpu_ms_per_request']} ms, so all "
        f"{figures['cores']} cores would serve about {figures['capacity_per_s']} requests/s of "
        "this mix (PostgreSQL's own CPU not counted)"
    )
    print(f"errors: {figures['errors']}")
    for example in figures["error_examples"]:
        print(f"  {example}")
    print(f"edits the form refused with its message (not errors): {figures['refused_edits']}")
    for example in figures["refusal_examples"]:
        print(f"  {example}")
    verdict = "met" if figures["target_met"] else "NOT met"
    print(f"target (p95 under 250 ms, no errors): {verdict}")


def serve(env: dict[str, str], port: int, workers: int, folder: Path) -> subprocess.Popen[bytes]:
    """gunicorn on the port, once it answers; refused if something else listens there."""
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            raise SystemExit(f"Port {port} is in use (a server left running?): choose --port.")
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "danvan.wsgi",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            f"--error-logfile={folder}/gunicorn.log",
        ],
        env=env,
        cwd=ROOT,
    )
    for _ in range(240):
        if server.poll() is not None:
            break
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=30)
            return server
        except OSError:  # not listening yet, or still starting its workers
            time.sleep(0.5)
    server.terminate()
    server.wait()
    raise SystemExit(f"gunicorn did not answer; see {folder}/gunicorn.log")


def server_cpu(server: subprocess.Popen[bytes]) -> float:
    """CPU seconds used so far by gunicorn and its workers (psutil comes with Locust)."""
    import psutil

    master = psutil.Process(server.pid)
    return sum(sum(p.cpu_times()[:2]) for p in [master, *master.children(recursive=True)])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=300, help="seconds (default 300)")
    parser.add_argument("--spawn-rate", type=float, default=1, help="officers signing in a second")
    parser.add_argument("--think", type=float, nargs=2, default=[2.0, 8.0], metavar=("MIN", "MAX"))
    parser.add_argument(
        "--workers", type=int, help="gunicorn sync workers (default: 2 x cores + 1)"
    )
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE)
    parser.add_argument("--more", type=int, default=5000, help="models in Nghệ An (default 5000)")
    parser.add_argument("--no-prepare", action="store_true", help="the database is ready")
    parser.add_argument("--json", action="store_true", help="print one JSON object last")
    parser.add_argument("--fill", type=int, help=argparse.SUPPRESS)  # the Nghệ An step, alone
    args = parser.parse_args()
    if args.fill is not None:
        return fill(args.fill)
    folder = Path(tempfile.gettempdir()) / "danvan-load"  # static files, server log
    folder.mkdir(exist_ok=True)
    env = _environment(args, str(folder))
    if not args.no_prepare:
        prepare(args, env)
    for command in (["migrate", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([str(BIN / "danvan"), *command], env=env, check=True)
    workers = args.workers or 2 * (os.cpu_count() or 1) + 1
    server = serve(env, args.port, workers, folder)
    try:
        used = server_cpu(server)
        result = drive(args, f"http://127.0.0.1:{args.port}")
        result["server_cpu_s"] = server_cpu(server) - used
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    figures = summary(result, args, workers)
    report(figures)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
