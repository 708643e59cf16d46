"""`{% article_sources record %}`: the articles a record came from ("Nguồn: bài báo ..."), for
the pages of records that articles can give rise to (activities, people)."""

from typing import Any

from django import template
from django.db import models

from danvan.news.selectors import sources_of

register = template.Library()


@register.inclusion_tag("news/_sources.html", takes_context=True)
def article_sources(context: dict[str, Any], record: models.Model) -> dict[str, Any]:
    return {"sources": list(sources_of(context["request"].user, record))}
