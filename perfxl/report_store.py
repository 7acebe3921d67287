"""Reports of a bulk run kept in a temporary file, so the parent's memory stays flat.

A folder of 2,000 workbooks with a few hundred findings each is ~100 MB of Python objects; the
parent needs them only twice — for the cross-file pass (which re-reads a few) and to print the
report and write the summary (one at a time). So each report is pickled to an anonymous temporary
file as it arrives and read back on demand; the parent keeps two integers per file.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Sequence
from typing import Iterator

from perfxl.findings import WorkbookReport


class ReportStore(Sequence):
    def __init__(self, size: int):
        self._fh = tempfile.TemporaryFile(prefix="perfxl-reports-")
        self._where: list[tuple[int, int] | None] = [None] * size

    def __len__(self) -> int:
        return len(self._where)

    def __getitem__(self, index: int) -> WorkbookReport | None:  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        where = self._where[index]
        if where is None:
            return None
        offset, size = where
        self._fh.seek(offset)
        return pickle.loads(self._fh.read(size))

    def __setitem__(self, index: int, report: WorkbookReport) -> None:
        data = pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL)
        self._fh.seek(0, 2)  # a replaced report is appended; the old bytes are simply not read again
        self._where[index] = (self._fh.tell(), len(data))
        self._fh.write(data)

    def __iter__(self) -> Iterator[WorkbookReport]:
        for i in range(len(self)):
            yield self[i]

    def close(self) -> None:
        self._fh.close()
