import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from danvan.news.extraction import extract_article
from danvan.news.tests import articles


def test_conference_article():
    facts = extract_article(articles.CONFERENCE, "a.txt")
    assert facts["source"] == "a.txt"
    assert facts["published"] == "2026-01-10"
    assert facts["event"] == {
        "date": "2026-01-09",
        "kind": "hoi_nghi_so_ket_tong_ket",
        "anniversary": False,
        "organizer": "Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Trị",
        "place": "Quảng Trị",
    }
    assert facts["people"] == [
        {
            "name": "Lê Minh Tâm",
            "titles": [
                "Ủy viên Ban Thường vụ Tỉnh ủy",
                "Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy",
            ],
        }
    ]
    assert facts["authors"] == ["Trần Thu Hà"]
    assert facts["awards"] == [
        {"award": "giay_khen", "recipient": "tap_the", "count": 9},
        {"award": "giay_khen", "recipient": "ca_nhan", "count": 14},
    ]
    stats = {(s["value"], s["noun"].split()[0]) for s in facts["statistics"]}
    assert stats == {(2345, "mô"), (87, "cuộc"), (4100, "lượt"), (3, "lớp")}
    assert facts["documents"] == ["15-KH/BTGDVTU"]
    assert facts["places"] == ["Quảng Trị"]
    assert facts["anniversaries"] == []


def test_ceremony_article():
    facts = extract_article(articles.CEREMONY, "b.txt")
    event = facts["event"]
    assert event["kind"] == "le_bieu_duong"
    assert event["anniversary"] is True
    assert event["date"] == "2025-10-14"  # the year from the anniversary's range
    assert event["organizer"].startswith("Ủy ban MTTQ Việt Nam tỉnh")
    assert facts["published"] is None
    assert facts["anniversaries"] == [{"years": 95, "start_year": 1930, "year": 2025}]
    assert facts["people"] == [
        {"name": "Hoàng Thị Lan", "titles": ["Phó Bí thư Tỉnh ủy", "Chủ tịch HĐND tỉnh"]}
    ]
    assert facts["authors"] == ["Minh Châu"]
    assert facts["awards"] == [
        {"award": "bang_khen", "recipient": "tap_the", "count": 11},
        {"award": "co_thi_dua", "recipient": "tap_the", "count": 1},
    ]
    assert facts["documents"] == ["49-CT/TW", "120-KL/TW"]
    assert facts["statistics"] == []


def test_dialogue_article():
    facts = extract_article(articles.DIALOGUE, "c.txt")
    assert facts["event"]["kind"] == "hoi_nghi_doi_thoai"
    assert facts["event"]["date"] == "2024-05-20"
    assert facts["event"]["place"] == "Hải Phòng"
    assert facts["event"]["organizer"] == "Thành ủy"
    assert facts["people"] == [{"name": "Đỗ Văn Khánh", "titles": ["Bí thư Thành ủy"]}]
    assert [(s["value"], s["noun"]) for s in facts["statistics"]] == [(25, "ý kiến")]


def test_no_event_and_no_province_without_a_prefix():
    facts = extract_article("Học tập và làm theo tư tưởng Hồ Chí Minh là việc thường xuyên.", "d")
    assert facts["event"] is None
    assert facts["places"] == []
    assert facts["people"] == []


def test_html_page():
    facts = extract_article(articles.HTML_PAGE, "e.html")
    assert facts["published"] == "2024-10-16"
    assert facts["event"]["kind"] == "toa_dam"
    assert facts["event"]["date"] == "2024-10-15"
    assert facts["anniversaries"] == [{"years": 25, "start_year": 1999, "year": 2024}]
    assert facts["people"][0]["name"] == "Vũ Quốc Huy"
    assert facts["awards"] == [{"award": "ky_niem_chuong", "recipient": "ca_nhan", "count": 6}]


def test_extract_command(tmp_path, capsys):
    text_file = tmp_path / "one.txt"
    text_file.write_text(articles.DIALOGUE, encoding="utf-8")
    html_file = tmp_path / "two.html"
    html_file.write_text(articles.HTML_PAGE, encoding="utf-8")
    call_command("extract", str(text_file), str(html_file), "--format", "json")
    output = json.loads(capsys.readouterr().out)
    assert [item["source"] for item in output] == ["one.txt", "two.html"]


CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus"


@pytest.mark.skipif(
    not (CORPUS / "score.py").exists(),
    reason=f"the news corpus is not at {CORPUS} (it sits beside the repository in ../shared)",
)
def test_seed_corpus_scores_at_least_095(tmp_path):
    predictions = [
        extract_article(path.read_text(encoding="utf-8"), path.name)
        for path in sorted((CORPUS / "seeds").glob("*.txt"))
    ]
    pred = tmp_path / "pred.json"
    pred.write_text(json.dumps(predictions, ensure_ascii=False), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(CORPUS / "score.py"), "--gold", str(CORPUS / "gold"),
         "--pred", str(pred), "--json"],
        capture_output=True, text=True, check=True, env={**os.environ, "PYTHONUTF8": "1"},
    )  # fmt: skip
    assert json.loads(result.stdout)["overall_f1"] >= 0.95
