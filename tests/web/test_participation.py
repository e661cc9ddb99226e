"""Participation pages end to end through the ASGI app: forms, moderation, onboarding, security."""

from __future__ import annotations

import io
import re
import shutil
import zipfile

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from zhaoshang.cli.main import cli
from zhaoshang.services.credit_code import check_character
from zhaoshang.store.db import make_engine, transaction
from zhaoshang.store.models import (
    AuditEntry,
    ContactMessage,
    EnterpriseRegistration,
    IndicatorFact,
    Report,
    SecurityEvent,
    Submission,
)
from zhaoshang.web.app import create_app

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'
PASSWORD = "editor pass 123"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def db_copy(request, ingested_sqlite, tmp_path, monkeypatch):
    """A writable copy of the ingested samples, on SQLite and on PostgreSQL."""
    monkeypatch.setenv("ZHAOSHANG_SECRET_FILE", str(tmp_path / "secret"))
    if request.param == "sqlite":
        path = tmp_path / "site.db"
        shutil.copy(ingested_sqlite.path, path)
        yield f"sqlite:///{path}"
        return
    with request.getfixturevalue("pg_ingested_template").clone() as url:
        yield url


@pytest.fixture
def client(db_copy):
    app = create_app(db_copy)
    with TestClient(app) as c:
        yield c
    app.state.engine.dispose()


@pytest.fixture
def engine(db_copy):
    eng = make_engine(db_copy)
    yield eng
    eng.dispose()


def csrf(client: TestClient, path: str) -> str:
    html = client.get(path).text
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, f"no CSRF field on {path}"
    return match.group(1)


def make_editor(db_url: str, role: str = "editor", username: str = "ed") -> None:
    result = CliRunner().invoke(
        cli, ["admin", "create-user", username, "--role", role, "--password-stdin", "--db", db_url], input=PASSWORD + "\n"
    )
    assert result.exit_code == 0, result.output


def login(client: TestClient, username: str = "ed") -> None:
    token = csrf(client, "/login")
    r = client.post("/login", data={"csrf_token": token, "username": username, "password": PASSWORD},
                    follow_redirects=False)
    assert r.status_code == 303, r.text


def count(engine, model, *where) -> int:
    with transaction(engine) as s:
        return s.scalar(select(func.count()).select_from(model).where(*where)) or 0


# --- 投稿 ------------------------------------------------------------------------------------


def test_a_pasted_report_waits_in_the_queue_and_is_not_public(client, engine, sample_dir):
    text = (sample_dir / "baoxing.txt").read_text(encoding="utf-8").splitlines()[1][:3000].replace("2021", "2023")
    reports_before = count(engine, Report)
    r = client.post("/contribute", data={"csrf_token": csrf(client, "/contribute"), "kind": "report", "text": text,
                                         "year": "2023", "contributor_name": "热心读者"})
    assert r.status_code == 200 and "审核" in r.text
    assert count(engine, Submission, Submission.status == "pending") == 1
    assert count(engine, Report) == reports_before


def test_forms_without_a_csrf_token_are_refused_and_logged(client, engine):
    client.get("/contact")  # has the cookie, but posts no token
    r = client.post("/contact", data={"name": "a", "email": "a@b.cn", "body": "hi"})
    assert r.status_code == 403
    r = client.post("/contact", data={"csrf_token": "forged.token", "name": "a", "email": "a@b.cn", "body": "hi"})
    assert r.status_code == 403
    assert count(engine, ContactMessage) == 0
    assert count(engine, SecurityEvent, SecurityEvent.kind == "csrf_failed") == 2


def test_a_token_from_another_visitor_is_refused(client, db_copy):
    other = TestClient(create_app(db_copy))
    token = csrf(other, "/contact")
    client.cookies.clear()
    client.get("/contact")
    r = client.post("/contact", data={"csrf_token": token, "name": "a", "email": "a@b.cn", "body": "hi"})
    assert r.status_code == 403


def test_oversize_uploads_are_cut_off(client, engine):
    token = csrf(client, "/contribute")
    big = b"0" * (21 * 2**20)
    r = client.post("/contribute", data={"csrf_token": token, "kind": "report"},
                    files={"file": ("big.txt", big, "text/plain")})
    assert r.status_code == 413
    assert count(engine, Submission) == 0
    assert count(engine, SecurityEvent, SecurityEvent.kind == "oversize_body") == 1


def _zip_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<" + b"a" * (200 * 2**20))
    return buf.getvalue()


@pytest.mark.parametrize(
    "name,data",
    [
        ("report.pdf", b"\x7fELF\x02\x01\x01" + b"\x00" * 4000),
        ("report.docx", None),  # zip bomb, built below
        ("report.txt", bytes(range(256)) * 200),
        ("report.pdf", b"%PDF-1.4\n" + b"\x00garbage" * 100),
    ],
)
def test_disguised_and_hostile_uploads_are_refused_by_content(client, engine, name, data):
    data = data if data is not None else _zip_bomb()
    r = client.post("/contribute", data={"csrf_token": csrf(client, "/contribute"), "kind": "report"},
                    files={"file": (name, data, "application/octet-stream")})
    assert r.status_code == 400
    assert "无法读取文件" in r.text
    assert count(engine, Submission) == 0
    assert count(engine, SecurityEvent, SecurityEvent.kind == "upload_rejected") == 1


def test_stored_xss_through_every_public_form_is_rendered_inert(client, engine, db_copy):
    with transaction(engine) as s:
        fact_id = s.scalar(select(IndicatorFact.id).limit(1))
    client.post("/contact", data={"csrf_token": csrf(client, "/contact"), "name": XSS, "email": "x@y.cn",
                                  "subject": XSS, "body": XSS})
    client.post("/contribute", data={"csrf_token": csrf(client, "/contribute"), "kind": "note", "body": XSS,
                                     "contributor_name": XSS})
    client.post("/contribute", data={"csrf_token": csrf(client, "/contribute"), "kind": "correction",
                                     "fact_type": "indicator", "fact_id": str(fact_id), "new_unit": XSS,
                                     "comment": XSS})
    code = "91350100M000100Y4" + check_character("91350100M000100Y4")
    r = client.post("/enterprise", data={"csrf_token": csrf(client, "/enterprise"), "name": "公司" + XSS[:150],
                                         "credit_code": code, "industry_code": "SEI-3", "contact_person": XSS[:90],
                                         "phone": "13800138000"})
    assert r.status_code == 200
    assert "<script>alert" not in r.text
    assert count(engine, ContactMessage) == 1 and count(engine, Submission) == 2
    make_editor(db_copy)
    login(client)
    pages = ["/admin", "/admin/messages", "/admin/registrations", "/admin/queue"]
    with transaction(engine) as s:
        pages += [f"/admin/submissions/{i}" for i in s.scalars(select(Submission.id))]
    for path in pages:
        html = client.get(path).text
        assert "<script>alert" not in html and "<img src=x" not in html, path
    assert "&lt;script&gt;" in client.get("/admin/messages").text


# --- 企业入驻 -----------------------------------------------------------------------------------


def test_registration_shows_ranked_regions_with_evidence_and_downloads(client, engine):
    code = "91110108MA01ABCD1" + check_character("91110108MA01ABCD1")
    r = client.post("/enterprise", data={
        "csrf_token": csrf(client, "/enterprise"), "name": "示范新材料科技有限公司", "credit_code": code,
        "industry_code": "SEI-3", "planned_investment": "50000", "contact_person": "王经理",
        "email": "wang@example.cn",
    })
    assert r.status_code == 200
    assert count(engine, EnterpriseRegistration) == 1
    assert "/reports/" in r.text, "every match shows evidence linking to a report span"
    api = client.get("/api/v1/enterprise/matches", params={"industry": "SEI-3"}).json()
    assert api["matches"], "the samples name 新材料 in several reports"
    scores = [m["score"] for m in api["matches"]]
    assert scores == sorted(scores, reverse=True)
    ev = api["matches"][0]["evidence"][0]
    with transaction(engine) as s:
        text = s.get(Report, ev["report_id"]).text
    assert text[ev["start"]:ev["end"]] == ev["quote"]
    csv = client.get("/enterprise/matches", params={"industry": "SEI-3", "format": "csv"})
    assert csv.status_code == 200 and csv.content.startswith(b"\xef\xbb\xbf")
    assert "report_id" in csv.content.decode("utf-8-sig").splitlines()[0]


def test_preferred_provinces_restrict_the_matches(client):
    all_matches = client.get("/api/v1/enterprise/matches", params={"industry": "SEI-3"}).json()["matches"]
    province = all_matches[0]["region"]["code"][:2] + "0000"
    only = client.get("/api/v1/enterprise/matches", params={"industry": "SEI-3", "province": province}).json()
    assert only["matches"] and all(m["region"]["code"].startswith(province[:2]) for m in only["matches"])


@pytest.mark.parametrize(
    "field,value,message",
    [("credit_code", "91350100M000100Y433", "18位"), ("credit_code", "91350100M000100Y42", "校验位"),
     ("phone", "12345", "电话"), ("industry_code", "NOPE", "行业")],
)
def test_invalid_registrations_are_refused_with_a_reason(client, engine, field, value, message):
    data = {"csrf_token": csrf(client, "/enterprise"), "name": "某公司", "credit_code": "91350100M000100Y43",
            "industry_code": "SEI-3", "contact_person": "李", "phone": "13800138000", field: value}
    r = client.post("/enterprise", data=data)
    assert r.status_code == 400 and message in r.text
    assert count(engine, EnterpriseRegistration) == 0


# --- editors ---------------------------------------------------------------------------------


def test_an_editor_approves_a_report_and_the_contributor_is_credited(client, engine, db_copy, sample_dir):
    text = (sample_dir / "pingtang.txt").read_text(encoding="utf-8").splitlines()[1].replace("2021", "2024")
    client.post("/contribute", data={"csrf_token": csrf(client, "/contribute"), "kind": "report", "text": text,
                                     "contributor_name": "张三"})
    make_editor(db_copy)
    login(client)
    with transaction(engine) as s:
        sub_id = s.scalar(select(Submission.id))
    page = client.get(f"/admin/submissions/{sub_id}")
    assert "提取预览" in page.text and "平塘" in page.text
    before = count(engine, Report)
    r = client.post(f"/admin/submissions/{sub_id}/approve", data={"csrf_token": csrf(client, "/admin/queue")},
                    follow_redirects=False)
    assert r.status_code == 303
    assert count(engine, Report) == before + 1
    with transaction(engine) as s:
        sub = s.get(Submission, sub_id)
        report = s.get(Report, sub.report_id)
        assert sub.status == "approved" and report.contributor == "张三"
        assert s.scalar(select(func.count()).select_from(IndicatorFact).where(IndicatorFact.report_id == report.id))
    assert count(engine, AuditEntry, AuditEntry.action == "submission.approve") == 1


def test_rejecting_needs_a_reason_and_is_audited(client, engine, db_copy):
    client.post("/contribute", data={"csrf_token": csrf(client, "/contribute"), "kind": "note", "body": "补充"})
    make_editor(db_copy)
    login(client)
    with transaction(engine) as s:
        sub_id = s.scalar(select(Submission.id))
    token = csrf(client, "/admin/queue")
    assert client.post(f"/admin/submissions/{sub_id}/reject", data={"csrf_token": token, "reason": ""}).status_code == 400
    r = client.post(f"/admin/submissions/{sub_id}/reject", data={"csrf_token": token, "reason": "重复"},
                    follow_redirects=False)
    assert r.status_code == 303
    with transaction(engine) as s:
        assert s.get(Submission, sub_id).status == "rejected"
        entry = s.scalars(select(AuditEntry)).one()
        assert entry.after["reason"] == "重复" and entry.username == "ed"


def test_an_approved_correction_changes_the_fact_and_is_marked(client, engine, db_copy):
    with transaction(engine) as s:
        fact = s.scalars(select(IndicatorFact).where(IndicatorFact.unit == "%").limit(1)).one()
        fid, old = fact.id, fact.number
    client.post("/contribute", data={"csrf_token": csrf(client, f"/contribute?fact_type=indicator&fact_id={fid}"),
                                     "kind": "correction", "fact_type": "indicator", "fact_id": str(fid),
                                     "new_number": str(old + 1), "comment": "原文数字有误"})
    make_editor(db_copy)
    login(client)
    with transaction(engine) as s:
        sub_id = s.scalar(select(Submission.id))
        assert s.get(IndicatorFact, fid).number == old, "nothing changes before approval"
    client.post(f"/admin/submissions/{sub_id}/approve", data={"csrf_token": csrf(client, "/admin/queue")})
    with transaction(engine) as s:
        fact = s.get(IndicatorFact, fid)
        assert fact.number == old + 1 and fact.corrected
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "fact.correct.contributed")).one()
        assert entry.before["number"] == old and entry.after["number"] == old + 1


def test_editors_correct_and_delete_facts_and_admins_see_the_audit_log(client, engine, db_copy):
    with transaction(engine) as s:
        f1, f2 = s.scalars(select(IndicatorFact.id).limit(2)).all()
    make_editor(db_copy)
    login(client)
    token = csrf(client, f"/admin/facts/indicator/{f1}")
    r = client.post(f"/admin/facts/indicator/{f1}", data={"csrf_token": token, "action": "correct", "number": "9.9"},
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith(f"#f-indicator-{f1}")
    client.post(f"/admin/facts/indicator/{f2}", data={"csrf_token": token, "action": "delete"})
    bad = client.post(f"/admin/facts/indicator/{f1}", data={"csrf_token": token, "kind": "guess"})
    assert bad.status_code == 400
    with transaction(engine) as s:
        assert s.get(IndicatorFact, f1).number == 9.9 and s.get(IndicatorFact, f2).deleted
    assert client.get("/admin/audit").status_code == 403, "the audit log is for admins"
    make_editor(db_copy, role="admin", username="boss")
    client.cookies.clear()
    login(client, "boss")
    audit = client.get("/admin/audit").text
    assert "fact.correct" in audit and "fact.delete" in audit


def test_editors_fix_a_region_and_rerun_extraction(client, engine, db_copy):
    with transaction(engine) as s:
        report = s.scalars(select(Report).limit(1)).one()
        rid, before_facts = report.id, s.scalar(
            select(func.count()).select_from(IndicatorFact).where(IndicatorFact.report_id == report.id))
    make_editor(db_copy)
    login(client)
    token = csrf(client, f"/admin/reports/{rid}")
    r = client.post(f"/admin/reports/{rid}", data={"csrf_token": token, "action": "fix", "region_code": "110101",
                                                    "year": "2022"}, follow_redirects=False)
    assert r.status_code == 303
    assert client.post(f"/admin/reports/{rid}", data={"csrf_token": token, "region_code": "999999"}).status_code == 400
    client.post(f"/admin/reports/{rid}", data={"csrf_token": token, "action": "reextract"})
    with transaction(engine) as s:
        report = s.get(Report, rid)
        assert report.region_code == "110101" and report.region_status == "override"
        after = s.scalar(select(func.count()).select_from(IndicatorFact).where(IndicatorFact.report_id == rid))
        assert after > 0
        actions = set(s.scalars(select(AuditEntry.action)))
    assert {"report.fix", "report.reextract"} <= actions
    assert before_facts > 0


def test_an_editor_correcting_from_the_reader_gets_the_edit_form_link(client, engine, db_copy):
    with transaction(engine) as s:
        fid = s.scalar(select(IndicatorFact.id).limit(1))
    path = f"/contribute?fact_type=indicator&fact_id={fid}"
    assert f"/admin/facts/indicator/{fid}" not in client.get(path).text
    make_editor(db_copy)
    login(client)
    assert f"/admin/facts/indicator/{fid}" in client.get(path).text


def test_admin_pages_need_a_login(client):
    for path in ["/admin", "/admin/queue", "/admin/registrations", "/admin/messages", "/admin/audit"]:
        r = client.get(path, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login"), path


def test_session_cookie_flags_and_logout(client, db_copy):
    make_editor(db_copy)
    token = csrf(client, "/login")
    r = client.post("/login", data={"csrf_token": token, "username": "ed", "password": PASSWORD},
                    follow_redirects=False)
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    assert client.get("/admin").status_code == 200
    client.post("/logout", data={"csrf_token": csrf(client, "/admin")})
    assert client.get("/admin", follow_redirects=False).status_code == 303


def test_login_never_redirects_off_site(client, db_copy):
    make_editor(db_copy)
    token = csrf(client, "/login")
    r = client.post("/login", data={"csrf_token": token, "username": "ed", "password": PASSWORD,
                                    "next": "//evil.example/"}, follow_redirects=False)
    assert r.headers["location"] == "/admin"


def test_a_hundred_wrong_passwords_are_refused_limited_and_logged(client, engine, db_copy):
    make_editor(db_copy)
    token = csrf(client, "/login")
    codes = [client.post("/login", data={"csrf_token": token, "username": "ed", "password": f"wrong{i}"}).status_code
             for i in range(100)]
    assert set(codes[:10]) == {401}
    assert set(codes[10:]) == {429}
    right = client.post("/login", data={"csrf_token": token, "username": "ed", "password": PASSWORD},
                        follow_redirects=False)
    assert right.status_code == 429, "the limit also holds for the right password"
    failed = count(engine, SecurityEvent, SecurityEvent.kind == "login_failed")
    limited = count(engine, SecurityEvent, SecurityEvent.kind == "login_rate_limited")
    assert (failed, limited) == (10, 91)


def test_public_forms_are_rate_limited(client, engine):
    token = csrf(client, "/contact")
    codes = [client.post("/contact", data={"csrf_token": token, "name": "a", "email": "a@b.cn", "body": f"m{i}"})
             .status_code for i in range(22)]
    assert codes.count(200) == 20 and codes[-1] == 429
    assert count(engine, ContactMessage) == 20


SQLI = ["' OR '1'='1", "1; DROP TABLE reports;--", "\" OR 1=1 --", "湖南' UNION SELECT password_hash FROM users--"]


@pytest.mark.parametrize("value", SQLI)
def test_sql_injection_strings_in_filters_are_harmless(client, engine, value):
    reports = count(engine, Report)
    urls = [
        ("/api/v1/enterprise/matches", {"industry": value}),
        ("/enterprise/matches", {"industry": "SEI-3", "province": value}),
        ("/contribute", {"fact_type": value, "fact_id": "1"}),
        ("/api/v1/reports", {"region": value}),
        ("/api/v1/indicators", {"metric": value, "region": value}),
        ("/api/v1/projects", {"region": value, "status": value}),
        ("/api/v1/search", {"q": value}),
        ("/search", {"q": value}),
    ]
    for path, params in urls:
        r = client.get(path, params=params)
        assert r.status_code < 500, (path, r.status_code)
        assert "$argon2" not in r.text, "no password hash ever leaks"
    assert count(engine, Report) == reports
