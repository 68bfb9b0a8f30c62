-- The telemetry-anomalies stage: ML_DETECT_ANOMALIES on every car's engine, oil, tyre and brake
-- temperatures. {{ml_config}}: the detector's settings; {{confidence}}: its confidence
-- percentage; {{persistence_rows}}: the rows in a row outside the band that make an anomaly
-- ({{preceding_rows}} is one less). Locally a brake is also judged against the same point of
-- the car's previous laps, which this statement does not do.
INSERT INTO `f1-telemetry-anomalies`
SELECT race_id, driver_name, team_name, metric, `timestamp`, actual_value, forecast_value, lower_bound,
       upper_bound, {{confidence}} AS confidence, is_anomaly
FROM (
  -- the rule across wheels: two or more tyres (or brakes) at once is the car's load, not a fault
  SELECT *, COUNT(*) OVER (PARTITION BY driver_name, wheel_group ORDER BY event_time
                           RANGE BETWEEN INTERVAL '0' SECOND PRECEDING AND CURRENT ROW) AS wheels_reported
  FROM (
    SELECT race_id, driver_name, team_name, metric, wheel_group, `timestamp`, event_time,
           anomaly.actual_value AS actual_value, anomaly.forecast_value AS forecast_value,
           anomaly.lower_bound AS lower_bound, anomaly.upper_bound AS upper_bound, anomaly.is_anomaly AS is_anomaly,
           -- the persistence rule: this row and the one before it both outside the band
           SUM(CASE WHEN anomaly.is_anomaly THEN 1 ELSE 0 END)
             OVER (PARTITION BY driver_name, metric ORDER BY event_time
                   ROWS BETWEEN {{preceding_rows}} PRECEDING AND CURRENT ROW) AS flagged_rows
    FROM (
      SELECT race_id, driver_name, team_name, metric, wheel_group, `timestamp`, event_time,
             ML_DETECT_ANOMALIES(reading, TO_TIMESTAMP_LTZ(`timestamp`, 3), {{ml_config}})
               OVER (PARTITION BY driver_name, metric ORDER BY event_time
                     RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS anomaly
      FROM `f1-car-telemetry`
      CROSS JOIN UNNEST(ARRAY[
        ROW('engine_temperature', engine_temperature, 'engine'), ROW('oil_temperature', oil_temperature, 'oil'),
        ROW('tyre_temp_fl', tyre_temp_fl, 'tyres'), ROW('tyre_temp_fr', tyre_temp_fr, 'tyres'),
        ROW('tyre_temp_rl', tyre_temp_rl, 'tyres'), ROW('tyre_temp_rr', tyre_temp_rr, 'tyres'),
        ROW('brake_temp_fl', brake_temp_fl, 'brakes'), ROW('brake_temp_fr', brake_temp_fr, 'brakes'),
        ROW('brake_temp_rl', brake_temp_rl, 'brakes'), ROW('brake_temp_rr', brake_temp_rr, 'brakes')])
        AS m(metric, reading, wheel_group)
      WHERE reading IS NOT NULL))
  WHERE flagged_rows = {{persistence_rows}})
WHERE wheel_group IN ('engine', 'oil') OR wheels_reported = 1;
