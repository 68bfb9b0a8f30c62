#pragma once
// One streaming model per partition key (PARTITION BY team, by car and metric...),
// created on first use with the stage's configuration.

#include "ArimaStream.h"

#include <QHash>
#include <QString>
#include <memory>

namespace pitwall::ml {

class KeyedStreams {
public:
    explicit KeyedStreams(ArimaConfig config)
        : m_config(config)
    {
    }

    ArimaStream &operator[](const QString &key)
    {
        auto &stream = m_streams[key];
        if (!stream)
            stream = std::make_unique<ArimaStream>(m_config);
        return *stream;
    }

    const ArimaConfig &config() const { return m_config; }

private:
    ArimaConfig m_config;
    QHash<QString, std::shared_ptr<ArimaStream>> m_streams;
};

} // namespace pitwall::ml
