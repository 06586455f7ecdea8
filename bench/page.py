"""Network page: weight, settle time and frame rate in headless Chromium.

Usage::

    python bench/page.py [--graph OUTDIR | --txt-from FOLDER] [--nodes 2000 --edges 10000]

Measures, for the build in OUTDIR (default ``output``), or for a build made
here of every ``.txt`` report under FOLDER (``--txt-from ../shared/corpus``:
the 192 ``.txt`` corpus reports), and for a synthetic graph of ``--nodes``
entities and ``--edges`` relations made from it (entities copied under
numbered labels, relations drawn at random with a fixed seed):

* page weight (bytes of the HTML file);
* settle time: milliseconds from navigation start until vis-network's
  stabilisation of the view the page opens on (the cross-report view) ends
  and physics is switched off (``window.kgSettledMs``);
* frame rate while zooming with the wheel and dragging the view, after settling;
* the same settle time and frame rate for the relation view, one click away
  (settle time from the click).

Runs Debian's Chromium (``/usr/bin/chromium`` or ``$KG_CHROMIUM``) through
Playwright, offline. Prints a table and one JSON line.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.viz import render_network  # noqa: E402

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic"]

COUNT_FRAMES = """() => { window.kgFrames = 0; window.kgFrameStart = performance.now();
  (function tick() { window.kgFrames += 1; requestAnimationFrame(tick); })(); }"""
READ_FRAMES = "() => window.kgFrames / ((performance.now() - window.kgFrameStart) / 1000)"


def interact(page) -> float:
    """Zoom with the wheel and drag the view for about 3 s, as a person would; return frames per second."""
    box = page.locator("#mynetwork").bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.evaluate(COUNT_FRAMES)
    for i in range(30):
        page.mouse.move(cx, cy)
        page.mouse.wheel(0, -120 if i % 2 == 0 else 120)
        page.wait_for_timeout(30)
    page.mouse.move(cx, cy)
    page.mouse.down()
    for i in range(40):
        page.mouse.move(cx + 8 * i, cy + 4 * i, steps=2)
        page.wait_for_timeout(20)
    page.mouse.up()
    return page.evaluate(READ_FRAMES)


def synthetic(data: dict, nodes: int, edges: int, seed: int = 7) -> dict:
    """A graph of ``nodes`` entities and ``edges`` relations made from ``data``."""
    rng = random.Random(seed)
    out_nodes = []
    for i in range(nodes):
        node = copy.deepcopy(data["nodes"][i % len(data["nodes"])])
        node["id"] = f"{node['id']}-{i}"
        node["label"] = f"{node['label']}#{i}"
        out_nodes.append(node)
    relations = sorted({e["label"] for e in data["edges"]}) or ["implements"]
    out_edges = []
    for i in range(edges):
        a, b = rng.sample(range(nodes), 2)
        out_edges.append({"id": f"e{i}", "from": out_nodes[a]["id"], "to": out_nodes[b]["id"], "label": rng.choice(relations),
                          "reports": [data["reports"][0]], "evidence": [], "title": ""})
    return {"reports": data["reports"], "nodes": out_nodes, "edges": out_edges}


def measure(browser, path: Path) -> dict:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, offline=True)
    page = context.new_page()
    outside = []
    page.on("request", lambda r: None if r.url.startswith(("file:", "data:", "about:")) else outside.append(r.url))
    page.goto(path.as_uri())
    page.wait_for_function("window.kgSettledMs !== undefined && window.kgReady", timeout=120000)
    settled = page.evaluate("window.kgSettledMs")
    moving = page.evaluate("network.physics.physicsEnabled")
    view = page.evaluate("window.kgView")
    shown = page.evaluate("[nodes.length, edges.length]")
    fps = interact(page)
    result = {"bytes": path.stat().st_size, "view": view, "drawn_nodes": shown[0], "drawn_edges": shown[1],
              "settle_ms": round(settled), "fps": round(fps, 1), "physics_after_settle": moving,
              "requests_off_page": len(outside)}
    if view == "across":
        started = page.evaluate("performance.now()")
        page.click("#kg-view-relations")
        page.wait_for_function("!network.physics.physicsEnabled", timeout=120000)
        result["relations_settle_ms"] = round(page.evaluate("performance.now()") - started)
        result["relations_fps"] = round(interact(page), 1)
    context.close()
    return result


def build_txt(folder: Path, outdir: Path) -> Path:
    """Build every .txt report under ``folder`` into ``outdir`` (no cache); returns ``outdir``."""
    from kg.pipeline import build

    files = sorted(folder.rglob("*.txt"))
    summary = build(files, outdir, jobs=0)
    print(f"built {len(summary.reports)} .txt reports of {folder} in {summary.seconds:.1f} s", file=sys.stderr)
    return outdir


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graph", default=str(ROOT / "output"))
    parser.add_argument("--txt-from", default=None, help="Build every .txt report under this folder and measure its page.")
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--edges", type=int, default=10000)
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        graph = build_txt(Path(args.txt_from), Path(tmp) / "build") if args.txt_from else Path(args.graph)
        data = json.loads((graph / "network.json").read_text(encoding="utf-8"))
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        sample = graph / "network.html"
        results["build"] = {"reports": len(data["reports"]), "nodes": len(data["nodes"]), "edges": len(data["edges"]),
                            **measure(browser, sample)}
        big = synthetic(data, args.nodes, args.edges)
        big_path = Path(tmp) / "big.html"
        big_path.write_text(render_network(big), encoding="utf-8")
        results["synthetic"] = {"nodes": args.nodes, "edges": args.edges, **measure(browser, big_path)}
        browser.close()
    print(f"{'graph':<10}{'view':<10}{'drawn':>7}{'lines':>7}{'KB':>8}{'settle s':>10}{'fps':>7}  physics after")
    for name, r in results.items():
        print(f"{name:<10}{r['view']:<10}{r['drawn_nodes']:>7}{r['drawn_edges']:>7}{r['bytes'] / 1024:>8.0f}"
              f"{r['settle_ms'] / 1000:>10.2f}{r['fps']:>7}  {r['physics_after_settle']}")
        if "relations_settle_ms" in r:
            print(f"{'':<10}{'relations':<10}{'':>7}{'':>7}{'':>8}{r['relations_settle_ms'] / 1000:>10.2f}{r['relations_fps']:>7}"
                  "  (from the click)")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
