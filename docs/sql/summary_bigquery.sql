-- BigQuery: the customer summary table for the forecasts (see
-- summary_duckdb.sql for the definition), from `project.dataset.transactions`.
WITH d AS (
  SELECT DISTINCT customer_id AS cid, DATE(date) AS day FROM `project.dataset.transactions`
), e AS (
  SELECT MAX(day) AS last_day FROM d
), c AS (
  SELECT cid, COUNT(*) - 1 AS frequency,
         DATE_DIFF(MAX(day), MIN(day), DAY) AS recency,
         DATE_DIFF((SELECT last_day FROM e), MIN(day), DAY) AS T
  FROM d GROUP BY cid
)
SELECT frequency, recency, T, COUNT(*) AS count
FROM c GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
