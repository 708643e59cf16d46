"""How fast `danvan extract` reads articles on one core, and how well (F1 on the seed corpus).

Articles: the five seeds of ../shared/corpus (beside the repository), read again and again
for --seconds. Baseline, measured in the same run: reading the same files and NFC-normalising
them, nothing else (the floor the extractor cannot go below). Also timed: an HTML page (the
test article of danvan/news/tests), which goes through trafilatura first. F1 is score.py's
overall figure on the seeds. Target (issue 7): at least 200 articles a second.

Usage: python bench/extract.py [--corpus ../shared/corpus] [--seconds 3] [--json]
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def rate(work: Callable[[], int], seconds: float) -> float:
    """Articles per second of `work` (which handles a batch and returns its size)."""
    done, started = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds:
        done += work()
    return done / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--json", action="store_true", help="print one JSON object last")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from danvan.news.extraction import extract_article, extract_file
    from danvan.news.tests.articles import HTML_PAGE

    files = sorted((args.corpus / "seeds").glob("*.txt"))
    if not files:
        sys.exit(f"no seed articles in {args.corpus / 'seeds'}")
    extract_article(HTML_PAGE, "warm-up.html")  # word lists and trafilatura loaded once

    def baseline() -> int:
        for path in files:
            unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        return len(files)

    def extract() -> int:
        for path in files:
            extract_file(path)
        return len(files)

    def extract_html() -> int:
        extract_article(HTML_PAGE, "page.html")
        return 1

    baseline_rate = rate(baseline, args.seconds)
    text_rate = rate(extract, args.seconds)
    html_rate = rate(extract_html, args.seconds)

    with tempfile.TemporaryDirectory() as folder:
        pred = Path(folder) / "pred.json"
        pred.write_text(json.dumps([extract_file(p) for p in files], ensure_ascii=False), "utf-8")
        scored = subprocess.run(
            [sys.executable, str(args.corpus / "score.py"), "--gold", str(args.corpus / "gold"),
             "--pred", str(pred), "--json"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
    f1 = json.loads(scored.stdout)["overall_f1"]

    result = {
        "articles": len(files),
        "articles_per_second": round(text_rate, 1),
        "html_pages_per_second": round(html_rate, 1),
        "baseline_per_second": round(baseline_rate, 1),
        "ratio_vs_baseline": round(baseline_rate / text_rate, 1),
        "f1": round(f1, 3),
    }
    print(f"seed articles: {len(files)}, each timed for {args.seconds:g} s")
    print(f"extract (text): {text_rate:,.0f} articles/s  (target: 200)")
    print(f"extract (HTML page): {html_rate:,.0f} pages/s")
    print(f"baseline, read + NFC: {baseline_rate:,.0f} articles/s")
    print(f"ratio: the extractor takes {baseline_rate / text_rate:,.1f} times the baseline's time")
    print(f"overall F1 on the seeds: {f1:.3f}")
    if args.json:
        print(json.dumps(result))


if __name__ == "__main__":
    main()
