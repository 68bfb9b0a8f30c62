-- The enrichment stage: the demo's commentary input (driver, position, type) with race context.
-- One OVER window per SELECT level (Confluent Cloud's streaming rule): the place gained since
-- the previous row inside, the places gained over 30 s outside; both ordered by the message's
-- own time (event_time, declared with a watermark), as the local processor keeps its 30 s by
-- the message's timestamp.
INSERT INTO `f1-commentary-input`
SELECT race_id, `timestamp`, driver_name, team_name, `position`, type, position_change,
       COALESCE(FIRST_VALUE(`position`) OVER (PARTITION BY race_id, driver_name ORDER BY event_time
                RANGE BETWEEN INTERVAL '30' SECOND PRECEDING AND CURRENT ROW) - `position`, 0) AS places_gained_30s,
       gap_to_leader, `interval`, lap, tyre, pit_stops
FROM (
  SELECT race_id, `timestamp`, event_time, driver_name, team_name, `position`,
         CASE WHEN `position` = 1 THEN 'highlight' WHEN `position` <= 3 THEN 'warning' ELSE 'info' END AS type,
         COALESCE(LAG(`position`) OVER (PARTITION BY race_id, driver_name ORDER BY event_time) - `position`, 0)
           AS position_change,
         gap_to_leader, `interval`, lap, tyre, pit_stops
  FROM `f1-driver-positions`);
