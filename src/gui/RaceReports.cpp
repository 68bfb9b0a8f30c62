#include "RaceReports.h"

#include "view/DisplayNames.h"
#include "view/RaceViewStore.h"
#include "core/Grid.h"
#include "aiservices/AiServices.h"
#include "pipeline/RaceSource.h"
#include "stream/KafkaSelection.h"

#include <QUrl>

namespace pitwall {

QString RaceReports::resultsHtml(const RaceSummary &summary, const Grid &grid, const RaceViewStore &store,
                                 const QString &raceName, const QString &followed)
{
    QString fastest;
    for (auto it = store.events().crbegin(); it != store.events().crend(); ++it) {
        if (it->event.kind == QLatin1String("fastest_lap")) {
            fastest = tr("Fastest lap: <b>%1</b>, %2 on lap %3")
                          .arg(it->event.driverName.toHtmlEscaped(),
                               DisplayNames::lapTime(qint64(it->event.details.value(QStringLiteral("lap_time_ms")).toDouble())))
                          .arg(it->event.lap);
            break;
        }
    }
    const int followedPlace = int(summary.classification.indexOf(followed)) + 1;
    QString html = QStringLiteral("<h2>%1</h2>").arg(tr("%1 — classification").arg(raceName.toHtmlEscaped()));
    if (followedPlace > 0)
        html += QStringLiteral("<p style='font-size:13pt'>%1</p>").arg(tr("%1 finished <b>P%2</b>.").arg(followed.toHtmlEscaped()).arg(followedPlace));
    if (!fastest.isEmpty())
        html += QStringLiteral("<p>%1</p>").arg(fastest);
    html += QStringLiteral("<table cellspacing='0' cellpadding='4'><tr><th align='right'>%1</th><th align='left'>%2</th><th align='left'>%3</th></tr>")
                .arg(tr("Pos"), tr("Driver"), tr("Team"));
    for (int i = 0; i < summary.classification.size(); ++i) {
        const QString &name = summary.classification[i];
        const auto *driver = grid.findDriver(name);
        const QString team = driver ? grid.teamOf(*driver).name : QString();
        const QString colour = driver ? grid.teamOf(*driver).colour : QStringLiteral("#888888");
        html += QStringLiteral("<tr%1><td align='right'><b>%2</b></td><td><span style='color:%3'>■</span> %4</td><td>%5</td></tr>")
                    .arg(name == followed ? QStringLiteral(" style='background:#5a3000'") : QString())
                    .arg(i + 1)
                    .arg(colour, name.toHtmlEscaped(), team.toHtmlEscaped());
    }
    return html + QStringLiteral("</table>");
}

QStringList RaceReports::setupLines(const KafkaSelection &kafka, const AiServices *ai, bool *offline)
{
    QStringList lines;
    const bool embeddedKafka = kafka.isEmbedded();
    lines << (embeddedKafka ? tr("Kafka: the embedded broker")
                            : tr("Kafka: %1").arg(kafka.bootstrap.isEmpty() ? kafka.configFile : kafka.bootstrap));
    *offline = embeddedKafka;
    if (!ai) { // the races' own offline services (RaceSession's default)
        lines << tr("Commentary, embeddings and vector store: offline, on this machine");
        return lines;
    }
    const auto &settings = ai->settings();
    const QString openAiHost = QUrl(settings.openai.baseUrl).host();
    switch (settings.llm) {
    case ai::LlmChoice::Offline: lines << tr("Commentary: the offline commentator"); break;
    case ai::LlmChoice::Bedrock:
        lines << tr("Commentary: Amazon Bedrock, %1 in %2").arg(settings.bedrock.model, settings.bedrock.region);
        break;
    case ai::LlmChoice::OpenAi: lines << tr("Commentary: OpenAI API, %1 at %2").arg(settings.openai.model, openAiHost); break;
    }
    lines << (settings.embedder == ai::EmbedderChoice::OpenAi
                  ? tr("Embeddings: OpenAI API, %1 at %2").arg(settings.openai.embeddingModel, openAiHost)
                  : tr("Embeddings: offline (%1)").arg(ai->embedderLabel()))
          << tr("Vector store: %1").arg(ai->storeLabel());
    *offline = *offline && settings.llm == ai::LlmChoice::Offline && settings.embedder == ai::EmbedderChoice::Offline &&
               settings.vectorStore == ai::VectorStoreChoice::Local;
    return lines;
}

} // namespace pitwall
