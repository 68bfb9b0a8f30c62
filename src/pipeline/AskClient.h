#pragma once
// Asks the pipeline a question the demo's way: the question goes to commentary_queries,
// the answer comes back on commentary_query_results (matched by the query's id).
// Blocking: call from a worker thread or a console command.

#include "core/Expected.h"
#include "core/Messages.h"
#include "stream/KafkaConfig.h"

namespace pitwall {

Expected<CommentaryQueryResult> askThroughKafka(const KafkaConfig &config, CommentaryQuery query, int timeoutMs);

} // namespace pitwall
