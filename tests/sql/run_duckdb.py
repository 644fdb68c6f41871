"""Runs docs/sql/duckdb.sql on a transaction CSV and writes the cohort table as CSV.

usage: run_duckdb.py TRANSACTIONS.csv OUT.csv
"""
import csv
import pathlib
import sys

import duckdb

src, out = sys.argv[1], sys.argv[2]
sql = (pathlib.Path(__file__).resolve().parents[2] / "docs" / "sql" / "duckdb.sql").read_text()
con = duckdb.connect()
con.execute("SET VARIABLE transactions = ?", [src])
rows = con.execute(sql).fetchall()
with open(out, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["cohort", "offset", "active", "revenue"])
    for cohort, offset, active, revenue in rows:
        w.writerow([cohort, offset, active, repr(float(revenue))])
print(f"{len(rows)} cells", file=sys.stderr)
