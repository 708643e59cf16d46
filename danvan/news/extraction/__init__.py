"""Reading the facts of Vietnamese news articles on mass-mobilization work.

Pure Python (no Django): `extract_article(text, source)` and `extract_file(path)` return one
dict in the schema of the news corpus (../shared/corpus/README.md). The rules live in the
modules below, the word lists in `data/`:

- `normalize`: NFC, "Ð" as "Đ", one tone-mark convention, the folded comparison key
- `html`: the main text of an HTML page (trafilatura)
- `page`: headline, time stamp, body and byline of a page; clutter and captions dropped
- `numbers`, `dates`: Vietnamese numbers and dates
- `people`, `event`, `facts`, `counts`: the field extractors
- `article`: all of them over one article
"""

from danvan.news.extraction.article import extract_article, extract_file

__all__ = ["extract_article", "extract_file"]
