#pragma once
// One streaming model per partition key (PARTITION BY team, by car and metric...),
// created on first use with the stage's configuration.

#include "ArimaStream.h"

#include <QHash>
#include <QString>
#include <memory>

namespace pitwall::ml {

template <typename Stream, typename Config>
class Keyed {
public:
    explicit Keyed(Config config)
        : m_config(config)
    {
    }

    Stream &operator[](const QString &key)
    {
        auto &stream = m_streams[key];
        if (!stream)
            stream = std::make_shared<Stream>(m_config);
        return *stream;
    }

    const Config &config() const { return m_config; }

private:
    Config m_config;
    QHash<QString, std::shared_ptr<Stream>> m_streams;
};

using KeyedStreams = Keyed<ArimaStream, ArimaConfig>;

} // namespace pitwall::ml
