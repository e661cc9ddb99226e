"""Participation in a real browser: a visitor registers an enterprise and sees its matches,
contributes a note, and an editor logs in and approves it — with CSRF tokens, cookies and
redirects exactly as chromium handles them."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner
from web_support import open_page, screenshot, serving

from zhaoshang.cli.main import cli
from zhaoshang.web.app import create_app

pytestmark = pytest.mark.browser
PASSWORD = "editor pass 123"


@pytest.fixture(scope="module")
def writable_server(ingested_sqlite: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A portal on its own copy of the samples, since these tests write."""
    folder = tmp_path_factory.mktemp("participation-browser")
    db = folder / "site.db"
    shutil.copy(ingested_sqlite.path, db)
    url = f"sqlite:///{db}"
    result = CliRunner().invoke(cli, ["admin", "create-user", "editor", "--password-stdin", "--db", url],
                                input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    mp = pytest.MonkeyPatch()
    mp.setenv("ZHAOSHANG_SECRET_FILE", str(folder / "secret"))
    with serving(create_app(url)) as base:
        yield base
    mp.undo()


@pytest.fixture
def visitor(browser: Any, writable_server: str) -> Iterator[Any]:
    pg = open_page(browser, writable_server)
    yield pg
    pg.context.close()


def test_an_enterprise_registers_and_sees_regions_with_evidence(visitor: Any, writable_server: str) -> None:
    visitor.goto(writable_server + "/enterprise", wait_until="networkidle")
    visitor.fill("input[name=name]", "示范新材料科技有限公司")
    visitor.fill("input[name=credit_code]", "91350100M000100Y43")
    visitor.select_option("select[name=industry_code]", "SEI-3")
    visitor.fill("input[name=planned_investment]", "50000")
    visitor.fill("input[name=contact_person]", "王经理")
    visitor.fill("input[name=phone]", "13800138000")
    visitor.click("form[action='/enterprise'] button[type=submit]")
    visitor.wait_for_selector("ol.matches li")
    assert "匹配的地区" in visitor.title()
    first = visitor.locator("ol.matches .evidence a.quote").first
    href = first.get_attribute("href")
    assert href and href.startswith("/reports/") and "#f-" in href
    screenshot(visitor, "enterprise-matches")
    with visitor.expect_download() as info:
        visitor.click("text=CSV")
    assert info.value.suggested_filename.endswith(".csv")
    first.click()
    visitor.wait_for_load_state("networkidle")
    anchor = href.split("#", 1)[1]
    assert visitor.locator(f"#{anchor}").is_visible()
    assert visitor.problems == []


def test_a_contribution_is_moderated_by_a_logged_in_editor(visitor: Any, writable_server: str) -> None:
    visitor.goto(writable_server + "/contribute", wait_until="networkidle")
    note = visitor.locator("form:has(input[name=kind][value=note])")
    note.locator("textarea[name=body]").fill("宝兴县新设立了石材产业服务中心。<b>粗体</b>")
    note.locator("input[name=contributor_name]").fill("热心读者")
    screenshot(visitor, "contribute")
    note.locator("button[type=submit]").click()
    visitor.wait_for_selector("text=审核队列")

    visitor.goto(writable_server + "/admin", wait_until="networkidle")
    assert "/login" in visitor.url
    visitor.fill("input[name=username]", "editor")
    visitor.fill("input[name=password]", PASSWORD)
    visitor.click("form[action='/login'] button[type=submit]")
    visitor.wait_for_url("**/admin")
    visitor.click("text=投稿审核")
    visitor.click("table a[href^='/admin/submissions/']")
    assert visitor.locator("pre.user-text").inner_text().endswith("<b>粗体</b>"), "user text is shown, never rendered"
    screenshot(visitor, "moderation")
    visitor.fill("input[name=reason]", "信息待核实")
    visitor.click("form[action$='/reject'] button[type=submit]")
    visitor.wait_for_url("**/admin/queue")
    visitor.goto(writable_server + "/admin/queue?status=rejected")
    assert visitor.locator("table tbody tr").count() == 1
    assert visitor.problems == []
