"""A big workbook for the import benchmark: a transaction CSV (from
../shared/tools/gen_transactions.py) written as .xlsx by openpyxl, with real
date cells and numbers, a title row above the header, as back offices do.

  .venv/bin/python ../shared/tools/gen_transactions.py --rows 500000 --customers 150000 --seed 7 --out /tmp/500k.csv
  .venv/bin/python tests/bench/make-workbook.py /tmp/500k.csv /tmp/500k.xlsx
  node tests/bench/import-file.mjs /tmp/500k.xlsx

With --shared the strings are then moved into a shared-string table
(xl/sharedStrings.xml, cells `t="s"`), as Excel itself writes them:

  .venv/bin/python tests/bench/make-workbook.py /tmp/500k.csv /tmp/500k-shared.xlsx --shared
"""
import csv
import datetime as dt
import sys

import openpyxl
from openpyxl.cell import WriteOnlyCell

src, out = sys.argv[1], sys.argv[2]
shared = "--shared" in sys.argv[3:]
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


def share_strings(path):
    """Rewrites the workbook at `path` with its inline strings shared."""
    import re
    import shutil
    import zipfile
    from xml.sax.saxutils import escape

    tmp = path + ".tmp"
    index = {}
    inline = re.compile(rb'(<c r="[A-Z]+[0-9]+")(?: s="[0-9]+")? t="inlineStr"><is><t>([^<]*)</t></is>')

    def share(m):
        text = m.group(2)
        i = index.setdefault(text, len(index))
        return m.group(1) + b' t="s"><v>' + str(i).encode() + b"</v>"

    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = inline.sub(share, data)
            elif item.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdShared" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
                )
            elif item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
                )
            zout.writestr(item, data)
        # The text in the sheet is already escaped XML: kept as it is.
        items = b"".join(b"<si><t>" + t + b"</t></si>" for t in index)
        sst = (
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">'
            % (len(index), len(index))
            + items
            + b"</sst>"
        )
        zout.writestr("xl/sharedStrings.xml", sst)
    shutil.move(tmp, path)
    del escape


if shared:
    share_strings(out)
