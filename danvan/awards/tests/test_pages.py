"""The award pages as officers use them, scope, the command and the generated files."""

import datetime as dt
import io
import json

from django.core.management import call_command
from django.urls import reverse
from docx import Document

from danvan.awards.models import AwardType, Batch
from danvan.awards.services import batch_create
from danvan.awards.tests.conftest import make_person
from danvan.awards.tests.test_batches import _ready, decide
from danvan.conftest import Personas, World


def test_pages_answer_in_vietnamese(world: World, personas: Personas, medal: AwardType) -> None:
    person = make_person(world, years=22)
    decide(_ready(world, person, medal))
    client = personas.client(personas.province_officer)
    for name in ("list", "people", "batches", "eligible", "statistics", "duplicates"):
        response = client.get(reverse(f"awards:{name}"))
        assert response.status_code == 200, name
    page = client.get(reverse("awards:person", args=[person.pk])).content.decode()
    assert "Điều kiện đến hôm nay" in page and "đã được tặng ngày" in page
    found = client.get(
        reverse("awards:eligible"),
        {"unit": str(world.province.pk), "award": "ky-niem-chuong-dan-van"},
    ).content.decode()
    assert "Đủ điều kiện" not in found  # the only candidate has received it


def test_the_eligible_page_lists_with_reasons(
    world: World, personas: Personas, medal: AwardType
) -> None:
    make_person(world, name="Phạm Thị Đủ", gender="female", years=16)
    page = (
        personas.client(personas.commune_officer)
        .get(reverse("awards:eligible"), {"unit": str(world.commune.pk), "award": medal.code})
        .content.decode()
    )
    assert "Phạm Thị Đủ" in page and "yêu cầu 15 năm (nữ giảm 5 năm)" in page


def test_a_batch_through_the_pages(world: World, personas: Personas, medal: AwardType) -> None:
    person = make_person(world, years=22)
    commune = personas.client(personas.commune_officer)
    response = commune.post(
        reverse("awards:batches"),
        {"title": "Đợt 15/10", "year": 2026, "unit": world.commune.pk, "decider": world.central.pk},
    )
    batch = Batch.objects.get(title="Đợt 15/10")
    assert response.status_code == 302
    commune.post(
        reverse("awards:propose"),
        {"batch": batch.pk, "award": medal.code, "selected": [person.pk]},
    )
    assert batch.lines.count() == 1
    commune.post(reverse("awards:batch_action", args=[batch.pk, "submit"]))
    province = personas.client(personas.province_officer)
    page = province.get(reverse("awards:batch", args=[batch.pk])).content.decode()
    assert "Chuyển lên cấp trên" in page and person.full_name in page
    province.post(reverse("awards:batch_action", args=[batch.pk, "accept-all"]))
    province.post(reverse("awards:batch_action", args=[batch.pk, "forward"]))
    central = personas.client(personas.central_admin)
    central.post(reverse("awards:batch_action", args=[batch.pk, "accept-all"]))
    central.post(
        reverse("awards:batch_action", args=[batch.pk, "decide"]),
        {
            "number": "77-QĐ/BTGDVTW",
            "date": "10/10/2026",
            "giver": "Ban Tuyên giáo và Dân vận Trung ương",
            "signer_title": "Trưởng ban",
            "signer_name": "Nguyễn Văn B",
        },
    )
    batch.refresh_from_db()
    assert batch.status == "decided"
    page = central.get(reverse("awards:batch", args=[batch.pk])).content.decode()
    assert "Đã quyết định" in page and "77-QĐ/BTGDVTW" in page
    word = central.get(reverse("awards:decision_file", args=[batch.pk, "docx"]))
    text = "\n".join(p.text for p in Document(io.BytesIO(word.content)).paragraphs)
    assert "QUYẾT ĐỊNH" in text and "Điều 1." in text and "DANH SÁCH" in text
    table = Document(io.BytesIO(word.content)).tables[-1]
    assert table.rows[1].cells[1].text == person.full_name
    pdf = central.get(reverse("awards:decision_file", args=[batch.pk, "certificates"]))
    assert (
        pdf["Content-Type"] == "application/pdf"
        and pdf.content.count(b"/Type /Page\n")
        + (pdf.content.count(b"/Type /Page>>") + pdf.content.count(b"/Type /Page "))
        >= 1
    )


def test_other_provinces_see_nothing(world: World, personas: Personas, medal: AwardType) -> None:
    person = make_person(world, years=22)
    batch = batch_create(
        actor=None, unit=world.commune, decider=world.central, title="Riêng", year=2026
    )
    outsider = personas.client(personas.outsider)
    assert outsider.get(reverse("awards:batch", args=[batch.pk])).status_code == 404
    assert outsider.get(reverse("awards:person", args=[person.pk])).status_code == 404
    assert person.full_name not in outsider.get(reverse("awards:people")).content.decode()
    viewer_post = outsider.post(reverse("awards:batch_action", args=[batch.pk, "submit"]))
    assert viewer_post.status_code == 404


def test_the_command_prints_the_eligible_with_reasons(
    world: World, medal: AwardType, capsys
) -> None:
    make_person(world, name="Võ Văn Đạt", years=22)
    make_person(world, name="Võ Văn Chưa", years=3)
    call_command(
        "awards", "eligible", "--unit", "42", "--award", medal.code, "--on", "30/11/2026", "--json"
    )
    rows = json.loads(capsys.readouterr().out)
    assert [row["name"] for row in rows] == ["Võ Văn Đạt"]
    assert rows[0]["reason"].startswith("Đủ điều kiện: 22 năm 11 tháng công tác trong ngành")
    assert dt.date.fromisoformat(rows[0]["birth_date"])
