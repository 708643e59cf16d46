"""REST API for news articles: scoped reads of the articles and their facts. Writes go through
the pages and the `ingest` command, where an officer reviews what enters the records."""

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from danvan.news.filters import ArticleFilter
from danvan.news.models import Article
from danvan.news.selectors import articles_visible


class ArticleSerializer(serializers.ModelSerializer):
    facts = serializers.SerializerMethodField()
    documents = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields = [
            "id",
            "source_name",
            "title",
            "published",
            "unit",
            "status",
            "reject_reason",
            "uploaded_at",
            "reviewed_at",
            "facts",
            "documents",
        ]

    def get_documents(self, article: Article) -> list[str]:
        return [document.code for document in article.documents.all()]

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_facts(self, article: Article) -> dict[str, object]:
        return article.facts.current


class ArticleViewSet(viewsets.ReadOnlyModelViewSet):
    """News articles within the caller's scope, with their facts (as confirmed, once they are)."""

    serializer_class = ArticleSerializer
    filterset_class = ArticleFilter

    def get_queryset(self) -> QuerySet[Article]:
        return (
            articles_visible(self.request.user)
            .select_related("facts")
            .prefetch_related("documents")
        )
