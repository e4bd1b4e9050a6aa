-- title: Sample: sales of one region (from 10 million generated rows)
-- param: region text = EMEA
-- param: min_amount decimal = 0
-- param: since date = 2024-01-01
-- resume: by id
--
-- DuckDB generates the data itself (range), so this sample needs no data file. Try
-- samples/sales_by_region?region=APAC&min_amount=500&since=2024-06-01
SELECT id, region, day, amount
FROM (
    SELECT range AS id,
           ['EMEA', 'APAC', 'AMER', 'LATAM'][range % 4 + 1] AS region,
           DATE '2024-01-01' + (range % 366)::INTEGER AS day,
           (((range * 7919) % 100000) / 100)::DECIMAL(10, 2) AS amount
    FROM range(10000000)
)
WHERE region = :region AND amount >= :min_amount AND day >= :since
ORDER BY id
