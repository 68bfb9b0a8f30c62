#pragma once
// Reads one session folder of the F1 live-timing static archive (livetiming.formula1.com/static/
// <year>/<meeting>/<session>/, the files FastF1 and OpenF1 are built on: one `<Topic>.jsonStream`
// per topic) into a RealSession. It only reads and normalises; RealRaceBuilder makes the race.
//
// Damaged input never stops the read: a bad line is recorded in RealSession::issues and skipped,
// a topic that is not there is named in `missing`, an unknown topic in `ignored`. Other files
// in the folder (e.g. Ergast JSON) are not topics and are passed over silently. A folder that
// does not exist gives a session holding one issue and nothing else.
//
// Reentrant: each call keeps its own state, so workers may read folders concurrently.

#include "sources/RealSession.h"

#include <QString>
#include <QStringList>

namespace pitwall::sources {

struct LiveTimingOptions {
    qint64 maxFileBytes = qint64(1) << 30;      // per topic file; the rest of a larger file is skipped
    qint64 maxLineBytes = qint64(32) << 20;     // per line; a longer line is skipped
    qint64 maxInflatedBytes = qint64(64) << 20; // per `.z` payload once inflated
};

RealSession readLiveTimingFolder(const QString &folder);
RealSession readLiveTimingFolder(const QString &folder, const LiveTimingOptions &options);

class LiveTimingReader {
public:
    explicit LiveTimingReader(LiveTimingOptions options = {})
        : m_options(options)
    {
    }

    RealSession read(const QString &folder) const;

    // The topics read; any of them absent from a folder is named in RealSession::missing.
    static QStringList topics();

private:
    LiveTimingOptions m_options;
};

} // namespace pitwall::sources
