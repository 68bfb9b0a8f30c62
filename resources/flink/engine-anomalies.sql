-- The engine-anomalies stage: the demo's ML_DETECT_ANOMALIES on engine_temperature, per team,
-- in the form it ran with live. {{ml_config}}: the detector's settings as JSON_OBJECT(...);
-- {{confidence}}: its confidence percentage.
INSERT INTO `f1-car-metrics-anomalies`
SELECT CAST(key AS STRING) AS key, TO_TIMESTAMP_LTZ(`timestamp`, 3) AS ts, team_name, engine_temperature,
       anomaly.is_anomaly AS is_anomaly, anomaly.forecast_value AS forecast_value,
       anomaly.lower_bound AS lower_bound, anomaly.upper_bound AS upper_bound, {{confidence}} AS confidence
FROM (
  SELECT key, `timestamp`, team_name, engine_temperature,
         ML_DETECT_ANOMALIES(engine_temperature, TO_TIMESTAMP_LTZ(`timestamp`, 3), {{ml_config}})
           OVER (PARTITION BY team_name ORDER BY TO_TIMESTAMP_LTZ(`timestamp`, 3)
                 RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS anomaly
  FROM `f1-car-metrics`)
WHERE anomaly.is_anomaly = TRUE;
