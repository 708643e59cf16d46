"""News articles: read by the extractor, reviewed, their facts confirmed into records."""

from django.utils.translation import gettext_lazy as _

from danvan.capability.declaration import Capability, MenuItem, Records
from danvan.news import demo
from danvan.news.api import ArticleViewSet
from danvan.news.models import Article
from danvan.news.selectors import articles_visible, work_pending
from danvan.news.urls import urlpatterns

capability = Capability(
    app="news",
    pending=work_pending,
    demo=demo.demo_build,
    demo_order=40,
    path="news/",
    urls=urlpatterns,
    menu=MenuItem(_("News articles"), "news:list", order=60),
    records=[
        Records(Article, visible=articles_visible, api="news/articles", viewset=ArticleViewSet)
    ],
)
