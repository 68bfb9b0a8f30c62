-- The lap-time-forecast stage: ML_FORECAST of each car's green-flag lap times, three laps ahead.
-- {{ml_config}}: the forecaster's settings as JSON_OBJECT(...).
INSERT INTO `f1-forecasts`
SELECT race_id, driver_name, 'lap_time' AS metric, `timestamp`, f.step, f.forecast_value, f.lower_bound,
       f.upper_bound, f.rmse
FROM (
  SELECT race_id, driver_name, `timestamp`,
         ML_FORECAST(CAST(JSON_VALUE(details, '$.lap_time_ms') AS DOUBLE) / 1000, TO_TIMESTAMP_LTZ(`timestamp`, 3), {{ml_config}})
           OVER (PARTITION BY race_id, driver_name ORDER BY event_time
                 RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS forecasts
  FROM `f1-race-events`
  WHERE kind = 'lap_completed' AND lap > 1 AND JSON_VALUE(details, '$.pit_lap') = 'false'
    AND JSON_VALUE(details, '$.neutralised') = 'false')
CROSS JOIN UNNEST(forecasts) WITH ORDINALITY AS f(ts, forecast_value, lower_bound, upper_bound, rmse, aic, step);
