"""The report opened in a real headless browser: every plot decodes and the screenshot shows them."""

import subprocess
import sys
from pathlib import Path

import pytest

from axiom.eval.report import write_report
from tests.eval.fakerun import build_fake_run

SCRIPT = Path(__file__).parents[2] / "scripts" / "report_screenshot.py"
sys.path.insert(0, str(SCRIPT.parent))
from report_screenshot import find_chromium  # noqa: E402

pytestmark = pytest.mark.skipif(find_chromium() is None, reason="chromium is not installed (apt-get install chromium)")


def test_report_renders_its_plots_in_headless_chromium(tmp_path):
    run = build_fake_run(tmp_path / "run")
    report = write_report([run], run / "report.html")
    shot = tmp_path / "shot.png"
    proc = subprocess.run([sys.executable, str(SCRIPT), str(report), str(shot)], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert '"decoded": 5' in proc.stdout and '"plots": 5' in proc.stdout
    assert shot.read_bytes().startswith(b"\x89PNG")


def test_a_page_whose_plots_are_broken_fails_the_check(tmp_path):
    run = build_fake_run(tmp_path / "run")
    report = write_report([run], run / "report.html")
    broken = tmp_path / "broken.html"
    broken.write_text(report.read_text().replace("base64,iVBOR", "base64,AAAA"))  # corrupt every PNG
    proc = subprocess.run([sys.executable, str(SCRIPT), str(broken), str(tmp_path / "b.png")], capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 1 and '"decoded": 0' in proc.stdout
