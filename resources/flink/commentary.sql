-- The commentary stage: the demo's AI_COMPLETE statement over the same moments, with the WHERE
-- its speaker recommended. Flink calls the model once per moment; the local agent batches a
-- window of them into one call and checks each line against the race.
INSERT INTO `f1-commentary`
SELECT CONCAT('comment-', CAST(`timestamp` AS STRING), '-', REPLACE(subject, ' ', '_')) AS id,
       r.commentary AS message, `timestamp`, type
FROM (
  SELECT `timestamp`, driver_name AS subject, type,
         CONCAT('Driver: ', driver_name, ', Position: ', CAST(`position` AS STRING),
                ', places gained: ', CAST(position_change AS STRING)) AS moment
  FROM `f1-commentary-input`
  WHERE position_change > 0 AND `position` <= 5
  UNION ALL
  SELECT `timestamp`, COALESCE(driver_name, 'race') AS subject,
         CASE WHEN kind IN ('safety_car', 'retirement') THEN 'warning' ELSE 'info' END AS type,
         CONCAT(kind, ': ', COALESCE(driver_name, ''), ' ', CAST(details AS STRING)) AS moment
  FROM `f1-race-events`
  WHERE kind IN ('pit_stop', 'fastest_lap', 'safety_car', 'retirement', 'race_started', 'race_finished')
  UNION ALL
  SELECT `timestamp`, driver_name AS subject, 'warning' AS type,
         CONCAT('Telemetry anomaly: ', driver_name, ' ', metric, ' reads ', CAST(actual_value AS STRING),
                ', expected ', CAST(lower_bound AS STRING), ' to ', CAST(upper_bound AS STRING)) AS moment
  FROM `f1-telemetry-anomalies`),
  LATERAL TABLE(AI_COMPLETE('f1_commentary_generator',
    CONCAT(moment, '. Generate exciting F1 commentary. Keep it under 80 characters.'))) AS r(commentary);
