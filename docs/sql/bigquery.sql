-- BigQuery (standard SQL): monthly cohorts from `project.dataset.transactions`.
WITH t AS (
  SELECT customer_id AS cid, DATE(date) AS d, CAST(amount AS FLOAT64) AS amt
  FROM `project.dataset.transactions`
), f AS (
  SELECT cid, MIN(EXTRACT(YEAR FROM d) * 12 + EXTRACT(MONTH FROM d) - 1) AS coh
  FROM t GROUP BY cid
)
SELECT FORMAT('%04d-%02d', DIV(f.coh, 12), MOD(f.coh, 12) + 1) AS cohort,
       EXTRACT(YEAR FROM t.d) * 12 + EXTRACT(MONTH FROM t.d) - 1 - f.coh AS `offset`,
       COUNT(DISTINCT t.cid) AS active,
       SUM(t.amt) AS revenue
FROM t JOIN f USING (cid)
GROUP BY cohort, `offset`
ORDER BY cohort, `offset`;
