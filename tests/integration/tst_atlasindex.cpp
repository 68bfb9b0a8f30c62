// The Atlas vector index the ask search needs: its definition (the embedder's dimensions,
// cosine, race_id as a filter), created and waited for against a fake answering as Atlas
// does ($listSearchIndexes: PENDING → BUILDING → READY, or FAILED with a message), and,
// when MONGODB_URI is set, against a real Atlas cluster (skipped otherwise; it leaves the
// collection pitwall_test.pitwall_index_test with its index, reused by the next run).
#include "setup/AtlasVectorIndex.h"

#include <QTest>

using namespace pitwall;
using namespace pitwall::setup;

namespace {

// Answers as Atlas does: no index until created; then one status further per listing.
class FakeAtlas : public SearchIndexCommands {
public:
    explicit FakeAtlas(QStringList statuses, QString failure = {})
        : m_statuses(std::move(statuses))
        , m_failure(std::move(failure))
    {
    }

    Expected<QJsonArray> listSearchIndexes(const VectorIndexSpec &spec) override
    {
        ++listings;
        if (m_created.isEmpty() || m_created.value(QLatin1String("name")).toString() != spec.name)
            return QJsonArray{};
        const QString status = m_statuses.value(std::min<qsizetype>(m_step++, m_statuses.size() - 1));
        QJsonObject index{{"id", "65f0c0ffee"},
                          {"name", m_created.value("name")},
                          {"type", m_created.value("type")},
                          {"status", status},
                          {"queryable", status == QLatin1String("READY")},
                          {"latestDefinitionVersion", QJsonObject{{"version", 0}}},
                          {"latestDefinition", m_created.value("definition")}};
        if (status == QLatin1String("FAILED"))
            index.insert("message", m_failure);
        return QJsonArray{index};
    }

    Expected<QJsonObject> createSearchIndexes(const VectorIndexSpec &) override
    {
        ++creates;
        return QJsonObject{{"ok", 1}};
    }

    // What the app sent, as Atlas would store it.
    void acceptCommand(const QJsonObject &command) { m_created = command.value("indexes").toArray().first().toObject(); }

    int listings = 0;
    int creates = 0;

private:
    QStringList m_statuses;
    QString m_failure;
    QJsonObject m_created;
    qsizetype m_step = 0;
};

// The fake stores exactly the command the product builds.
class RecordingAtlas : public FakeAtlas {
public:
    using FakeAtlas::FakeAtlas;
    Expected<QJsonObject> createSearchIndexes(const VectorIndexSpec &spec) override
    {
        sent = createSearchIndexesCommand(spec);
        acceptCommand(sent);
        return FakeAtlas::createSearchIndexes(spec);
    }
    QJsonObject sent;
};

VectorIndexSpec spec()
{
    SetupConfig c;
    c.openAiApiKey = QStringLiteral("sk-test");
    c.openAiEmbeddingModel = QStringLiteral("text-embedding-3-small");
    c.mongoDatabase = QStringLiteral("reinvent");
    c.mongoCollection = QStringLiteral("commentary");
    c.mongoIndex = QStringLiteral("vector_index");
    return vectorIndexSpec(c);
}

} // namespace

class TestAtlasIndex : public QObject {
    Q_OBJECT

private slots:
    void theDefinitionIsWhatTheAskSearchNeeds()
    {
        const auto command = createSearchIndexesCommand(spec());
        QCOMPARE(command.value("createSearchIndexes").toString(), QStringLiteral("commentary"));
        const auto index = command.value("indexes").toArray().first().toObject();
        QCOMPARE(index.value("name").toString(), QStringLiteral("vector_index"));
        QCOMPARE(index.value("type").toString(), QStringLiteral("vectorSearch"));
        const auto fields = index.value("definition").toObject().value("fields").toArray();
        QCOMPARE(fields.size(), 2);
        QCOMPARE(fields[0].toObject(),
                 (QJsonObject{{"type", "vector"}, {"path", "message_embedding"}, {"numDimensions", 1536}, {"similarity", "cosine"}}));
        QCOMPARE(fields[1].toObject(), (QJsonObject{{"type", "filter"}, {"path", "race_id"}}));
        SetupConfig offline;
        QCOMPARE(embeddingDimensions(offline), 384);
        offline.openAiApiKey = QStringLiteral("sk");
        offline.openAiEmbeddingModel = QStringLiteral("text-embedding-3-large");
        QCOMPARE(embeddingDimensions(offline), 3072);
    }

    void createsAndWaitsUntilQueryable()
    {
        RecordingAtlas atlas({"PENDING", "PENDING", "BUILDING", "BUILDING", "READY"});
        AtlasVectorIndex index(atlas, 1, 10000);
        auto before = index.check(spec());
        QVERIFY(before.hasValue());
        QVERIFY(!before->exists);
        QVERIFY(index.create(spec()).hasValue());
        QCOMPARE(atlas.creates, 1);
        QStringList seen;
        const auto ready = index.waitUntilQueryable(spec(), [&seen](const QString &status) { seen << status; });
        QVERIFY2(ready.hasValue(), qPrintable(ready.hasValue() ? QString() : ready.error().message));
        QCOMPARE(seen, (QStringList{"PENDING", "BUILDING", "READY"}));
        // Created again: kept, not made twice.
        QVERIFY(index.create(spec()).hasValue());
        QCOMPARE(atlas.creates, 1);
    }

    void aFailedBuildIsSaidWithAtlasReason()
    {
        RecordingAtlas atlas({"PENDING", "BUILDING", "FAILED"}, QStringLiteral("numDimensions 1536 exceeds the tier's limit"));
        AtlasVectorIndex index(atlas, 1, 10000);
        QVERIFY(index.create(spec()).hasValue());
        QStringList seen;
        const auto ready = index.waitUntilQueryable(spec(), [&seen](const QString &status) { seen << status; });
        QVERIFY(!ready.hasValue());
        QVERIFY2(ready.error().message.contains("could not build the index vector_index: numDimensions 1536 exceeds"),
                 qPrintable(ready.error().message));
        QCOMPARE(seen.last(), QStringLiteral("FAILED"));
    }

    void aSlowBuildTimesOutWithWords()
    {
        RecordingAtlas atlas({"PENDING"});
        AtlasVectorIndex index(atlas, 5, 60);
        QVERIFY(index.create(spec()).hasValue());
        const auto ready = index.waitUntilQueryable(spec(), {});
        QVERIFY(!ready.hasValue());
        QVERIFY2(ready.error().message.contains("still PENDING"), qPrintable(ready.error().message));
    }

    // An index of that name with other dimensions would never match the app's vectors.
    void aMismatchedIndexIsRefusedNotReplaced()
    {
        RecordingAtlas atlas({"READY"});
        auto other = spec();
        other.dimensions = 384;
        atlas.acceptCommand(createSearchIndexesCommand(other));
        AtlasVectorIndex index(atlas, 1, 1000);
        const auto state = index.check(spec());
        QVERIFY(state.hasValue());
        QVERIFY(state->exists);
        QVERIFY2(state->problem.contains("384 dimensions, the embedder gives 1536"), qPrintable(state->problem));
        const auto created = index.create(spec());
        QVERIFY(!created.hasValue());
        QVERIFY(created.error().message.contains("delete it in Atlas or choose another name"));
        QCOMPARE(atlas.creates, 0);
    }

    void againstRealAtlas()
    {
        const QString uri = qEnvironmentVariable("MONGODB_URI");
        if (uri.isEmpty())
            QSKIP("MONGODB_URI is not set: the real Atlas test is skipped");
        auto commands = mongoSearchIndexCommands(uri);
        VectorIndexSpec live = spec();
        live.database = QStringLiteral("pitwall_test");
        live.collection = QStringLiteral("pitwall_index_test");
        live.name = QStringLiteral("pitwall_test_index");
        AtlasVectorIndex index(*commands, 5000, 10 * 60 * 1000);
        const auto created = index.create(live);
        QVERIFY2(created.hasValue(), qPrintable(created.hasValue() ? QString() : created.error().message));
        QStringList seen;
        const auto ready = index.waitUntilQueryable(live, [&seen](const QString &status) { seen << status; });
        QVERIFY2(ready.hasValue(), qPrintable(ready.hasValue() ? QString() : ready.error().message));
        QCOMPARE(seen.last(), QStringLiteral("READY"));
        qInfo("Atlas statuses seen: %s", qPrintable(seen.join(" → ")));
    }
};

QTEST_GUILESS_MAIN(TestAtlasIndex)
#include "tst_atlasindex.moc"
