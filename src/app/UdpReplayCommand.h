#pragma once
// pitwall udp-replay FILE: sends a capture of the F1 game's UDP telemetry (pitwall
// --udp-capture, or the u32 count / f32 time / u32 length / payload recordings others
// make) to a port as the game would, at the recorded pace times a speed, or as fast as
// possible — for testing, demos and bug reports.

#include <QStringList>

namespace pitwall {

bool isUdpReplayCommand(const QString &word);
int runUdpReplayCommand(const QStringList &arguments);

} // namespace pitwall
