"""Sample news articles: short invented reports of the genre (names and figures made up),
shipped in `demo_data/`. Two are confirmed into the records, the others wait in the review queue."""

from pathlib import Path

from danvan.capability.declaration import DemoPart, DemoWorld
from danvan.news.models import Article
from danvan.news.services import article_confirm, article_ingest, review_suggested

ARTICLES = Path(__file__).parent / "demo_data"
CONFIRMED = {"bai-bao-01-trien-khai-2024.txt", "bai-bao-05-tap-huan-2026.txt"}


def demo_build(world: DemoWorld) -> DemoPart:
    """Ingest the sample articles and confirm some of them."""
    if Article.objects.filter(is_sample=True).exists():
        return DemoPart("0 news articles")
    stored = 0
    for path in sorted(ARTICLES.glob("bai-bao-*")):
        ingested = article_ingest(
            actor=None,
            source_name=path.name,
            content=path.read_text(encoding="utf-8"),
            is_sample=True,
        )
        stored += not ingested.duplicate
        if path.name in CONFIRMED:
            article = ingested.article
            article_confirm(actor=None, article=article, review=review_suggested(article))
    return DemoPart(f"{stored} news articles (some confirmed, the others awaiting review)")
