-- title: Sample: daily totals for a date range
-- param: from date = 2024-01-01
-- param: to date = 2024-03-31
-- param: weekends bool = true
-- resume: by day
SELECT day, count(*) AS orders, sum(amount) AS total
FROM (
    SELECT DATE '2024-01-01' + (range % 366)::INTEGER AS day,
           (((range * 7919) % 100000) / 100)::DECIMAL(10, 2) AS amount
    FROM range(10000000)
)
WHERE day BETWEEN :from AND :to AND (:weekends OR dayofweek(day) NOT IN (0, 6))
GROUP BY day
ORDER BY day
