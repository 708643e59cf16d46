"""The main text of an HTML page, with trafilatura (Apache-2.0): menus, related links and
comments dropped, the headline first and the page's own date stamp after it."""

import re

from danvan.news.extraction.page import date_line

_TAG = re.compile(r"<(?:html|body|p|div|article|h1|br)\b", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    return bool(_TAG.search(text[:5000]))


def html_to_text(html: str) -> str:
    """Plain text, one paragraph a line: the headline, the stamp (when the page has one) and
    the body. Empty when the page holds no article text."""
    # Imported here: plain-text articles need none of it (it takes a quarter of a second).
    import trafilatura
    from trafilatura.settings import Document

    document = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        # The date the page gives for itself, never today's or a guess from the links.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if not isinstance(document, Document) or not document.text:
        return ""
    lines = document.text.splitlines()
    title = (document.title or "").strip()
    if title and (not lines or lines[0].strip() != title):
        lines.insert(0, title)
    if document.date and not any(date_line(line) for line in lines[:3]):
        year, month, day = document.date.split("-")
        lines.insert(1 if title else 0, f"{day}/{month}/{year}")
    return "\n".join(lines)
