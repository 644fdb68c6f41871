"""A big workbook for the import benchmark: a transaction CSV (from
../shared/tools/gen_transactions.py) written as .xlsx by openpyxl, with real
date cells and numbers, a title row above the header, as back offices do.

  .venv/bin/python ../shared/tools/gen_transactions.py --rows 500000 --customers 150000 --seed 7 --out /tmp/500k.csv
  .venv/bin/python tests/bench/make-workbook.py /tmp/500k.csv /tmp/500k.xlsx
  node tests/bench/import-file.mjs /tmp/500k.xlsx
"""
import csv
import datetime as dt
import sys

import openpyxl
from openpyxl.cell import WriteOnlyCell

src, out = sys.argv[1], sys.argv[2]
wb = openpyxl.Workbook(write_only=True)
ws = wb.create_sheet("Orders")
ws.append(["Orders export (benchmark)"])
with open(src, newline="", encoding="utf-8") as f:
    rows = csv.reader(f)
    header = next(rows)
    ws.append(header)
    date_col = next(i for i, h in enumerate(header) if "date" in h.lower())
    amount_col = next((i for i, h in enumerate(header) if "amount" in h.lower()), None)
    for r in rows:
        cells = list(r)
        d = WriteOnlyCell(ws, value=dt.date.fromisoformat(cells[date_col][:10]))
        d.number_format = "yyyy-mm-dd"
        cells[date_col] = d
        if amount_col is not None and cells[amount_col]:
            cells[amount_col] = float(cells[amount_col])
        ws.append(cells)
wb.save(out)
