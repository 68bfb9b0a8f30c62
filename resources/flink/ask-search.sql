-- The ask-search stage: the top five commentary lines by meaning, as the demo's VECTOR_SEARCH_AGG.
INSERT INTO `commentary_query_results`
SELECT id, query, vs.search_results
FROM `commentary_queries_vectors`,
  LATERAL TABLE(VECTOR_SEARCH_AGG(mongo_commentary, DESCRIPTOR(message_embedding), embedding, 5)) AS vs;
