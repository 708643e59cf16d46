"""The pages and the API, and the privacy of the citizen's contact: seen by those who handle
the petition, and by no one else, anywhere."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from danvan.accounts.models import Role
from danvan.accounts.services import role_assign, user_create
from danvan.conftest import Personas, World
from danvan.voice.hotspots import hotspots_detect
from danvan.voice.models import Petition, State, Topic
from danvan.voice.services import petition_acknowledge, petition_answer, petitions_escalate
from danvan.voice.tests.conftest import local

CONTACT = ["Hoàng Thị Riêng", "0987654321", "Thôn Riêng Tư"]


def _shows_contact(html: str) -> bool:
    return any(part in html for part in CONTACT)


def test_the_handler_sees_the_contact_on_the_petition_page(
    petition: Petition, personas: Personas
) -> None:
    for handler in (personas.commune_officer, personas.province_officer):
        response = personas.client(handler).get(reverse("voice:detail", args=[petition.pk]))
        assert response.status_code == 200 and _shows_contact(response.content.decode())


def test_a_viewer_of_the_unit_sees_the_petition_but_not_the_contact(
    petition: Petition, world: World
) -> None:
    viewer = user_create(actor=None, username="viewer", password="x-2026-viewer")
    role_assign(actor=None, user=viewer, unit=world.province, role=Role.VIEWER)
    client = Client()
    client.force_login(viewer)
    response = client.get(reverse("voice:detail", args=[petition.pk]))
    assert response.status_code == 200
    assert petition.title in response.content.decode()
    assert not _shows_contact(response.content.decode())
    assert client.get(reverse("voice:receipt", args=[petition.pk])).status_code == 403


def test_lists_never_show_the_contact(petition: Petition, personas: Personas) -> None:
    petitions_escalate(now=local(2026, 11, 3, 10, 0))  # on the dashboard as overdue too
    client = personas.client(personas.commune_officer)
    for name in ("voice:list", "voice:home"):
        html = client.get(reverse(name)).content.decode()
        assert petition.code in html and not _shows_contact(html)


def test_the_api_never_returns_the_contact(petition: Petition, personas: Personas) -> None:
    client = personas.client(personas.commune_officer)
    listed = client.get("/api/voice/petitions/").json()
    assert listed["count"] == 1 and not _shows_contact(str(listed))
    one = client.get(f"/api/voice/petitions/{petition.pk}/").json()
    assert one["code"] == petition.code and not _shows_contact(str(one))
    outsider = personas.client(personas.outsider)
    assert outsider.get("/api/voice/petitions/").json()["count"] == 0
    assert outsider.get(f"/api/voice/petitions/{petition.pk}/").status_code == 404


def test_the_api_files_a_petition_through_the_service(world: World, personas: Personas) -> None:
    client = personas.client(personas.commune_officer)
    response = client.post(
        "/api/voice/petitions/",
        {
            "source": "phone",
            "topic": "environment",
            "commune": world.commune.pk,
            "severity": "urgent",
            "title": "Khói bụi từ lò gạch",
            "text": "Lò gạch đốt vào ban đêm gây khói bụi.",
            "contact_phone": "0911222333",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert "0911222333" not in response.content.decode()
    assert Petition.objects.get().contact_phone == "0911222333"


def test_others_get_404(petition: Petition, personas: Personas) -> None:
    url = reverse("voice:detail", args=[petition.pk])
    assert personas.client(personas.outsider).get(url).status_code == 404
    assert personas.client(personas.nobody).get(url).status_code == 404


def test_the_public_page_shows_the_state_and_the_answer_and_nothing_personal(
    petition: Petition, personas: Personas
) -> None:
    officer = personas.commune_officer
    officer.first_name, officer.last_name = "Cán bộ", "Tên Riêng"
    officer.save()
    petition_acknowledge(actor=officer, petition=petition)
    petition_answer(
        actor=officer,
        petition=petition,
        answer="Xã đã chi trả đủ tiền bồi thường cho các hộ ngày 20/11/2026.",
        evidence=[SimpleUploadedFile("chung-tu.pdf", b"%PDF-1.4", "application/pdf")],
    )
    public = Client()  # no login
    typed = petition.code.lower().replace("-", " ")
    response = public.get(reverse("voice:track"), {"code": typed})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Xã đã chi trả đủ tiền bồi thường" in html and "Đã trả lời" in html
    assert not _shows_contact(html) and "Tên Riêng" not in html and "chung-tu" not in html
    rated = public.post(reverse("voice:rate"), {"code": petition.code, "rating": "5"})
    assert rated.status_code == 302
    petition.refresh_from_db()
    assert petition.rating == 5 and petition.state == State.CLOSED


def test_the_public_page_says_when_a_code_is_unknown(db: None) -> None:
    response = Client().get(reverse("voice:track"), {"code": "KN-AAAAA-BBBBB"})
    assert "Không có kiến nghị nào" in response.content.decode()


def test_filing_from_the_page_prints_a_receipt(world: World, personas: Personas) -> None:
    client = personas.client(personas.commune_officer)
    assert client.get(reverse("voice:create")).status_code == 200
    response = client.post(
        reverse("voice:create"),
        {
            "source": "form",
            "topic": Topic.objects.get(code="infrastructure").pk,
            "commune": world.commune.pk,
            "severity": "normal",
            "title": "Đường liên thôn xuống cấp",
            "text": "Đề nghị sửa chữa đường.",
            "attachments": [SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n", "image/png")],
        },
    )
    petition = Petition.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(
        reverse("voice:receipt", args=[petition.pk])
    )
    receipt = client.get(response["Location"]).content.decode()
    assert petition.code in receipt and reverse("voice:track") in receipt
    assert petition.files.count() == 1


def test_a_bad_form_says_why_in_vietnamese_and_writes_nothing(
    world: World, personas: Personas
) -> None:
    response = personas.client(personas.commune_officer).post(
        reverse("voice:create"),
        {"source": "form", "commune": world.commune.pk, "severity": "normal", "title": "x"},
    )
    assert response.status_code == 400 and "Trường này là bắt buộc" in response.content.decode()
    assert not Petition.objects.exists()


def test_steps_from_the_page(petition: Petition, personas: Personas) -> None:
    client = personas.client(personas.commune_officer)
    for action in ("acknowledge", "start"):
        client.post(reverse("voice:step", args=[petition.pk, action]))
    client.post(
        reverse("voice:step", args=[petition.pk, "answer"]),
        {"answer": "Đã sửa xong đoạn đường hư hỏng, nghiệm thu ngày 25/11/2026."},
    )
    petition.refresh_from_db()
    assert petition.state == State.ANSWERED
    response = client.post(
        reverse("voice:step", args=[petition.pk, "return"]),
        {"reason": "Sai thẩm quyền"},
        follow=True,
    )
    assert "không thể" in response.content.decode()  # an answered petition is not returned


@pytest.mark.parametrize("name", ["voice:home", "voice:list", "voice:mood", "voice:hotspots"])
def test_pages_open(name: str, personas: Personas) -> None:
    assert personas.client(personas.province_officer).get(reverse(name)).status_code == 200


def test_mood_report_from_the_page(world: World, personas: Personas) -> None:
    client = personas.client(personas.commune_officer)
    response = client.post(
        reverse("voice:mood_create"),
        {
            "unit": world.teams[0].pk,
            "date": "16/11/2026",
            "topic": Topic.objects.get(code="environment").pk,
            "tone": "worried",
            "opinions": "12",
            "notable": "Lo ngại mùi từ trại lợn",
        },
    )
    assert response.status_code == 302
    html = client.get(reverse("voice:mood")).content.decode()
    assert "Lo ngại mùi từ trại lợn" in html


def test_hot_spot_pages(world: World, personas: Personas, surge: list[int]) -> None:
    alert = hotspots_detect(province=world.province, week_start=dt.date(2026, 11, 16))[0]
    client = personas.client(personas.province_officer)
    html = client.get(reverse("voice:hotspots"), {"province": world.province.pk}).content.decode()
    assert "<svg" in html and "<circle" in html and world.commune.name in html
    page = client.get(reverse("voice:alert", args=[alert.pk])).content.decode()
    assert alert.explanation in page
    client.post(reverse("voice:alert_step", args=[alert.pk, "acknowledge"]))
    client.post(reverse("voice:alert_step", args=[alert.pk, "assign"]), {"assignee": "commune"})
    client.post(reverse("voice:alert_step", args=[alert.pk, "resolve"]), {"note": "Đã đối thoại"})
    alert.refresh_from_db()
    assert alert.status == "resolved" and alert.assignee == personas.commune_officer
    assert (
        personas.client(personas.outsider).get(reverse("voice:alert", args=[alert.pk])).status_code
        == 404
    )


def test_an_opinion_raised_at_a_dialogue_names_it_from_the_page(
    world: World, personas: Personas
) -> None:
    from danvan.activities.models import Dialogue, DialogueKind
    from danvan.units.models import UnitLevel

    dialogue = Dialogue.objects.create(
        unit=world.commune,
        date=dt.date.today() - dt.timedelta(days=10),  # noqa: DTZ011
        title="Đối thoại với nhân dân",
        kind=DialogueKind.PERIODIC,
        leader="Bí thư Đảng ủy",
        level=UnitLevel.objects.get(code="commune"),
    )
    response = personas.client(personas.commune_officer).post(
        reverse("voice:create"),
        {
            "source": "dialogue",
            "dialogue": dialogue.pk,
            "topic": Topic.objects.get(code="land").pk,
            "commune": world.commune.pk,
            "severity": "normal",
            "title": "Ý kiến cử tri về quy hoạch",
            "text": "Đề nghị công khai quy hoạch khu dân cư.",
        },
    )
    assert response.status_code == 302
    assert Petition.objects.get().dialogue == dialogue


def test_the_list_costs_the_same_queries_for_one_petition_or_many(
    petition: Petition, personas: Personas, world: World
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from danvan.voice.services import petition_file

    client = personas.client(personas.province_officer)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("voice:list")).status_code == 200
        return len(captured)

    one = queries()
    for n in range(4):
        petition_file(
            actor=None,
            source=petition.source,
            topic=petition.topic,
            commune=world.other_commune,
            severity=petition.severity,
            title=f"Kiến nghị {n}",
            text="Nội dung",
            received_at=petition.received_at,
        )
    assert queries() == one


def test_the_list_searches_without_diacritics_and_by_the_day_received(
    petition: Petition, personas: Personas
) -> None:
    client = personas.client(personas.commune_officer)
    list_url = reverse("voice:list")

    def found(**query: str) -> bool:
        return petition.code in client.get(list_url, query).content.decode()

    assert found(q="cham chi tra") and found(q=petition.code.lower())
    assert not found(q="duong lien thon")
    assert found(date_from="02/11/2026", date_to="02/11/2026")
    assert not found(date_from="03/11/2026")
    html = client.get(list_url, {"date_from": "31/02/2026"}).content.decode()
    assert "Nhập một ngày hợp lệ" in html and petition.code not in html


def test_a_viewer_is_offered_nothing_to_do(petition: Petition, world: World) -> None:
    viewer = user_create(actor=None, username="viewer", password="x-2026-viewer")
    role_assign(actor=None, user=viewer, unit=world.province, role=Role.VIEWER)
    client = Client()
    client.force_login(viewer)
    for name in ("voice:home", "voice:list", "voice:mood"):
        html = client.get(reverse(name)).content.decode()
        assert "Tiếp nhận kiến nghị" not in html and reverse("voice:mood_create") not in html
    assert client.get(reverse("voice:create")).status_code == 403
    assert client.get(reverse("voice:mood_create")).status_code == 403
    detail = client.get(reverse("voice:detail", args=[petition.pk])).content.decode()
    assert reverse("voice:step", args=[petition.pk, "acknowledge"]) not in detail
    step = reverse("voice:step", args=[petition.pk, "acknowledge"])
    assert client.post(step).status_code == 403
    petition.refresh_from_db()
    assert petition.state == State.RECEIVED


def test_a_step_asks_for_confirmation_and_keeps_its_errors_on_its_own_page(
    petition: Petition, personas: Personas, world: World
) -> None:
    client = personas.client(personas.commune_officer)
    detail = client.get(reverse("voice:detail", args=[petition.pk])).content.decode()
    assert detail.count("data-confirm=") == 3  # acknowledge, transfer, return
    url = reverse("voice:step", args=[petition.pk, "transfer"])
    page = client.get(url)
    assert page.status_code == 200 and "Xác nhận" in page.content.decode()
    refused = client.post(url, {"to": world.commune.pk, "reason": "Thuộc thẩm quyền huyện"})
    html = refused.content.decode()
    assert refused.status_code == 400 and "Hãy chọn một đơn vị khác đang hoạt động." in html
    assert "Thuộc thẩm quyền huyện" in html  # what was typed, on the step's own page
    missing = client.post(reverse("voice:step", args=[petition.pk, "return"]), {"reason": ""})
    assert missing.status_code == 400 and "Trường này là bắt buộc" in missing.content.decode()
    petition.refresh_from_db()
    assert petition.state == State.RECEIVED and petition.unit == world.commune


def test_a_step_logs_what_changed_and_which_step_it_was(
    petition: Petition, personas: Personas
) -> None:
    from danvan.audit.selectors import changes_of

    petition_acknowledge(actor=personas.commune_officer, petition=petition)
    entry = changes_of(instance=petition).first()
    assert entry is not None
    assert [name for name, _old, _new in entry.changed_fields()] == ["state", "step"]


def test_a_refused_rating_comes_back_on_the_public_page_with_what_was_written(
    petition: Petition, personas: Personas
) -> None:
    officer = personas.commune_officer
    petition_acknowledge(actor=officer, petition=petition)
    petition_answer(actor=officer, petition=petition, answer="Xã đã chi trả đủ cho các hộ dân.")
    response = Client().post(
        reverse("voice:rate"), {"code": petition.code, "rating": "9", "comment": "Chưa rõ ràng"}
    )
    html = response.content.decode()
    assert response.status_code == 400 and "Chưa rõ ràng" in html
    assert "Đã trả lời" in html and "Hãy chọn một lựa chọn hợp lệ" in html
    petition.refresh_from_db()
    assert petition.rating is None


def test_the_hot_spot_list_shows_resolved_alerts_only_when_asked(
    world: World, personas: Personas, surge: list[int]
) -> None:
    from danvan.voice.services import alert_resolve

    alert = hotspots_detect(province=world.province, week_start=dt.date(2026, 11, 16))[0]
    alert_resolve(actor=None, alert=alert, note="Đã đối thoại")
    client = personas.client(personas.province_officer)
    link = reverse("voice:alert", args=[alert.pk])
    url = reverse("voice:hotspots")
    province = str(world.province.pk)
    assert link not in client.get(url, {"province": province}).content.decode()
    assert link in client.get(url, {"province": province, "open": "0"}).content.decode()
    elsewhere = {"province": province, "open": "0", "commune": str(world.other_commune.pk)}
    assert link not in client.get(url, elsewhere).content.decode()
