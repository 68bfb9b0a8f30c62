-- The commentary model the commentary statement calls (AI_COMPLETE) on Amazon Bedrock.
-- {{input_format}} is Anthropic's messages format for a Claude model, else empty (Bedrock
-- detects other models from their id). A few hundred tokens make one line under 80
-- characters (the demo's 20000 exceeds Claude's cap).
CREATE MODEL IF NOT EXISTS `{{model}}`
INPUT (race_context STRING)
OUTPUT (commentary STRING)
WITH (
  'provider' = 'bedrock',
  'task' = 'text_generation',
  'bedrock.connection' = {{connection}}{{input_format}},
  'bedrock.params.max_tokens' = '200'
);
