-- The ask-embed stage: a question's embedding, as the demo's ML_PREDICT.
INSERT INTO `commentary_queries_vectors`
SELECT query, embedding, id, race_id
FROM `commentary_queries`, LATERAL TABLE(ML_PREDICT('commentary_query_embed', query));
