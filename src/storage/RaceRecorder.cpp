#include "RaceRecorder.h"

#include "LibraryDatabase.h"
#include "MessageChunk.h"
#include "RaceLibrary.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <future>

namespace pitwall {

RaceRecorder::RaceRecorder(RaceRecord race)
    : m_race(std::move(race))
{
}

Expected<std::unique_ptr<RaceRecorder>> RaceRecorder::start(const QString &path, RaceRecord race)
{
    race.state = QStringLiteral("recording");
    QDir().mkpath(QFileInfo(path).absolutePath()); // the lock lives beside the library
    auto lock = std::make_unique<QLockFile>(recordingLockPath(path, race.id));
    lock->setStaleLockTime(0);
    if (!lock->tryLock(0))
        return Error{lock->error() == QLockFile::LockFailedError
                         ? QStringLiteral("race %1 is being recorded by another Pit Wall").arg(race.id)
                         : QStringLiteral("cannot create %1 beside the library").arg(lock->fileName())};
    std::unique_ptr<RaceRecorder> recorder(new RaceRecorder(std::move(race)));
    recorder->m_lock = std::move(lock);
    std::promise<QString> opened;
    auto openedFuture = opened.get_future();
    recorder->m_writer = std::jthread([raw = recorder.get(), path, promise = std::move(opened)]() mutable {
        // The thread boundary: whatever is thrown ends the recording with its reason, not the program.
        bool answered = false;
        auto failure = [&](const QString &what) {
            const QString error = QStringLiteral("recording race %1 stopped: %2").arg(raw->m_race.id, what);
            if (!answered)
                promise.set_value(error);
            QMutexLocker lock(&raw->m_errorMutex);
            raw->m_lastError = error;
        };
        try {
            raw->run(path, promise, answered);
        } catch (const std::exception &error) {
            failure(QString::fromLocal8Bit(error.what()));
        } catch (...) {
            failure(QStringLiteral("an exception that is not a std::exception"));
        }
    });
    const QString error = openedFuture.get();
    if (!error.isEmpty()) {
        recorder->m_writer.join();
        return Error{error};
    }
    return recorder;
}

RaceRecorder::~RaceRecorder()
{
    if (m_writer.joinable())
        finish(QStringLiteral("stopped"), {});
}

void RaceRecorder::record(const char *topic, QByteArrayView key, QByteArrayView value)
{
    RecordedMessage message{0, QByteArray(topic), key.toByteArray(), value.toByteArray()};
    std::lock_guard lock(m_queueMutex);
    message.raceMs = m_raceMs.load(); // read under the lock, so the queue's times never go back
    m_queue.push_back(std::move(message));
    ++m_pending;
}

void RaceRecorder::amend(std::function<void(RaceRecord &)> change)
{
    std::lock_guard lock(m_queueMutex);
    m_amendments.push_back(std::move(change));
}

Expected<bool> RaceRecorder::finish(const QString &state, const QJsonObject &result)
{
    if (!m_writer.joinable())
        return true;
    {
        std::lock_guard lock(m_queueMutex);
        m_finishing = true;
        m_finalState = state;
        m_finalResult = result;
    }
    m_wake.notify_all();
    m_writer.join();
    m_lock.reset(); // unlocks and removes the lock file
    const QString error = lastError();
    if (!error.isEmpty())
        return Error{error};
    return true;
}

QString RaceRecorder::lastError() const
{
    QMutexLocker lock(&m_errorMutex);
    return m_lastError;
}

void RaceRecorder::run(const QString &path, std::promise<QString> &opened, bool &answered)
{
    // The writer's own connection: Qt SQL connections stay on the thread that made them.
    auto database = LibraryDatabase::open(path);
    if (!database) {
        answered = true;
        opened.set_value(database.error().message);
        return;
    }
    auto &db = database.value()->db();
    if (auto stored = storeRaceRow(db, m_race); !stored) {
        answered = true;
        opened.set_value(stored.error().message);
        return;
    }
    answered = true;
    opened.set_value({});
    auto fail = [this](const QString &error) {
        QMutexLocker lock(&m_errorMutex);
        m_lastError = error;
    };
    qint64 seq = 0;
    bool finishing = false;
    bool failed = false;
    while (!finishing) {
        std::vector<RecordedMessage> batch;
        bool amended = false;
        {
            std::unique_lock lock(m_queueMutex);
            m_wake.wait_for(lock, std::chrono::milliseconds(kFlushIntervalMs), [this] { return m_finishing; });
            batch.swap(m_queue);
            for (auto &change : m_amendments)
                change(m_race);
            amended = !m_amendments.empty();
            m_amendments.clear();
            finishing = m_finishing;
            if (finishing) {
                m_race.state = m_finalState;
                m_race.result = m_finalResult;
            }
        }
        if (batch.empty() && !finishing && !amended)
            continue;
        if (failed) {
            // After a failed write the library keeps the race as far as it was written,
            // without gaps: later messages are not stored.
            m_pending -= qint64(batch.size());
            continue;
        }
        // The batch and the race's counters in one transaction: the row never claims
        // messages the chunks do not hold.
        m_race.messageCount += qint64(batch.size());
        if (!batch.empty())
            m_race.durationMs = std::max(m_race.durationMs, batch.back().raceMs);
        Expected<bool> written = db.transaction() ? Expected<bool>(true) : Error{sqlErrorText(db.lastError())};
        qint64 nextSeq = seq;
        const qint64 bytesBefore = m_race.storedBytes;
        if (written)
            written = storeChunks(db, m_race.id, nextSeq, batch, m_race.storedBytes);
        if (written)
            written = storeRaceRow(db, m_race);
        if (written && !db.commit())
            written = Error{sqlErrorText(db.lastError())};
        if (!written) {
            db.rollback();
            m_race.messageCount -= qint64(batch.size());
            m_race.storedBytes = bytesBefore;
            fail(QStringLiteral("recording race %1: %2").arg(m_race.id, written.error().message));
            failed = true;
        } else {
            seq = nextSeq;
            m_recorded += qint64(batch.size());
        }
        m_pending -= qint64(batch.size());
    }
}

} // namespace pitwall
