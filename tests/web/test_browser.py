"""The portal in a real browser: Debian's chromium driven by Playwright.

Opens every page on the samples (no console errors, no failed requests: nothing is
fetched from outside), clicks a fact in the reader and checks the span it lands on,
runs a comparison and downloads its CSV, searches, and saves screenshots of the main
pages into docs/screenshots/ for the README.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from web_support import screenshot

pytestmark = pytest.mark.browser

def test_every_page_opens_without_errors_or_outside_requests(page, live_server, sample_facts):
    code = sample_facts["region_codes"][0]
    rid = sample_facts["report_ids"][0]
    for path in ("/", "/regions", f"/regions/{code}", "/reports", f"/reports/{rid}", "/compare", "/map",
                 "/targets", "/projects", "/industries", "/indicators", "/search?q=产业", "/docs"):  # fmt: skip
        response = page.goto(live_server + path, wait_until="networkidle")
        assert response and response.status == 200, path
        assert page.locator("h1, #swagger-ui").first.is_visible(), path
    assert page.problems == []


def test_home_and_region_channel_screens(page, live_server, sample_facts):
    page.goto(live_server + "/", wait_until="networkidle")
    screenshot(page, "home")
    charts = [c for c in sample_facts["region_codes"]]
    for code in charts:
        page.goto(f"{live_server}/regions/{code}", wait_until="networkidle")
        if page.locator("#headline-chart").count():
            page.wait_for_selector("#headline-chart[data-ready] canvas")
            screenshot(page, "region")
            break
    assert page.problems == []


def test_clicking_a_fact_scrolls_the_reader_to_its_span(page, live_server, sample_facts):
    ind = sample_facts["indicator"]
    page.goto(f"{live_server}/reports/{ind['report_id']}", wait_until="networkidle")
    links = page.locator(".fact-link")
    assert links.count() > 0
    link = links.nth(links.count() - 1)  # the last fact: far below the fold
    key = link.get_attribute("data-fact")
    target = page.locator(f"#f-{key}")
    assert not _in_viewport(page, target)
    link.click()
    page.wait_for_function(
        "id => { const r = document.getElementById(id).getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight; }",
        arg=f"f-{key}",
    )
    fact_type, fact_id = key.rsplit("-", 1)
    facts = page.request.get(f"{live_server}/api/v1/reports/{ind['report_id']}?text=false").json()["facts"][fact_type]
    quote = next(f["quote"] for f in facts if str(f["id"]) == fact_id)
    parts = page.locator(f'mark[data-fact="{key}"]')
    assert "".join(parts.nth(i).evaluate("e => e.textContent") for i in range(parts.count()))[: len(quote)] == quote
    assert "flash" in (target.get_attribute("class") or "")
    assert page.url.endswith(f"#f-{key}")
    assert page.problems == []


def test_a_permalink_opens_the_reader_on_the_fact(page, live_server, sample_facts):
    ind = sample_facts["indicator"]
    page.goto(f"{live_server}/reports/{ind['report_id']}#f-indicator-{ind['id']}", wait_until="networkidle")
    target = page.locator(f"#f-indicator-{ind['id']}")
    assert _in_viewport(page, target)
    assert target.evaluate("e => e.textContent") == ind["quote"]
    assert "flash" in (target.get_attribute("class") or "")
    screenshot(page, "reader")


def test_running_a_comparison_and_downloading_its_csv(page, live_server):
    page.goto(live_server + "/compare", wait_until="networkidle")
    page.locator('input[name="kind"][value="target"]').check()
    page.locator("#compare-submit").click()
    page.wait_for_load_state("networkidle")
    assert "kind=target" in page.url
    rows = page.locator("#compare-table tbody tr")
    assert rows.count() >= 1
    page.wait_for_selector("#compare-chart[data-ready] canvas")
    first_region = rows.nth(0).locator("td").nth(1).inner_text()
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV").click()
    content = Path(info.value.path()).read_text(encoding="utf-8-sig")
    table = list(csv.DictReader(io.StringIO(content)))
    assert len(table) == rows.count()
    assert any(r["地区"] == first_region for r in table)
    assert all(r["quote"] for r in table)
    screenshot(page, "compare")
    assert page.problems == []


def test_sorting_the_comparison_table_in_the_browser(page, live_server):
    page.goto(live_server + "/compare", wait_until="networkidle")
    rows = page.locator("#compare-table tbody tr")
    if rows.count() < 2:
        pytest.skip("need two rows to sort")
    page.locator("#compare-table thead th").nth(1).locator("button").click()
    names = [rows.nth(i).locator("td").nth(1).inner_text() for i in range(rows.count())]
    # the table sorts Chinese names by the browser's zh-CN collation (pinyin), not code points
    expected = page.evaluate("n => n.slice().sort((a, b) => b.localeCompare(a, 'zh-CN'))", names)
    assert names == expected
    page.locator("#compare-table thead th").nth(1).locator("button").click()
    again = [rows.nth(i).locator("td").nth(1).inner_text() for i in range(rows.count())]
    assert again == expected[::-1]


def test_map_draws_and_search_links_to_the_matching_span(page, live_server):
    page.goto(live_server + "/map", wait_until="networkidle")
    if page.locator("#map-chart").count():
        page.wait_for_selector("#map-chart[data-ready] canvas")
        page.wait_for_timeout(500)
    screenshot(page, "map")
    page.goto(live_server + "/", wait_until="networkidle")
    page.fill("#home-q", "地区生产总值")
    page.press("#home-q", "Enter")
    page.wait_for_load_state("networkidle")
    hits = page.locator(".snippet a")
    assert hits.count() > 0
    assert hits.first.locator("mark").count() >= 1
    hits.first.click()
    page.wait_for_load_state("networkidle")
    hit = page.locator("#f-hit-0")
    assert _in_viewport(page, hit)
    assert "地区生产总值" in hit.evaluate("e => e.textContent") or hit.evaluate("e => e.textContent")
    assert page.problems == []


def test_reader_is_usable_on_a_phone(browser, live_server, sample_facts):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    pg = context.new_page()
    pg.goto(f"{live_server}/reports/{sample_facts['indicator']['report_id']}", wait_until="networkidle")
    width = pg.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1, "no horizontal scrolling on a phone"
    context.close()


def _in_viewport(page: Any, locator: Any) -> bool:
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    return bool(box) and box["y"] >= 0 and box["y"] + box["height"] <= height
