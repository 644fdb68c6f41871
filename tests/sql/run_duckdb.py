"""Runs docs/sql/duckdb.sql on a transaction CSV and writes the cohort table as CSV.

usage: run_duckdb.py TRANSACTIONS.csv OUT.csv [SQL]   (default docs/sql/duckdb.sql;
docs/sql/summary_duckdb.sql writes the customer summary table)
"""
import csv
import pathlib
import sys

import duckdb

src, out = sys.argv[1], sys.argv[2]
docs = pathlib.Path(__file__).resolve().parents[2] / "docs" / "sql"
sql = pathlib.Path(sys.argv[3]).read_text() if len(sys.argv) > 3 else (docs / "duckdb.sql").read_text()
con = duckdb.connect()
con.execute("SET VARIABLE transactions = ?", [src])
cursor = con.execute(sql)
names = [d[0] for d in cursor.description]
rows = cursor.fetchall()
with open(out, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(names)
    for row in rows:
        w.writerow([repr(float(v)) if isinstance(v, float) or type(v).__name__ == "Decimal" else v for v in row])
print(f"{len(rows)} cells", file=sys.stderr)
