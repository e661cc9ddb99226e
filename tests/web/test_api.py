"""The JSON API on the ten ingested samples: every endpoint, its paging, filters,
sorting, downloads, and provenance that points at the exact characters."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from openpyxl import load_workbook


def get(client: Any, url: str, status: int = 200) -> Any:
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code, r.text[:500])
    return r.json()


def test_home_api_counts_the_corpus_and_groups_regions_by_province(client, sample_facts):
    data = get(client, "/api/v1/home")
    assert data["reports"] == len(sample_facts["report_ids"])
    assert data["facts_total"] == sum(data["facts"].values()) > 0
    grouped = [r["code"] for g in data["provinces"] for r in g["regions"]]
    assert sorted(grouped) == sample_facts["region_codes"]
    for group in data["provinces"]:
        assert all(r["code"].startswith(group["code"][:2]) for r in group["regions"])
        assert all(r["url"] == f"/regions/{r['code']}" for r in group["regions"])
    assert data["latest_reports"] and all(r["url"] == f"/reports/{r['id']}" for r in data["latest_reports"])


def test_reports_list_pages_filters_and_sorts(client, sample_facts):
    n = len(sample_facts["report_ids"])
    first = get(client, "/api/v1/reports?per_page=3&page=1&sort=id")
    second = get(client, "/api/v1/reports?per_page=3&page=2&sort=id")
    assert first["total"] == n and first["pages"] == -(-n // 3)
    ids = [r["id"] for r in first["items"] + second["items"]]
    assert ids == sorted(ids) and len(set(ids)) == 6
    desc = get(client, "/api/v1/reports?sort=-id")
    assert [r["id"] for r in desc["items"]] == sorted(sample_facts["report_ids"], reverse=True)
    code = sample_facts["region_codes"][0]
    only = get(client, f"/api/v1/reports?region={code}&children=false")
    assert only["total"] >= 1 and all(r["region_code"] == code for r in only["items"])
    province = code[:2] + "0000"
    within = get(client, f"/api/v1/reports?region={province}")
    assert code in {r["region_code"] for r in within["items"]}
    assert all(r["region_code"].startswith(code[:2]) for r in within["items"])


def test_reports_list_rejects_a_page_size_beyond_the_limit(client):
    get(client, "/api/v1/reports?per_page=100000", status=422)


def test_report_detail_returns_text_sections_and_facts_whose_spans_match_their_quotes(client, sample_facts):
    rid = sample_facts["indicator"]["report_id"]
    data = get(client, f"/api/v1/reports/{rid}")
    text = data["report"]["text"]
    assert data["report"]["sections"], "the samples have sections"
    total = 0
    for fact_type, facts in data["facts"].items():
        for f in facts:
            assert text[f["start"] : f["end"]] == f["quote"], (fact_type, f)
            assert f["url"] == f"/reports/{rid}#f-{fact_type}-{f['id']}"
            total += 1
    assert total == data["fact_total"] > 0
    lean = get(client, f"/api/v1/reports/{rid}?text=false")
    assert "text" not in lean["report"]


def test_unknown_report_and_unknown_path_are_json_404s(client):
    assert get(client, "/api/v1/reports/99999999", status=404)["detail"]
    assert get(client, "/api/v1/nothing-here", status=404)["detail"]


def test_regions_list_and_channel(client, sample_facts):
    data = get(client, "/api/v1/regions?per_page=500")
    assert sorted(r["code"] for r in data["items"]) == sample_facts["region_codes"]
    by_reports = get(client, "/api/v1/regions?sort=-reports")
    counts = [r["report_count"] for r in by_reports["items"]]
    assert counts == sorted(counts, reverse=True)
    code = sample_facts["region_codes"][0]
    channel = get(client, f"/api/v1/regions/{code}")
    assert channel["region"]["code"] == code
    assert channel["channel"] == f"【{channel['region']['name']}招商】"
    assert channel["reports"]
    for series in channel["indicators"]:
        for point in series["points"]:
            for side in ("actual", "target"):
                if point[side]:
                    assert point[side]["quote"] and point[side]["report_id"]


def test_region_channel_of_unknown_code_is_404(client):
    get(client, "/api/v1/regions/000001", status=404)


def test_region_channel_chart_pairs_actual_and_target_growth(client, sample_facts):
    charts = [get(client, f"/api/v1/regions/{c}")["chart"] for c in sample_facts["region_codes"]]
    drawn = [c for c in charts if c]
    assert drawn, "at least one sample region states headline growth figures"
    for chart in drawn:
        assert len(chart["series"]) == 2 and chart["unit"] == "%"
        assert all(len(s["data"]) == len(chart["categories"]) for s in chart["series"])


def test_indicators_list_filters_by_metric_and_kind_and_links_to_spans(client, sample_facts):
    ind = sample_facts["indicator"]
    data = get(client, f"/api/v1/indicators?metric={ind['metric']}&kind={ind['kind']}&per_page=500")
    assert data["total"] >= 1
    assert all(r["metric"] == ind["metric"] and r["kind"] == ind["kind"] for r in data["items"])
    assert all(r["url"].startswith(f"/reports/{r['report_id']}#f-indicator-") for r in data["items"])


def test_metrics_and_compare_rank_regions_with_provenance(client):
    options = get(client, "/api/v1/metrics?kind=actual")["items"]
    assert options
    top = options[0]
    data = get(client, f"/api/v1/compare?metric={top['metric']}&period={top['period']}&kind=actual")
    rows = data["result"]["rows"]
    assert len(rows) >= 1
    values = [r["value"] for r in rows if r["value"] is not None]
    assert values == sorted(values, reverse=True)
    assert all(r["url"] == f"/reports/{r['report_id']}#f-indicator-{r['fact_id']}" for r in rows)
    assert data["chart"]["categories"] == [r["region_name"] for r in rows if r["value"] is not None]
    asc = get(client, f"/api/v1/compare?metric={top['metric']}&period={top['period']}&sort=region")
    names = [r["region_name"] for r in asc["result"]["rows"]]
    assert names == sorted(names)


def test_compare_defaults_to_the_best_covered_metric(client):
    data = get(client, "/api/v1/compare")
    assert data["query"]["metric"] and data["query"]["period"]
    assert data["result"]["metric"] == data["query"]["metric"]


def test_compare_downloads_csv_and_xlsx_with_provenance_columns(client):
    r = client.get("/api/v1/compare?format=csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    header = rows[0]
    assert {"quote", "start", "end", "report_id"} <= set(header)
    assert len(rows) > 1
    x = client.get("/api/v1/compare?format=xlsx")
    sheet = load_workbook(io.BytesIO(x.content)).active
    assert [c.value for c in next(sheet.iter_rows(max_row=1))] == header


def test_unknown_download_format_is_refused(client):
    get(client, "/api/v1/reports?format=pdf", status=400)


def test_map_data_by_province(client):
    data = get(client, "/api/v1/map")
    if data["map"] is None:
        pytest.skip("no province-level report among the samples states a figure")
    assert data["map"]["map_code"] == "100000"
    assert data["chart"]["type"] == "map" and data["chart"]["geo_url"].startswith("/static/vendor/maps/china.json")
    for item in data["map"]["items"]:
        assert item["url"].endswith(f"#f-indicator-{item['fact_id']}")


def test_map_of_a_province_uses_the_vendored_file_whose_features_are_its_children(client, sample_facts):
    province = next(c for c in sample_facts["region_codes"] if c.endswith("0000"))
    data = get(client, f"/api/v1/map?parent={province}")
    if data["map"] is None:
        pytest.skip("no figures under this province")
    url = data["map"]["geo_url"]
    assert url and "/province/" in url
    geo = client.get(url.split("?")[0]).json()
    assert all(str(f["id"]).startswith(province[:2]) for f in geo["features"])


def test_targets_pair_each_target_with_a_status(client, sample_facts):
    code = sample_facts["region_codes"][0]
    data = get(client, f"/api/v1/targets?region={code}")
    targets = data["targets"]
    assert targets["region"]["code"] == code
    for r in targets["results"]:
        assert r["status"] in ("met", "missed", "not_reported", "pending")
        assert r["target"]["quote"] and r["target"]["url"].endswith(f"#f-indicator-{r['target']['fact_id']}")
    assert sum(targets["summary"].values()) == len(targets["results"])
    pending = get(client, f"/api/v1/targets?region={code}&status=pending")["targets"]["results"]
    assert all(r["status"] == "pending" for r in pending)


def test_targets_overview_tallies_every_region_and_exports(client, sample_facts):
    data = get(client, "/api/v1/targets")
    assert data["targets"] is None
    assert data["overview"], "the samples set targets"
    for row in data["overview"]:
        assert row["targets"] == sum(row["summary"].values())
        assert row["code"] in sample_facts["region_codes"]
    r = client.get("/api/v1/targets?format=csv")
    assert r.status_code == 200
    assert len(r.content.decode("utf-8-sig").strip().splitlines()) == len(data["overview"]) + 1


def test_projects_filter_by_investment_range_and_sort(client):
    data = get(client, "/api/v1/projects?per_page=500&sort=-investment")
    items = data["items"]
    if not items:
        pytest.skip("no projects extracted from the samples")
    amounts = [p["investment_yuan"] for p in items if p["investment_yuan"] is not None]
    assert amounts == sorted(amounts, reverse=True)
    floor = amounts[len(amounts) // 2] / 1e8
    big = get(client, f"/api/v1/projects?per_page=500&min_yi={floor}")["items"]
    assert big and all(p["investment_yuan"] >= floor * 1e8 - 1 for p in big)
    assert all(p["url"] == f"/reports/{p['report_id']}#f-project-{p['fact_id']}" for p in items)
    r = client.get("/api/v1/projects?format=csv")
    assert r.status_code == 200 and len(r.content.decode("utf-8-sig").strip().splitlines()) == data["total"] + 1


def test_projects_of_a_region_include_its_children(client, sample_facts):
    everything = get(client, "/api/v1/projects?per_page=500")["items"]
    if not everything:
        pytest.skip("no projects")
    region = everything[0]["region_code"]
    province = region[:2] + "0000"
    under = get(client, f"/api/v1/projects?per_page=500&region={province}")["items"]
    assert any(p["region_code"] == region for p in under)
    only = get(client, f"/api/v1/projects?per_page=500&region={province}&children=false")["items"]
    assert all(p["region_code"] == province for p in only)


def test_industries_matrix_and_evidence(client):
    data = get(client, "/api/v1/industries")
    matrix = data["matrix"]
    if not matrix["cells"]:
        pytest.skip("no industries extracted")
    cell = matrix["cells"][0]
    ev = get(client, f"/api/v1/industries?industry={cell['industry']}&region={cell['region']}")["evidence"]
    assert ev and all(e["industry_code"] == cell["industry"] for e in ev)
    assert all(e["quote"] in e["sentence"] for e in ev)
    assert data["chart"]["type"] == "heatmap" and len(data["chart"]["cells"]) == len(matrix["cells"])


def test_search_returns_hits_with_spans_and_facets(client, sample_facts):
    data = get(client, "/api/v1/search?q=地区生产总值")
    result = data["result"]
    assert result["total"] > 0 and result["hits"]
    hit = result["hits"][0]
    report = get(client, f"/api/v1/reports/{hit['report']['id']}")["report"]
    assert 0 <= hit["start"] < hit["end"] <= len(report["text"])
    assert hit["url"] == f"/reports/{hit['report']['id']}?hl={hit['start']}-{hit['end']}#f-hit-0"
    assert set(result["facets"]) >= {"year", "level"}


def test_search_with_an_unusable_query_is_a_400(client):
    r = client.get('/api/v1/search?q="')
    assert r.status_code in (200, 400)
    if r.status_code == 200:
        assert r.json()["result"] is None or r.json()["result"]["total"] == 0


def test_every_list_endpoint_answers_csv(client, sample_facts):
    code = sample_facts["region_codes"][0]
    for url in (
        "/api/v1/reports", "/api/v1/regions", "/api/v1/indicators", "/api/v1/projects", "/api/v1/compare",
        "/api/v1/map", f"/api/v1/targets?region={code}", "/api/v1/industries", "/api/v1/search?q=发展",
    ):  # fmt: skip
        sep = "&" if "?" in url else "?"
        r = client.get(f"{url}{sep}format=csv")
        assert r.status_code == 200, url
        assert r.content.startswith("\ufeff".encode()), url


def test_openapi_documents_the_api_and_docs_page_loads_no_cdn(client):
    spec = get(client, "/api/v1/openapi.json")
    for path in ("/api/v1/regions", "/api/v1/regions/{code}", "/api/v1/reports", "/api/v1/reports/{report_id}",
                 "/api/v1/indicators", "/api/v1/projects", "/api/v1/search"):  # fmt: skip
        assert path in spec["paths"], path
    html = client.get("/docs").text
    assert "swagger-ui-bundle.js" in html and "cdn" not in html.lower() and "http" not in html.split("<body>")[1]


def test_search_facets_are_filters_the_page_can_apply(client):
    result = get(client, "/api/v1/search?q=地区生产总值")["result"]
    for facet, param in (("province", "region"), ("level", "level"), ("year", "year")):
        rows = result["facets"].get(facet) or []
        if not rows:
            continue
        top = rows[0]
        narrowed = get(client, f"/api/v1/search?q=地区生产总值&{param}={top['value']}")["result"]
        assert narrowed["total"] == top["count"], (facet, top)
