-- The commentary lines in MongoDB Atlas, read by the ask-search statement's
-- VECTOR_SEARCH_AGG (Confluent's MongoDB tables are read-only: the app writes the lines).
CREATE TABLE IF NOT EXISTS {{table}} (
  {{columns}}
) WITH (
  'connector' = 'mongodb',
  'mongodb.connection' = {{connection}},
  'mongodb.database' = {{database}},
  'mongodb.collection' = {{collection}},
  'mongodb.index' = {{index}},
  'mongodb.numCandidates' = '100',
  'mongodb.embedding_column' = 'message_embedding'
);
