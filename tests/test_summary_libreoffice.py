"""The summary workbook of a bulk check and annotated seed samples open in a real spreadsheet
application (headless LibreOffice; CI installs libreoffice-calc), chart and all."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from perfxl.check_command import check_paths
from perfxl.engine import CheckOptions
from perfxl.summary import write_summary

ROOT = Path(__file__).resolve().parents[1]
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not on PATH")


def to_pdf(tmp_path: Path, src: Path) -> Path:
    outdir = tmp_path / "pdf"
    profile = tmp_path / "lo-profile"
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(outdir), str(src)], check=True, capture_output=True, timeout=240)
    return outdir / (src.stem + ".pdf")


@needs_soffice
def test_summary_and_annotated_samples_render(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("002_wuwei_selfeval_and_dept.xlsx", "004_tianhe_dept_selfeval.xlsx"):
        shutil.copy(ROOT / "samples" / name, src / name)
    (src / "坏.xlsx").write_text("not a workbook", encoding="utf-8")
    out = tmp_path / "out"
    batch = check_paths([str(src)], CheckOptions(out=str(out)), progress=False)
    summary = write_summary(batch, out)
    with zipfile.ZipFile(summary) as z:
        assert any(n.startswith("xl/charts/chart") for n in z.namelist()), "grade chart missing"
    pdf = to_pdf(tmp_path, summary)
    assert pdf.exists() and pdf.stat().st_size > 1000 and pdf.read_bytes()[:4] == b"%PDF"
    for name in ("002_wuwei_selfeval_and_dept.xlsx", "004_tianhe_dept_selfeval.xlsx"):
        rendered = to_pdf(tmp_path, out / name)
        assert rendered.stat().st_size > 1000
