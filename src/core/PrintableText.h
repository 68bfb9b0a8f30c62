#pragma once
// Outside text (a race id from the command line, a line of an imported file, a server's
// answer) made safe to print on a terminal: control characters could otherwise move the
// cursor, retitle the window or hide text (ESC/CSI/OSC sequences, CR, bidi overrides).
// Each one becomes a visible escape; everything else is kept as it is.

#include <QString>
#include <QStringView>

namespace pitwall {

// C0 controls (newline and tab too), DEL and C1 controls as \xNN (\n, \r, \t by name);
// Unicode's bidirectional overrides and isolates as \u{NNNN}.
QString printable(QStringView text);

} // namespace pitwall
