import io

from django.core.management import call_command

from danvan.accounts.models import User
from danvan.news.models import Article, ArticleStatus
from danvan.registry.models import Entry, Evidence
from danvan.registry.selectors import entries_in_force, entries_within
from danvan.units.models import Unit
from danvan.units.selectors import unit_by_code
from danvan.voice.models import HotspotAlert, Petition
from danvan.voice.selectors import petitions_overdue


def test_demo_builds_the_sample_province_and_the_personas(db: None) -> None:
    out = io.StringIO()
    call_command("demo", "--no-serve", stdout=out)
    text = out.getvalue()
    assert "Sample province: 42 Tỉnh Hà Tĩnh" in text
    province = unit_by_code(code="42")
    assert province is not None
    below = Unit.objects.current().filter(path__startswith=province.path, is_sample=True)
    assert below.filter(kind__code="block").count() == 235
    assert below.filter(kind__code="village_team").count() == 1347
    commission = unit_by_code(code="BTGDV-42")
    assert commission is not None and commission.parent == province
    assert set(User.objects.values_list("username", flat=True)) >= {
        "trunguong",
        "tinh",
        "xa",
        "ngoai",
    }
    for username in ("trunguong", "tinh", "xa", "ngoai"):
        assert username in text
    # seed-001: "Năm 2022, toàn tỉnh hiện có 1.229 mô hình “Dân vận khéo”".
    in_force = entries_in_force(entries_within(Entry.objects.all(), province), 2022)
    assert in_force.count() == 1229
    assert Entry.objects.filter(is_sample=True).count() > 1229  # others began later or ended
    assert Evidence.objects.exists()
    # Invented news articles: some confirmed into records, the others in the review queue.
    assert Article.objects.filter(is_sample=True, status=ArticleStatus.CONFIRMED).count() == 2
    assert Article.objects.filter(is_sample=True, status=ArticleStatus.AWAITING).count() == 3
    confirmed = Article.objects.filter(status=ArticleStatus.CONFIRMED)
    assert all(article.records.exists() for article in confirmed)
    # Citizens' voice: petitions in every state, some overdue and escalated, one answered after
    # escalation (its code printed for the public page), and a hot spot that says why.
    states = set(Petition.objects.values_list("state", flat=True))
    assert {"received", "acknowledged", "in_progress", "answered", "closed"} <= states
    assert petitions_overdue(Petition.objects.all()).filter(escalation_level__gt=0).exists()
    story = Petition.objects.get(state="answered", escalation_level__gt=0, files__isnull=False)
    assert story.code in text
    alert = HotspotAlert.objects.get(method="scan", province=province)
    assert alert.explanation.startswith("Tuần từ") and alert.petitions.exists()
    # A second run builds nothing twice.
    call_command("demo", "--no-serve", stdout=io.StringIO())
    assert below.filter(kind__code="village_team").count() == 1347
    assert Article.objects.count() == 5
