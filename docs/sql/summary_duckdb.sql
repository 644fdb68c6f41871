-- DuckDB: the customer summary table for the forecasts (issue 15), in days,
-- calibration end = the last date in the data: one row per distinct
-- (frequency, recency, T) with how many customers share it.
-- frequency = distinct purchase days − 1; recency = days from the first to
-- the last purchase day; T = days from the first purchase day to the end.
WITH d AS (
  SELECT DISTINCT customer_id AS cid, CAST(date AS DATE) AS day
  FROM read_csv(getvariable('transactions'), header = true,
                columns = {'customer_id': 'VARCHAR', 'date': 'VARCHAR', 'amount': 'VARCHAR'})
), e AS (
  SELECT max(day) AS last_day FROM d
), c AS (
  SELECT cid, count(*) - 1 AS frequency,
         date_diff('day', min(day), max(day)) AS recency,
         date_diff('day', min(day), (SELECT last_day FROM e)) AS "T"
  FROM d GROUP BY cid
)
SELECT frequency, recency, "T", count(*) AS count
FROM c GROUP BY ALL ORDER BY frequency, recency, "T";
