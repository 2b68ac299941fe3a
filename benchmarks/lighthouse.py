"""Lighthouse on one page, as the issue measures it: version 12.2.3 from npm, its mobile defaults
(a mid-range phone on slow 4G, simulated), the system Chromium, the page served compressed.

The benchmark reports the performance score (it depends on how busy the machine is); the tests
check what does not: layout shift and the accessibility audits.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .search import CHROMIUM, CHROMIUM_ARGS

LIGHTHOUSE = Path(__file__).resolve().parent.parent / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility")


@dataclass(frozen=True)
class LighthouseReport:
    performance: float  # 0 to 100
    accessibility: float  # 0 to 100
    cumulative_layout_shift: float
    # Each accessibility audit that failed ("id: title"), with the elements that failed it.
    accessibility_failures: list[tuple[str, list[str]]]


def _failed(report: dict[str, Any], category: str) -> list[tuple[str, list[str]]]:
    audits = [report["audits"][ref["id"]] for ref in report["categories"][category]["auditRefs"] if ref["weight"]]
    return [(f"{audit['id']}: {audit['title']}",
             [item["node"]["snippet"] for item in (audit.get("details") or {}).get("items", []) if "node" in item])
            for audit in audits if audit["score"] is not None and audit["score"] < 1]


def lighthouse(url: str, throttling: str = "simulate") -> LighthouseReport:
    """Lighthouse's mobile report on `url` (which must be served with compression, see
    search.served, for a fair performance score).

    `throttling` is Lighthouse's: "simulate" (its default, which the performance score is defined
    with) loads the page at full speed and works out the metrics a phone would see; layout shift
    is observed, not worked out, so it then shows only when the machine happens to be slow.
    "devtools" slows the CPU and network for real, so a shift a phone would see is seen each run."""
    if not LIGHTHOUSE.exists():
        raise FileNotFoundError(f"Lighthouse is missing at {LIGHTHOUSE}: run `npm ci`")
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    command = ["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
               f"--only-categories={','.join(CATEGORIES)}", f"--throttling-method={throttling}",
               f"--chrome-flags={flags}"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300,
                            env={**os.environ, "CHROME_PATH": CHROMIUM})
    if result.returncode != 0:
        raise RuntimeError(f"Lighthouse failed on {url} (exit {result.returncode}):\n{result.stderr[-3000:]}")
    report = json.loads(result.stdout)
    if report.get("runtimeError"):
        raise RuntimeError(f"Lighthouse could not measure {url}: {report['runtimeError']}")
    shift = report["audits"]["cumulative-layout-shift"]
    if shift.get("numericValue") is None:
        raise RuntimeError(f"Lighthouse measured no layout shift on {url}: {shift.get('errorMessage')}")
    return LighthouseReport(performance=report["categories"]["performance"]["score"] * 100,
                            accessibility=report["categories"]["accessibility"]["score"] * 100,
                            cumulative_layout_shift=shift["numericValue"],
                            accessibility_failures=_failed(report, "accessibility"))
