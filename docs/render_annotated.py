"""Render an annotated sample to PNG for the README (needs LibreOffice and pdftoppm).

    python docs/render_annotated.py [SAMPLE] [-o docs/annotated.png]

Checks the sample with perfxl (writing the annotated copy to a temporary folder), makes a render
copy whose sheets print landscape on one page wide, converts it to PDF with headless LibreOffice
and the first pages to PNG, then stacks the form page and the 校验结果 page into one picture.
The render copy goes through openpyxl only to set the page layout for printing; the annotated
workbook itself is perfxl's output, untouched.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("sample", nargs="?", default=str(ROOT / "samples" / "002_wuwei_selfeval_and_dept.xlsx"))
    ap.add_argument("-o", "--output", default=str(ROOT / "docs" / "annotated.png"))
    args = ap.parse_args()
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice or not shutil.which("pdftoppm"):
        print("需要 LibreOffice（soffice）和 pdftoppm", file=sys.stderr)
        return 2
    import openpyxl
    from PIL import Image

    from perfxl.engine import CheckOptions, check_file

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        report = check_file(args.sample, CheckOptions(out=str(tmp / "out")))
        annotated = Path(report.annotated)
        wb = openpyxl.load_workbook(annotated)
        keep = [wb.worksheets[0].title, "校验结果"]
        for ws in list(wb.worksheets):
            if ws.title not in keep:
                wb.remove(ws)
        for ws in wb.worksheets:
            ws.page_setup.orientation = "landscape"
            ws.page_setup.fitToWidth = 1
            ws.page_setup.fitToHeight = 1
            ws.sheet_properties.pageSetUpPr.fitToPage = True
            ws.print_area = None
        render = tmp / "render.xlsx"
        wb.save(render)
        subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp), str(render)],
                       check=True, capture_output=True, timeout=180)
        subprocess.run(["pdftoppm", "-png", "-r", "110", "-f", "1", "-l", "2", str(tmp / "render.pdf"),
                        str(tmp / "page")], check=True, timeout=120)
        pages = [Image.open(p).convert("RGB") for p in sorted(tmp.glob("page*.png"))]
        pages = [_crop(p) for p in pages]
        width = max(p.width for p in pages)
        out = Image.new("RGB", (width, sum(p.height for p in pages) + 20 * (len(pages) - 1)), "white")
        y = 0
        for p in pages:
            out.paste(p, (0, y))
            y += p.height + 20
        out.save(args.output)
    print(f"已生成 {args.output}")
    return 0


def _crop(img):
    from PIL import ImageChops, Image

    bg = Image.new(img.mode, img.size, (255, 255, 255))
    box = ImageChops.difference(img, bg).getbbox()
    return img.crop((max(0, box[0] - 10), max(0, box[1] - 10), box[2] + 10, box[3] + 10)) if box else img


if __name__ == "__main__":
    sys.exit(main())
