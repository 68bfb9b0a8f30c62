#pragma once
// Asks the pipeline a question the demo's way: the question goes to commentary_queries,
// the answer comes back on commentary_query_results (matched by the query's id).
// Blocking: call from a worker thread or a console command.

#include "core/Expected.h"
#include "core/Messages.h"
#include "stream/KafkaConfig.h"

#include <memory>

namespace pitwall {

Expected<CommentaryQueryResult> askThroughKafka(const KafkaConfig &config, CommentaryQuery query, int timeoutMs);

class AiServices;

// The same, with this process's own ask-embed and ask-search stages running for the
// question (when no race's pipeline runs them): they search `ai`'s vector store.
Expected<CommentaryQueryResult> askWithOwnStages(const KafkaConfig &config, const std::shared_ptr<AiServices> &ai,
                                                 CommentaryQuery query, int timeoutMs);

} // namespace pitwall
