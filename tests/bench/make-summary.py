"""A customer summary table of N distinct patterns for the warehouse-scale
benchmark: `frequency,recency,T,count`, the columns of lifetimes'
summary_data_from_transaction_data plus how many customers share the row.

    python3 tests/bench/make-summary.py 1000000 /tmp/summary-1m.csv [--days]

Each row is one simulated BG/NBD customer (Fader, Hardie & Lee 2005: rate
lambda ~ Gamma(r = 0.25, alpha = 4 weeks), drop-out p ~ Beta(0.8, 2.4) after
every purchase) observed for T uniform in (1, 78] weeks written to 10⁻⁵ week,
so patterns are distinct; count is 1-200 (about 100M customers in all).
With --days, times are whole days, as the SQL in docs/sql and lifetimes
(freq "D") write them: customers are simulated until N distinct
(frequency, recency, T) patterns are found, each row's count being how many
customers share it (distinct patterns, but only ≈ 550 distinct times).
Seeded: the same N gives the same file.
"""
import random
import sys

n, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(15)


def customer(t):
    """(x, t_x) of one simulated customer observed for t weeks."""
    lam = rng.gammavariate(0.25, 1 / 4.0)
    p = rng.betavariate(0.8, 2.4)
    x, now, last = 0, 0.0, 0.0
    while lam > 0:
        now += rng.expovariate(lam)
        if now > t:
            break
        x, last = x + 1, now
        if rng.random() < p:
            break
    return x, last


if "--days" in sys.argv[3:]:
    counts = {}
    while len(counts) < n:
        days = rng.randint(7, 546)
        x, last = customer(days / 7.0)
        key = (x, min(days, round(last * 7.0)) if x else 0, days)
        counts[key] = counts.get(key, 0) + 1
    with open(out, "w", encoding="utf-8") as f:
        f.write("frequency,recency,T,count\n")
        for (x, t_x, t), c in sorted(counts.items()):
            f.write(f"{x},{t_x},{t},{c}\n")
    sys.exit(0)

with open(out, "w", encoding="utf-8") as f:
    f.write("frequency,recency,T,count\n")
    for _ in range(n):
        t = round(rng.uniform(1.0, 78.0), 5)
        x, last = customer(t)
        f.write(f"{x},{round(last, 5) if x else 0},{t},{rng.randint(1, 200)}\n")
