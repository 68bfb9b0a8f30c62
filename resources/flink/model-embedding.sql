-- The embedding model the ask-embed statement calls (ML_PREDICT) through OpenAI's API.
CREATE MODEL IF NOT EXISTS `{{model}}`
INPUT (input STRING)
OUTPUT (embedding ARRAY<FLOAT>)
WITH (
  'provider' = 'openai',
  'task' = 'embedding',
  'openai.connection' = {{connection}},
  'openai.input_format' = 'OPENAI-EMBED',
  'openai.model_version' = {{model_version}}
);
