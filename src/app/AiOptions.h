#pragma once
// The AI command-line flags (--llm, --llm-endpoint, --llm-model, --embedder,
// --vector-store, --mongodb-uri, --commentary-filter, --vector-dir), shared by the
// window, headless runs and `pitwall ask`, and the services they start.

#include "ai/AiSettings.h"
#include "core/Expected.h"
#include "aiservices/AiServices.h"

#include <QCommandLineParser>
#include <memory>

namespace pitwall {

struct AiCommandLine {
    ai::AiFlags flags;
    QString vectorDirectory;
};

void addAiOptions(QCommandLineParser &parser);
AiCommandLine readAiOptions(const QCommandLineParser &parser);

// Flags, then the environment, then saved settings; the local index lives in
// `vectorDirectory` or the user's data folder.
Expected<std::shared_ptr<AiServices>> startAiServices(const AiCommandLine &commandLine);

} // namespace pitwall
