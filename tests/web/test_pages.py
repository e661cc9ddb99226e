"""The server-rendered pages: every page renders on the samples, in Chinese, with the
security headers, escaped text, provenance links, and error pages without traces."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from zhaoshang.web.app import create_app
from zhaoshang.web.render import PARTICIPATION_LINKS, safe_snippet


def pages(sample_facts: dict[str, Any]) -> list[str]:
    code = sample_facts["region_codes"][0]
    rid = sample_facts["report_ids"][0]
    return [
        "/", "/regions", f"/regions/{code}", "/reports", f"/reports/{rid}", "/compare", "/map", "/targets",
        "/projects", "/industries", "/indicators", "/search", "/search?q=产业", "/docs",
    ]  # fmt: skip


def test_every_page_renders_in_chinese_with_a_strict_csp(client, sample_facts):
    for url in pages(sample_facts):
        r = client.get(url)
        assert r.status_code == 200, url
        assert r.headers["content-type"].startswith("text/html")
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "http" not in csp
        assert r.headers["x-content-type-options"] == "nosniff"
        assert '<html lang="zh-CN">' in r.text
        assert "<script>" not in r.text, f"inline script on {url}"


def test_base_layout_links_the_participation_pages_and_has_landmarks(client):
    html = client.get("/").text
    for href, label in PARTICIPATION_LINKS:
        assert f'href="{href}"' in html and label in html
    for landmark in ("<header", "<main", "<footer", 'aria-label="主导航"', 'class="skip"'):
        assert landmark in html


def test_reader_marks_every_fact_with_its_permalink_anchor(client, sample_facts):
    rid = sample_facts["indicator"]["report_id"]
    data = client.get(f"/api/v1/reports/{rid}").json()
    html = client.get(f"/reports/{rid}").text
    for fact_type, facts in data["facts"].items():
        for f in facts:
            assert f'id="f-{fact_type}-{f["id"]}"' in html, (fact_type, f["id"])
            assert f'href="#f-{fact_type}-{f["id"]}"' in html
    for i, section in enumerate(data["report"]["sections"]):
        assert section["title"] in html
    article = html.split('class="report-text"')[1].split("</article>")[0]
    body = "".join(re.findall(r'<div class="text">(.*?)</div>', article, flags=re.S))
    import html as html_lib

    assert html_lib.unescape(re.sub(r"<[^>]+>", "", body)) == data["report"]["text"]


def test_reader_highlights_a_search_hit_span(client, sample_facts):
    rid = sample_facts["indicator"]["report_id"]
    html = client.get(f"/reports/{rid}?hl=5-15").text
    assert 'id="f-hit-0"' in html
    assert client.get(f"/reports/{rid}?hl=abc").status_code == 422


def test_fact_links_on_tables_point_at_reader_anchors(client, sample_facts):
    code = sample_facts["region_codes"][0]
    for url in (f"/regions/{code}", "/compare", "/projects", "/indicators"):
        html = client.get(url).text
        links = re.findall(r'href="(/reports/\d+#f-[a-z]+-\d+)"', html)
        if url in ("/compare", "/indicators"):
            assert links, url


def test_region_page_shows_the_channel_name_and_chart_data_as_json_block(client, sample_facts):
    for code in sample_facts["region_codes"]:
        html = client.get(f"/regions/{code}").text
        name = client.get(f"/api/v1/regions/{code}").json()["region"]["name"]
        assert f"【{name}招商】" in html
        if 'class="chart-data"' in html:
            assert 'type="application/json"' in html and "echarts.min.js" in html
            return
    pytest.fail("no region page has a chart")


def test_html_downloads_come_from_the_same_pages(client):
    r = client.get("/projects?format=xlsx")
    assert r.status_code == 200 and r.content[:2] == b"PK"


def test_unknown_pages_and_bad_parameters_get_chinese_error_pages(client):
    r = client.get("/reports/99999999")
    assert r.status_code == 404 and "页面不存在" in r.text and "Traceback" not in r.text
    r = client.get("/regions/not-a-region")
    assert r.status_code == 404
    r = client.get("/reports?per_page=abc")
    assert r.status_code == 422 and "参数有误" in r.text


def test_an_internal_error_shows_no_stack_trace(ingested_sqlite):
    app = create_app(ingested_sqlite.url)

    @app.get("/boom")
    @app.get("/api/v1/boom")
    def boom() -> None:
        raise RuntimeError("secret detail /etc/passwd")

    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/boom")
        assert r.status_code == 500
        assert "secret" not in r.text and "Traceback" not in r.text and "服务器内部错误" in r.text
        j = c.get("/api/v1/boom")
        assert j.status_code == 500 and j.json() == {"detail": "internal error"}


def test_query_text_is_escaped_everywhere_it_is_echoed(client):
    evil = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'
    for url in ("/search?q=", "/reports?q=", "/regions?q=", "/projects?q="):
        html = client.get(url + evil).text
        assert "<script>alert(1)" not in html and "<img src=x" not in html, url


def test_search_snippets_keep_only_mark_tags():
    dirty = '发展<mark>新能源</mark>&lt;b&gt;<img src=x onerror=alert(1)>产业'
    out = str(safe_snippet(dirty))
    assert "<mark>新能源</mark>" in out
    assert "<img" not in out and "&lt;img" in out and "&lt;b&gt;" in out


def test_static_files_are_cacheable_and_versioned(client):
    html = client.get("/").text
    css = re.search(r'href="(/static/css/site\.css\?v=[0-9a-f]+)"', html)
    assert css
    r = client.get(css.group(1))
    assert r.status_code == 200 and "max-age" in r.headers["cache-control"]


def test_error_responses_keep_the_headers_of_the_exception(client):
    r = client.post("/")
    assert r.status_code == 405 and "GET" in r.headers.get("allow", "")
    assert "不支持的请求方法" in r.text
