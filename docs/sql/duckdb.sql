-- DuckDB: monthly cohorts from a CSV (or any table: replace read_csv).
-- duckdb -csv -c ".read docs/sql/duckdb.sql"  (with the file path below)
WITH t AS (
  SELECT customer_id AS cid, CAST(date AS DATE) AS d, CAST(amount AS DOUBLE) AS amt
  FROM read_csv(getvariable('transactions'), header = true,
                columns = {'customer_id': 'VARCHAR', 'date': 'VARCHAR', 'amount': 'VARCHAR'})
), f AS (
  SELECT cid, min(year(d) * 12 + month(d) - 1) AS coh FROM t GROUP BY cid
)
SELECT printf('%04d-%02d', f.coh // 12, f.coh % 12 + 1) AS cohort,
       year(t.d) * 12 + month(t.d) - 1 - f.coh AS "offset",
       count(DISTINCT t.cid) AS active,
       sum(t.amt) AS revenue
FROM t JOIN f USING (cid)
GROUP BY ALL
ORDER BY cohort, "offset";
