-- The tyre-temperature-forecast stage: ML_FORECAST of each car's four tyre temperatures, ten
-- seconds ahead, from one reading a second. {{ml_config}}: the forecaster's settings.
INSERT INTO `f1-forecasts`
SELECT race_id, driver_name, metric, `timestamp`, f.step, f.forecast_value, f.lower_bound, f.upper_bound, f.rmse
FROM (
  SELECT race_id, driver_name, metric, `timestamp`,
         ML_FORECAST(reading, window_time, {{ml_config}})
           OVER (PARTITION BY race_id, driver_name, metric ORDER BY window_time
                 RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS forecasts
  FROM (SELECT race_id, driver_name, m.metric, window_time, MIN(`timestamp`) AS `timestamp`, FIRST_VALUE(m.reading) AS reading
        FROM TABLE(TUMBLE(TABLE `f1-car-telemetry`, DESCRIPTOR(event_time), INTERVAL '1' SECOND))
        CROSS JOIN UNNEST(ARRAY[ROW('tyre_temp_fl', tyre_temp_fl), ROW('tyre_temp_fr', tyre_temp_fr),
                                ROW('tyre_temp_rl', tyre_temp_rl), ROW('tyre_temp_rr', tyre_temp_rr)]) AS m(metric, reading)
        WHERE m.reading IS NOT NULL
        GROUP BY race_id, driver_name, m.metric, window_start, window_end, window_time))
CROSS JOIN UNNEST(forecasts) WITH ORDINALITY AS f(ts, forecast_value, lower_bound, upper_bound, rmse, aic, step);
