-- Spark SQL: monthly cohorts from a table or view `transactions`.
WITH t AS (
  SELECT customer_id AS cid, to_date(date) AS d, CAST(amount AS DOUBLE) AS amt FROM transactions
), f AS (
  SELECT cid, min(year(d) * 12 + month(d) - 1) AS coh FROM t GROUP BY cid
)
SELECT format_string('%04d-%02d', CAST(floor(f.coh / 12) AS INT), f.coh % 12 + 1) AS cohort,
       year(t.d) * 12 + month(t.d) - 1 - f.coh AS `offset`,
       count(DISTINCT t.cid) AS active,
       sum(t.amt) AS revenue
FROM t JOIN f ON t.cid = f.cid
GROUP BY 1, 2
ORDER BY 1, 2;
