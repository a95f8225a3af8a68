"""Open an Axiom HTML report in headless chromium, check its plots rendered, and save a screenshot.

    .venv/bin/python scripts/report_screenshot.py runs/NAME/report.html docs/report.png

Two checks: (1) the DOM after load, with a probe script added to a temporary copy of the page,
says every <img class="plot"> decoded (naturalWidth > 0); (2) the screenshot is not blank: a
good share of its pixels are neither white nor grey (the plots' colours). Exit 0 when both hold,
1 when the page did not render its plots, 3 when no chromium is installed.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PROBE = """<script>
window.addEventListener('load', () => {
  const imgs = [...document.querySelectorAll('img.plot')];
  const ok = imgs.filter(i => i.complete && i.naturalWidth > 0).length;
  const p = document.createElement('pre'); p.id = 'axiom-probe';
  p.textContent = JSON.stringify({plots: imgs.length, decoded: ok});
  document.body.appendChild(p);
});
</script>"""


def find_chromium() -> str | None:
    return next((p for p in (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")) if p), None)


def _chromium(binary: str, *args: str) -> subprocess.CompletedProcess:
    base = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
            "--disable-dev-shm-usage", "--virtual-time-budget=5000"]
    return subprocess.run(base + list(args), capture_output=True, text=True, timeout=120)


def probe(binary: str, report: Path) -> dict:
    """{"plots": n, "decoded": m} as the browser saw them."""
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "probe.html"
        page.write_text(report.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8")
        dom = _chromium(binary, "--dump-dom", page.as_uri()).stdout
    m = re.search(r'<pre id="axiom-probe">(.*?)</pre>', dom)
    return json.loads(m.group(1).replace("&quot;", '"')) if m else {"plots": 0, "decoded": 0}


def screenshot(binary: str, report: Path, out: Path, width: int = 1200, height: int = 2200) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    _chromium(binary, f"--window-size={width},{height}", f"--screenshot={out.resolve()}", report.resolve().as_uri())
    if not out.exists():
        raise RuntimeError(f"chromium wrote no screenshot to {out}")


def colourful_share(png: Path) -> float:
    """Share of pixels whose channels differ by more than 0.15 (not white, grey or black)."""
    import matplotlib.image as mpimg

    img = mpimg.imread(str(png))[..., :3]
    spread = img.max(axis=2) - img.min(axis=2)
    return float((spread > 0.15).mean())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("report", type=Path)
    ap.add_argument("screenshot", type=Path)
    ap.add_argument("--min-colour", type=float, default=0.02, help="least share of coloured pixels (default 0.02)")
    args = ap.parse_args(argv)
    binary = find_chromium()
    if binary is None:
        print("no chromium found (apt-get install chromium)", file=sys.stderr)
        return 3
    seen = probe(binary, args.report)
    screenshot(binary, args.report, args.screenshot)
    share = colourful_share(args.screenshot)
    ok = seen["plots"] > 0 and seen["decoded"] == seen["plots"] and share >= args.min_colour
    print(json.dumps({**seen, "colourful_share": round(share, 4), "screenshot": str(args.screenshot), "ok": ok}))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
