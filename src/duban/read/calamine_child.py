"""The child process of :mod:`duban.read.calamine`: run as a script, it imports nothing from duban.

Reads workbook bytes on stdin, writes JSON on stdout: ``{"sheets": [{name, hidden, start, merges,
rows}]}`` with cell values tagged by type (``{"d": "2024-06-30"}`` …), or ``{"problem": …}``. Its
address space is limited first, so a file that makes calamine allocate gigabytes ends this process
only.
"""

import datetime as dt
import io
import json
import sys


def _tag(value):
    if isinstance(value, bool):
        return {"b": value}
    if isinstance(value, dt.datetime):
        return {"t": value.isoformat()}
    if isinstance(value, dt.date):
        return {"d": value.isoformat()}
    if isinstance(value, dt.time):
        return {"h": value.isoformat()}
    if isinstance(value, dt.timedelta):
        return {"s": value.total_seconds()}
    if isinstance(value, float) and value != value:
        return ""
    return value


def main():
    memory, max_cells = int(sys.argv[1]), int(sys.argv[2])
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    except (ImportError, ValueError, OSError):
        pass
    import python_calamine as pc

    out = []
    try:
        book = pc.CalamineWorkbook.from_filelike(io.BytesIO(sys.stdin.buffer.read()))
        for index, meta in enumerate(book.sheets_metadata):
            if meta.typ != pc.SheetTypeEnum.WorkSheet:
                continue  # chart sheets, macro sheets
            sheet = book.get_sheet_by_index(index)
            if sheet.height * sheet.width > max_cells:
                answer = {"too_big": [meta.name, sheet.height * sheet.width]}
                break
            rows = [[_tag(v) for v in row] for row in sheet.to_python(skip_empty_area=True)]
            merges = [[a, b, c, d] for (a, b), (c, d) in sheet.merged_cell_ranges or []]
            hidden = meta.visible != pc.SheetVisibleEnum.Visible
            out.append({"name": meta.name, "hidden": hidden, "start": list(sheet.start or (0, 0)), "merges": merges,
                        "rows": rows})
        else:
            answer = {"sheets": out}
    except pc.PasswordError:
        answer = {"password": True}
    except BaseException as exc:  # calamine's errors, and a Rust panic (pyo3's PanicException is a BaseException)
        answer = {"error": f"{type(exc).__name__}: {' '.join(str(exc).split())[:160]}"}
    sys.stdout.write(json.dumps(answer, ensure_ascii=False))


if __name__ == "__main__":
    main()
