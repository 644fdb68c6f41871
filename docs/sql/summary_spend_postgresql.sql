-- PostgreSQL: the customer summary table with spend (see
-- summary_spend_duckdb.sql for the definition), from transactions(customer_id, date, amount).
WITH d AS (
  SELECT customer_id AS cid, date::date AS day, sum(amount::double precision) AS spend,
         min(date::date) OVER (PARTITION BY customer_id) AS first_day
  FROM transactions GROUP BY customer_id, date::date
), e AS (
  SELECT max(day) AS last_day FROM d
), c AS (
  SELECT cid, count(*) - 1 AS frequency,
         max(day) - min(day) AS recency,
         (SELECT last_day FROM e) - min(day) AS "T",
         coalesce(avg(spend) FILTER (WHERE day > first_day), 0) AS monetary_value
  FROM d GROUP BY cid
)
SELECT frequency, recency, "T", monetary_value, count(*) AS count
FROM c GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4;
