"""Network page at scale: time kg.viz on a replicated build, and the WebGL view in headless Chromium.

    .venv/bin/python bench/viz_scale.py replicate /tmp/seeds-out/graph.trig 300 /tmp/big-store
    .venv/bin/python bench/viz_scale.py page /tmp/big-store /tmp/network.html      # time write_html
    .venv/bin/python bench/viz_scale.py webgl 20000 50000 /tmp/webgl.html          # browser figures

`replicate` copies a build's quads N times as a replicated corpus would make them: articles, sentences,
pages and events get one IRI per copy, entities, posts and statements are shared (resolution merges
them), so hubs grow with the corpus as they do in a real archive.
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import pyoxigraph as ox

from kg.vocab import ID

PER_COPY = tuple(str(ID) + k for k in ("article/", "sentence/", "event/", "page/"))


def _copy(term, r: int):
    if isinstance(term, ox.NamedNode):
        for base in PER_COPY:
            if term.value.startswith(base):
                return ox.NamedNode(f"{base}r{r:04d}_{term.value[len(base):]}")
    return term


def replicate(src: Path, copies: int, dest: Path) -> int:
    quads = list(ox.parse(path=str(src), format=ox.RdfFormat.TRIG))
    store = ox.Store(str(dest))
    for r in range(copies):
        store.bulk_extend(ox.Quad(_copy(q.subject, r), q.predicate, _copy(q.object, r),
                                  _copy(q.graph_name, r) if isinstance(q.graph_name, ox.NamedNode) else q.graph_name)
                          for q in quads)
    store.flush()
    return len(store)


def time_page(store_path: Path, out: Path, **options) -> dict:
    from kg.viz import write_html
    store = ox.Store.read_only(str(store_path))
    t0 = time.perf_counter()
    write_html(store, out, **options)
    return {"quads": len(store), "seconds": round(time.perf_counter() - t0, 2), "bytes": out.stat().st_size}


def synthetic(n_nodes: int, n_edges: int, seed: int = 1) -> ox.Store:
    """A store of ``n_nodes`` typed, labelled entities/events and ``n_edges`` distinct relation/role triples
    between them (preferential attachment: a few hubs, a long tail, as in the news graphs)."""
    import random
    from kg.vocab import GOVKG, RDF, RDFS
    rnd = random.Random(seed)
    kinds = [("person", GOVKG.Official), ("body", GOVKG.GovernmentBody), ("enterprise", GOVKG.Enterprise),
             ("event", GOVKG.Meeting), ("area", GOVKG.Area), ("campaign", GOVKG.Campaign)]
    han = [chr(c) for c in range(0x4E00, 0x4E00 + 2000)]
    iris, quads = [], []
    for i in range(n_nodes):
        kind, cls = kinds[i % len(kinds)]
        node = ox.NamedNode(f"{ID}{kind}/n{i:06d}")
        iris.append(node)
        quads.append(ox.Quad(node, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(cls))))
        quads.append(ox.Quad(node, ox.NamedNode(str(RDFS.label)),
                             ox.Literal("".join(rnd.choice(han) for _ in range(3)) + str(i), language="zh")))
    props = [ox.NamedNode(str(p)) for p in (GOVKG.attendee, GOVKG.organizer, GOVKG.serves, GOVKG.locatedIn,
                                            GOVKG.conducts, GOVKG.cooperatesWith)]
    seen, ends = set(), [0]
    while len(seen) < n_edges:
        a = rnd.randrange(n_nodes)
        b = rnd.choice(ends) if rnd.random() < 0.7 else rnd.randrange(n_nodes)
        p = rnd.randrange(len(props))
        if a != b and (a, b, p) not in seen:
            seen.add((a, b, p))
            ends += [a, b]
            quads.append(ox.Quad(iris[a], props[p], iris[b]))
    store = ox.Store()
    store.bulk_extend(quads)
    return store


CHROMIUM_ARGS = ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,900",
                 "--force-device-scale-factor=1", "--lang=zh-CN", "--proxy-server=127.0.0.1:9",
                 "--disable-background-networking", "--use-angle=swiftshader", "--enable-unsafe-swiftshader")


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    os.environ["SE_AVOID_STATS"] = "true"
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for a in CHROMIUM_ARGS:
        opts.add_argument(a)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)


def open_page(driver, path: Path, timeout: float = 120) -> float:
    driver.get(path.resolve().as_uri())
    deadline = time.monotonic() + timeout
    while not driver.execute_script("return !!(window.kgView && window.kgView.ready)"):
        if time.monotonic() > deadline:
            raise RuntimeError("page never drew")
        time.sleep(0.05)
    return driver.execute_script("return kgView.readyAt")


# one pan and one zoom of the WebGL view: camera moves, timed until sigma's next rendered frame
_PAN_ZOOM = """
const done = arguments[arguments.length - 1], r = kgView.renderer, cam = r.getCamera(), times = [];
const steps = [{x: 0.45, y: 0.5, ratio: 1}, {x: 0.55, y: 0.45, ratio: 1}, {x: 0.5, y: 0.5, ratio: 0.5},
               {x: 0.5, y: 0.5, ratio: 0.25}, {x: 0.6, y: 0.55, ratio: 0.25}, {x: 0.5, y: 0.5, ratio: 1}];
let i = 0;
const gls = Object.values(r.getCanvases()).map(c => c.getContext("webgl2") || c.getContext("webgl")).filter(g => g);
function finish() { const px = new Uint8Array(4); gls.forEach(g => g.readPixels(0, 0, 1, 1, g.RGBA, g.UNSIGNED_BYTE, px)); }
finish();
function next() {
  if (i === steps.length) { done(times); return; }
  const t = performance.now();
  let seen = false;
  // afterRender: sigma has issued the frame; readPixels waits until the GPU (here SwiftShader) drew it
  r.once("afterRender", () => { seen = true; const js = performance.now() - t; finish();
                                times.push([js, performance.now() - t]); i++; setTimeout(next, 30); });
  cam.setState(steps[i]);
  setTimeout(() => { if (!seen) { times.push(-1); i = steps.length; next(); } }, 20000);
}
next();
"""


_NEXT_FRAME = """const done = arguments[arguments.length - 1], r = kgView.renderer;
const gls = Object.values(r.getCanvases()).map(c => c.getContext("webgl2") || c.getContext("webgl")).filter(g => g);
r.once("afterRender", () => { const px = new Uint8Array(4);
  gls.forEach(g => g.readPixels(0, 0, 1, 1, g.RGBA, g.UNSIGNED_BYTE, px)); done(performance.now()); });
window.__kgArmed = performance.now();"""


def user_drag_and_wheel(d) -> list[int]:
    """A real mouse drag (3 moves) and 2 wheel steps through DevTools input events: ms from the event
    until sigma's frame is drawn (edges and labels are hidden while moving, as for a user)."""
    rect = d.execute_script("const b = document.querySelector('#kg-network').getBoundingClientRect();"
                            "return [b.left + b.width / 2, b.top + b.height / 2];")
    x, y = rect
    out = []
    def timed(event: dict) -> None:
        d.execute_script("window.__kgFrame = null; (function(){" + _NEXT_FRAME.replace(
            "done(performance.now())", "window.__kgFrame = performance.now()").replace(
            "const done = arguments[arguments.length - 1], ", "const ") + "})()")
        t0 = d.execute_script("return performance.now()")
        d.execute_cdp_cmd("Input.dispatchMouseEvent", event)
        deadline = time.monotonic() + 60
        while d.execute_script("return window.__kgFrame") is None and time.monotonic() < deadline:
            time.sleep(0.01)
        out.append(round((d.execute_script("return window.__kgFrame") or 0) - t0))
    d.execute_cdp_cmd("Input.dispatchMouseEvent", {"type": "mousePressed", "x": x, "y": y, "button": "left",
                                                   "clickCount": 1})
    for k in range(1, 4):
        timed({"type": "mouseMoved", "x": x + 40 * k, "y": y + 15 * k, "button": "left", "buttons": 1})
    d.execute_cdp_cmd("Input.dispatchMouseEvent", {"type": "mouseReleased", "x": x + 120, "y": y + 45,
                                                   "button": "left", "clickCount": 1})
    time.sleep(1.0)
    for delta in (-240, 240):
        timed({"type": "mouseWheel", "x": x, "y": y, "deltaX": 0, "deltaY": delta})
    return out


def measure_webgl(n_nodes: int, n_edges: int, out: Path, shots: Path | None = None) -> dict:
    from kg.viz import write_html
    store = synthetic(n_nodes, n_edges)
    t0 = time.perf_counter()
    write_html(store, out, engine="webgl", max_nodes=n_nodes, warn=lambda m: None)
    render_s = time.perf_counter() - t0
    d = browser()
    try:
        first_ms = open_page(d, out)
        counts = d.execute_script("return [kgView.nodeCount, kgView.edgeCount]")
        d.set_script_timeout(300)
        frames = d.execute_async_script(_PAN_ZOOM)
        user = user_drag_and_wheel(d)
        if shots:
            d.save_screenshot(str(shots))
    finally:
        d.quit()
    return {"nodes": counts[0], "edges": counts[1], "python_render_s": round(render_s, 1),
            "page_mb": round(out.stat().st_size / 2**20, 1), "first_frame_ms": round(first_ms),
            "pan_zoom_js_ms": [round(t[0]) for t in frames], "pan_zoom_frame_ms": [round(t[1]) for t in frames],
            "user_drag_wheel_ms": user, "load_avg": os.getloadavg()[0]}


def main(argv: list[str]) -> int:
    cmd, *rest = argv
    if cmd == "replicate":
        t0 = time.perf_counter()
        n = replicate(Path(rest[0]), int(rest[1]), Path(rest[2]))
        print(f"{n} quads in {time.perf_counter() - t0:.1f} s")
    elif cmd == "page":
        opts = json.loads(rest[2]) if len(rest) > 2 else {}
        print(json.dumps(time_page(Path(rest[0]), Path(rest[1]), **opts)))
    elif cmd == "webgl":
        shots = Path(rest[3]) if len(rest) > 3 else None
        print(json.dumps(measure_webgl(int(rest[0]), int(rest[1]), Path(rest[2]), shots)))
    elif cmd == "shot":   # screenshot of a page: shot PAGE PNG [JS to run first]
        d = browser()
        try:
            open_page(d, Path(rest[0]))
            if len(rest) > 2:
                d.execute_script(rest[2])
                time.sleep(0.8)
            d.save_screenshot(rest[1])
        finally:
            d.quit()
    else:
        raise SystemExit(__doc__)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
