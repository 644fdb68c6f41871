-- DuckDB: the customer summary table with spend, for Gamma-Gamma as well
-- (issue 15): summary_duckdb.sql's frequency, recency, T (days, calibration
-- end = the last date), plus monetary_value = the mean spend of the repeat
-- purchase days (a day's spend is the sum of its amounts; the first day is
-- left out; 0 without repeats). Spend makes nearly every repeat customer a
-- pattern of their own: this table has about a row per repeat customer, so
-- run it on a sample when there are hundreds of millions.
WITH t AS (
  SELECT customer_id AS cid, CAST(date AS DATE) AS day, CAST(amount AS DOUBLE) AS amount
  FROM read_csv(getvariable('transactions'), header = true,
                columns = {'customer_id': 'VARCHAR', 'date': 'VARCHAR', 'amount': 'VARCHAR'})
), d AS (
  SELECT cid, day, sum(amount) AS spend,
         min(day) OVER (PARTITION BY cid) AS first_day
  FROM t GROUP BY cid, day
), e AS (
  SELECT max(day) AS last_day FROM d
), c AS (
  SELECT cid, count(*) - 1 AS frequency,
         date_diff('day', min(day), max(day)) AS recency,
         date_diff('day', min(day), (SELECT last_day FROM e)) AS "T",
         coalesce(avg(spend) FILTER (WHERE day > first_day), 0) AS monetary_value
  FROM d GROUP BY cid
)
SELECT frequency, recency, "T", monetary_value, count(*) AS count
FROM c GROUP BY ALL ORDER BY frequency, recency, "T", monetary_value;
