-- PostgreSQL: monthly cohorts from a table transactions(customer_id, date, amount).
WITH t AS (
  SELECT customer_id AS cid, date::date AS d, amount::double precision AS amt FROM transactions
), f AS (
  SELECT cid, min(extract(year FROM d)::int * 12 + extract(month FROM d)::int - 1) AS coh
  FROM t GROUP BY cid
)
SELECT to_char(make_date(f.coh / 12, f.coh % 12 + 1, 1), 'YYYY-MM') AS cohort,
       extract(year FROM t.d)::int * 12 + extract(month FROM t.d)::int - 1 - f.coh AS "offset",
       count(DISTINCT t.cid) AS active,
       sum(t.amt) AS revenue
FROM t JOIN f USING (cid)
GROUP BY 1, 2
ORDER BY 1, 2;
