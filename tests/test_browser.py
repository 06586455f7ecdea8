"""The network page in a real browser: headless Chromium driven by Playwright.

Uses Debian's ``chromium`` (``/usr/bin/chromium``, or ``$KG_CHROMIUM``) through
Playwright's ``executable_path``, with no browser download. Where either is
missing the tests are skipped, and the summary of the run says so in a line
of its own with the command that installs them (``tests/conftest.py``);
with ``KG_REQUIRE_BROWSER=1`` (``.ci/run`` sets it) they fail instead. The
browser is offline: any request that leaves the page fails the test.
"""

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.query import query

from .conftest import DATA, EXCERPTS, REPORTS

#: The page's meta.reports: the reports' file names, sorted.
REPORT_NAMES = sorted(p.name for p in REPORTS.glob("*.txt"))

CHROMIUM = os.environ.get("KG_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
try:
    import playwright.sync_api as playwright
except ImportError:
    playwright = None
if playwright is None:
    MISSING = "Playwright's Python package is not installed: python3 -m pip install -e '.[test]'"
elif not Path(CHROMIUM).exists():
    MISSING = f"no Chromium at {CHROMIUM}: apt-get install chromium fonts-noto-cjk (or set KG_CHROMIUM)"
else:
    MISSING = None
if MISSING and os.environ.get("KG_REQUIRE_BROWSER"):
    raise RuntimeError(f"KG_REQUIRE_BROWSER is set and the browser tests cannot run: {MISSING}")
pytestmark = pytest.mark.skipif(bool(MISSING), reason=f"browser tests not run: {MISSING}")

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic"]


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Page:
    """A loaded network page and what it did: requests off the file, errors, dialogs."""

    def __init__(self, browser, path: Path):
        self.context = browser.new_context(viewport={"width": 1400, "height": 900}, offline=True)
        self.page = self.context.new_page()
        self.outside, self.errors, self.dialogs = [], [], []
        self.page.on("request", lambda r: None if r.url.startswith(("file:", "data:", "about:")) else self.outside.append(r.url))
        self.page.on("requestfailed", lambda r: self.outside.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.as_uri())
        self.page.wait_for_function("window.kgReady === true && window.kgSettledMs !== undefined", timeout=30000)

    def js(self, expression):
        return self.page.evaluate(expression)

    def view(self, name: str) -> None:
        """Switch to a view with its button and wait until its layout has settled."""
        self.page.click(f"#kg-view-{name}")
        assert self.js("window.kgView") == name
        self.page.wait_for_function("!network.physics.physicsEnabled", timeout=30000)

    def click_node(self, node_id: str) -> None:
        x, y = self.js(f"""(() => {{ const p = network.getPositions([{node_id!r}])[{node_id!r}];
            network.moveTo({{position: p, scale: 1.5, animation: false}});
            const d = network.canvasToDOM(p); const r = document.getElementById('mynetwork').getBoundingClientRect();
            return [d.x + r.left, d.y + r.top]; }})()""")
        self.page.mouse.click(x, y)

    def close(self):
        self.context.close()


@pytest.fixture(scope="module")
def sample(browser, built):
    """The samples' page in its relation view."""
    page = Page(browser, built / "network.html")
    page.view("relations")
    yield page
    page.close()


@pytest.fixture(scope="module")
def excerpts_page(browser, tmp_path_factory):
    """The page of a build of the twenty excerpts (several kinds and years), as it opens."""
    out = tmp_path_factory.mktemp("excerpts") / "out"
    result = CliRunner().invoke(main, ["build", str(EXCERPTS), "-o", str(out), "--no-cache", "--jobs", "2"])
    assert result.exit_code == 0, result.output
    page = Page(browser, out / "network.html")
    yield page
    page.close()


def test_the_page_opens_on_the_cross_report_view(browser, built):
    """The default view: the entities named by the most reports, and the reports that name them."""
    import json

    data = json.loads((built / "network.json").read_text(encoding="utf-8"))
    page = Page(browser, built / "network.html")
    try:
        assert page.js("window.kgView") == "across" and page.errors == [] and page.outside == []
        reports = page.js("nodes.get({filter: n => n.kg_kind === 'report'}).map(n => n.report)")
        assert sorted(reports) == list(range(len(REPORT_NAMES)))
        shown = page.js("nodes.get({filter: n => n.kg_kind === 'entity'})")
        assert len(shown) == min(200, len(data["nodes"]))
        least = min(n["value"] for n in shown)
        ids = {n["id"] for n in shown}
        assert all(n["value"] <= least for n in data["nodes"] if n["id"] not in ids)  # the most widely named
        # one line per report that names a shown entity, from the report to the entity
        lines = page.js("edges.get().map(e => [e.from, e.to])")
        assert sorted(lines) == sorted([f"report:{r}", n["id"]] for n in shown for r in n["reports"])
        # entities coloured by community, as the graph numbers them
        node = max(shown, key=lambda n: n["value"])
        assert node["community"] >= 1
        assert page.js(f"network.body.nodes[{node['id']!r}].options.color.background") == \
            page.js(f"kgColours.community({node['community']})")
        assert "社区 communities" in page.page.inner_text("#kg-legend")
        # a report node tells which report it is
        page.click_node("report:0")
        panel = page.page.inner_text("#kg-panel")
        assert REPORT_NAMES[0] in panel and "party-committee" in panel
        # to the relation view and back: every entity, then the same nodes, labels scaled by reports
        page.view("relations")
        assert page.js("nodes.length") == len(data["nodes"])
        page.page.click("#kg-view-across")
        assert page.js("nodes.get({filter: n => n.kg_kind === 'entity'}).length") == len(shown)
        assert page.js(f"network.body.nodes[{node['id']!r}].options.font.size") > 13
        assert page.errors == []
    finally:
        page.close()


def test_facet_filters_keep_the_reports_of_a_year_range_and_a_kind(excerpts_page):
    page = excerpts_page
    reports = page.js("JSON.parse(document.getElementById('kg-meta').textContent).reports")
    years = sorted({int(r["year"]) for r in reports if "year" in r})
    assert len(years) > 3 and {r.get("kind") for r in reports} >= {"government", "party-congress"}
    page.page.fill("#kg-year-from", "2019")
    page.page.fill("#kg-year-to", "2024")
    inside = [i for i, r in enumerate(reports) if "year" in r and 2019 <= int(r["year"]) <= 2024]
    assert page.js("window.kgVisibleReports") == len(inside) > 0
    shown = page.js("nodes.get({filter: n => !n.hidden})")
    assert sorted(n["report"] for n in shown if n["kg_kind"] == "report") == inside
    assert all(set(n["reports"]) & set(inside) for n in shown if n["kg_kind"] == "entity")
    page.page.select_option("#kg-kind", "party-congress")
    kept = [i for i in inside if reports[i].get("kind") == "party-congress"]
    assert page.js("window.kgVisibleReports") == len(kept)
    page.page.select_option("#kg-kind", "")
    page.page.fill("#kg-year-from", str(years[0]))
    page.page.fill("#kg-year-to", str(years[-1]))
    assert page.js("window.kgVisibleReports") == len([r for r in reports if "year" in r])
    assert page.errors == []


def test_the_panel_says_which_rule_found_an_entity_and_a_relation(sample):
    node = sample.js("nodes.get({filter: n => n.label === '扫黑除恶专项斗争'})[0]")
    sample.click_node(node["id"])
    panel = sample.page.inner_text("#kg-panel")
    assert "found by:" in panel
    for method, count in node["methods"].items():
        assert f"{method} ×{count}" in panel
    relation = sample.js(f"edges.get({{filter: e => e.to === {node['id']!r}}})[0]")
    assert relation["evidence"][0][4].startswith("verb:")
    assert f"[{relation['evidence'][0][4]}]" in sample.page.inner_text("#kg-relation-list")


def test_page_loads_offline_with_no_request_leaving_it(sample):
    assert sample.outside == []
    assert sample.errors == []


def test_node_count_equals_the_graphs_entities(sample, built):
    entities = query("PREFIX kg: <https://w3id.org/kg-reports/ontology#> "
                     "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?r kg:mentions ?e }", built).rows[0][0]
    assert sample.js("nodes.length") == int(entities)
    assert sample.js("window.kgVisibleNodes") == int(entities)


def test_type_filter_hides_exactly_that_type(sample):
    total = sample.js("nodes.length")
    campaigns = sample.js("nodes.get({filter: n => n.kg_type === 'Campaign'}).length")
    sample.page.uncheck("input[data-types='Campaign']")
    assert sample.js("window.kgVisibleNodes") == total - campaigns
    assert sample.js("nodes.get({filter: n => n.hidden}).every(n => n.kg_type === 'Campaign')")
    sample.page.check("input[data-types='Campaign']")
    assert sample.js("window.kgVisibleNodes") == total


def test_relation_filter_hides_exactly_that_relation(sample):
    issued = sample.js("edges.get({filter: e => e.rel === 'issued'}).length")
    assert issued > 0
    sample.page.uncheck("input[data-relations='issued']")
    hidden = sample.js("edges.get({filter: e => e.hidden}).map(e => e.rel)")
    assert len(hidden) == issued and set(hidden) == {"issued"}
    sample.page.check("input[data-relations='issued']")
    assert sample.js("edges.get({filter: e => e.hidden}).length") == 0


def test_report_and_min_reports_filters(sample):
    sample.page.select_option("#kg-reports", "000_bda7739a96efcbec.txt")
    shown = sample.js("nodes.get({filter: n => !n.hidden})")
    first = REPORT_NAMES.index("000_bda7739a96efcbec.txt")  # nodes name reports by position
    assert shown and all(first in n["reports"] for n in shown)
    assert len(shown) < sample.js("nodes.length")
    sample.page.select_option("#kg-reports", "")
    sample.page.fill("#kg-min", "5")
    shown = sample.js("nodes.get({filter: n => !n.hidden})")
    assert shown and all(n["value"] >= 5 for n in shown)
    assert "习近平新时代中国特色社会主义思想" in {n["label"] for n in shown}
    sample.page.fill("#kg-min", "1")


def test_chinese_search_finds_by_name_and_alias(sample):
    sample.page.fill("#kg-search", "扫黑除恶")
    assert sample.js("window.kgSearchHits") >= 1
    assert "扫黑除恶专项斗争" in sample.page.inner_text("#kg-matches")
    sample.page.fill("#kg-search", "中央")  # an alias of 党中央
    labels = sample.js("network.getSelectedNodes().map(id => nodes.get(id).label)")
    assert "党中央" in labels
    sample.page.fill("#kg-search", "")


def test_clicking_a_node_fills_the_panel(sample):
    node = sample.js("nodes.get({filter: n => n.label === '扫黑除恶专项斗争'})[0]")
    sample.click_node(node["id"])
    panel = sample.page.inner_text("#kg-panel")
    assert panel.startswith("扫黑除恶专项斗争")
    assert "Campaign" in panel
    for report in node["reports"]:
        assert REPORT_NAMES[report] in panel
    evidence = sample.page.locator("#kg-evidence li")
    assert evidence.count() == len(node["evidence"]) > 0
    first = node["evidence"][0]
    assert f"{first[0]} · 字符 chars {first[1]}–{first[2]}" in evidence.first.inner_text()


def test_hostile_report_text_stays_inert(browser, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(DATA / "hostile.txt"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = Page(browser, out / "network.html")
    try:
        node = page.js("nodes.get({filter: n => n.label.includes('<script>')})[0]")
        assert node is not None
        page.click_node(node["id"])
        assert "<script>alert(1)</script>" in page.page.inner_text("#kg-panel")
        page.page.fill("#kg-search", "<img")
        page.page.wait_for_timeout(200)
        assert page.dialogs == []
        assert page.js("document.querySelectorAll('#kg-panel script, #kg-panel img, #kg-matches img').length") == 0
        assert page.errors == [] and page.outside == []
    finally:
        page.close()


def test_the_year_heat_map_sorts_and_shows_each_reports_evidence(browser, tmp_path):
    """across.html of the 43 State Council reports: the heat map opens offline, sorts by first year and
    by spread, and a click on an entity lists its reports with a sentence that names it."""
    from click.testing import CliRunner

    from kg.cli import main

    collection = Path(__file__).resolve().parent.parent / "data" / "collections" / "state-council"
    out = tmp_path / "sc"
    result = CliRunner().invoke(main, ["build", str(collection), "-o", str(out), "--jobs", "2", "--no-cache"])
    assert result.exit_code == 0, result.output
    context = browser.new_context(viewport={"width": 1300, "height": 900}, offline=True)
    page = context.new_page()
    outside, errors = [], []
    page.on("request", lambda r: None if r.url.startswith(("file:", "data:", "about:")) else outside.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((out / "across.html").as_uri())
    years = page.locator("#heat th.y").all_inner_texts()
    assert len(years) == 43 and years[0] == "1978" and years[-1] == "2025"
    page.click('button[data-sort="first"]')
    firsts = page.locator("#heat tbody tr td:nth-child(2)").all_inner_texts()
    assert firsts == sorted(firsts, key=lambda y: int(y or 9999))
    page.click('button[data-sort="spread"]')
    assert page.evaluate("window.kgHeatOrder[0]") == "国务院"  # named by all 43
    page.locator("#heat td.e", has_text="新质生产力").first.click()
    items = page.locator("#evidence li").all_inner_texts()
    assert page.evaluate("window.kgShown") == "新质生产力"
    assert len(items) == 2 and all("新质生产力" in item for item in items)
    assert items[0].startswith("2024 2024_国务院政府工作报告.txt")
    page.select_option("#facet", "2")  # columns by level: the nation's reports are all national
    assert page.locator("#heat th.y").all_inner_texts() == ["national"]
    page.select_option("#facet", "3")
    assert page.locator("#heat th.y").all_inner_texts() == ["government"]
    assert outside == [] and errors == []
    context.close()
