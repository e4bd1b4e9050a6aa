-- title: Sample: 1 GB of order lines (10 million rows, streamed as they are computed)
-- param: rows int = 10000000
--
-- About 94 bytes a row. No ORDER BY, so nothing is sorted or held: rows stream out as DuckDB makes
-- them (and so this report cannot resume: see the README, "Reports from SQL").
SELECT range AS id,
       'customer-' || lpad(((range * 7) % 100000)::VARCHAR, 6, '0') AS customer,
       'SKU-' || lpad(((range * 31) % 100000000)::VARCHAR, 8, '0') AS sku,
       ['EMEA', 'APAC', 'AMER', 'LATAM'][range % 4 + 1] AS region,
       DATE '2024-01-01' + (range % 366)::INTEGER AS day,
       (((range * 7919) % 100000) / 100)::DECIMAL(10, 2) AS amount,
       md5(range::VARCHAR) AS checksum
FROM range(:rows)
