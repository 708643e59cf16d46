"""The filter set of the article list, shared by the page and the API."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from danvan.common.filters import IntegerFilter
from danvan.news.models import Article, ArticleStatus
from danvan.news.selectors import articles_matching


class ArticleFilter(filters.FilterSet):
    q = filters.CharFilter(label=_("Search"), method="filter_text")
    status = filters.ChoiceFilter(label=_("Status"), choices=ArticleStatus.choices)
    year = IntegerFilter(
        label=_("Year"), field_name="published", lookup_expr="year", min_value=1900, max_value=2100
    )
    code = filters.CharFilter(
        label=_("Document cited"), field_name="documents__code", lookup_expr="iexact"
    )

    class Meta:
        model = Article
        fields = ["q", "status", "year", "code"]

    def filter_text(self, queryset: QuerySet[Article], name: str, value: str) -> QuerySet[Article]:
        return articles_matching(queryset, value)
