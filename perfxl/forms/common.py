"""What every form kind reads the same way: title, year, header fields, indicator tables."""

from __future__ import annotations

from perfxl.forms.specs import HEADER_FIELDS, TITLE_WORDS, FieldSpec
from perfxl.model import Form, Indicator
from perfxl.reader.fields import find_scalar, find_title_and_year
from perfxl.reader.sheet import SheetView
from perfxl.reader.tables import Heading, read_indicators


class Context:
    """Reading state of one sheet: the view, its indicator headings and the rows tables occupy."""

    def __init__(self, view: SheetView, headings: list[Heading]):
        self.view = view
        self.headings = headings
        self.table_rows: set[int] = set()
        self.taken: set[tuple[int, int]] = set()

    def scalar(self, form: Form, spec: FieldSpec, *, direction: str = "auto") -> None:
        if spec.key in form.fields:
            return
        f = find_scalar(self.view, spec, taken=self.taken, skip_rows=self.table_rows, direction=direction)
        if f is not None:
            form.fields[spec.key] = f

    def scalars(self, form: Form, specs: tuple[FieldSpec, ...]) -> None:
        for spec in specs:
            self.scalar(form, spec)


def read_header(ctx: Context, form: Form, keys: tuple[str, ...]) -> None:
    title, year = find_title_and_year(ctx.view, TITLE_WORDS)
    if title is not None:
        form.fields["title"] = title
    if year is not None:
        form.fields["year"] = year
    for spec in HEADER_FIELDS:
        if spec.key in keys:
            ctx.scalar(form, spec)


def read_indicator_tables(ctx: Context, headings: list[Heading], *, block_of=None) -> list[tuple[Heading, list[Indicator]]]:
    """Read each heading's rows up to the next heading; marks the rows as table rows."""
    out = []
    view = ctx.view
    for i, h in enumerate(headings):
        end = headings[i + 1].first_row if i + 1 < len(headings) else view.height
        block = block_of(h) if block_of else ""
        rows, stop = read_indicators(view, h, end, block=block)
        ctx.table_rows.update(range(h.first_row, stop))
        out.append((h, rows))
    return out
