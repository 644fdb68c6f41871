"""Runs docs/sql/spark.sql on a transaction CSV with Spark SQL (pyspark in
local mode, Java 17 from Debian) and writes the cohort table as CSV.

usage: run_spark.py TRANSACTIONS.csv OUT.csv [SQL]   (default docs/sql/spark.sql;
docs/sql/summary_spark.sql writes the customer summary table)
"""
import csv
import os
import pathlib
import sys

os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
from pyspark.sql import SparkSession  # noqa: E402

src, out = sys.argv[1], sys.argv[2]
docs = pathlib.Path(__file__).resolve().parents[2] / "docs" / "sql"
sql = pathlib.Path(sys.argv[3]).read_text() if len(sys.argv) > 3 else (docs / "spark.sql").read_text()
spark = (
    SparkSession.builder.master("local[1]")
    .appName("repurchase-lab-sql-check")
    .config("spark.ui.enabled", "false")
    .config("spark.sql.shuffle.partitions", "2")
    .config("spark.driver.bindAddress", "127.0.0.1")
    .config("spark.driver.host", "127.0.0.1")
    .getOrCreate()
)
spark.sparkContext.setLogLevel("ERROR")
# Every column as text, as the page reads it; the query casts.
frame = spark.read.option("header", True).csv(src)
# The first three columns are customer, date, amount, whatever their names.
frame.select(*frame.columns[:3]).toDF("customer_id", "date", "amount").createOrReplaceTempView("transactions")
result = spark.sql("\n".join(l for l in sql.splitlines() if not l.strip().startswith("--")).strip().rstrip(";"))
names = result.columns
rows = result.collect()
with open(out, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(names)
    for r in rows:
        w.writerow([repr(float(v)) if isinstance(v, float) or type(v).__name__ == "Decimal" else v for v in r])
spark.stop()
print(f"{len(rows)} cells", file=sys.stderr)
