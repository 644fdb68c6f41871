-- Spark SQL: the customer summary table for the forecasts (see
-- summary_duckdb.sql for the definition), from a table or view `transactions`.
WITH d AS (
  SELECT DISTINCT customer_id AS cid, to_date(date) AS day FROM transactions
), e AS (
  SELECT max(day) AS last_day FROM d
), c AS (
  SELECT cid, count(*) - 1 AS frequency,
         datediff(max(day), min(day)) AS recency,
         datediff((SELECT last_day FROM e), min(day)) AS `T`
  FROM d GROUP BY cid
)
SELECT frequency, recency, `T`, count(*) AS `count`
FROM c GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
