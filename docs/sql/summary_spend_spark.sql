-- Spark SQL: the customer summary table with spend (see
-- summary_spend_duckdb.sql for the definition), from a table or view `transactions`.
WITH d AS (
  SELECT customer_id AS cid, to_date(date) AS day, sum(CAST(amount AS DOUBLE)) AS spend,
         min(to_date(date)) OVER (PARTITION BY customer_id) AS first_day
  FROM transactions GROUP BY customer_id, to_date(date)
), e AS (
  SELECT max(day) AS last_day FROM d
), c AS (
  SELECT cid, count(*) - 1 AS frequency,
         datediff(max(day), min(day)) AS recency,
         datediff((SELECT last_day FROM e), min(day)) AS `T`,
         coalesce(avg(CASE WHEN day > first_day THEN spend END), 0D) AS monetary_value
  FROM d GROUP BY cid
)
SELECT frequency, recency, `T`, monetary_value, count(*) AS `count`
FROM c GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4;
