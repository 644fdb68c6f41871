-- BigQuery: the customer summary table with spend (see
-- summary_spend_duckdb.sql for the definition), from `project.dataset.transactions`.
WITH d AS (
  SELECT customer_id AS cid, DATE(date) AS day, SUM(CAST(amount AS FLOAT64)) AS spend,
         MIN(DATE(date)) OVER (PARTITION BY customer_id) AS first_day
  FROM `project.dataset.transactions` GROUP BY customer_id, DATE(date)
), e AS (
  SELECT MAX(day) AS last_day FROM d
), c AS (
  SELECT cid, COUNT(*) - 1 AS frequency,
         DATE_DIFF(MAX(day), MIN(day), DAY) AS recency,
         DATE_DIFF((SELECT last_day FROM e), MIN(day), DAY) AS T,
         COALESCE(AVG(IF(day > first_day, spend, NULL)), 0) AS monetary_value
  FROM d GROUP BY cid
)
SELECT frequency, recency, T, monetary_value, COUNT(*) AS count
FROM c GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4;
