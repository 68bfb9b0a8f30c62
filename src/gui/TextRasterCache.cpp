#include "TextRasterCache.h"

#include <QFontMetricsF>
#include <QPaintDevice>
#include <QPainter>
#include <cmath>

namespace pitwall {

namespace {

constexpr int kMargin = 2; // glyphs may reach a little past their advance

bool handles(const QString &text, int flags, bool mnemonicsRemoved)
{
    if (flags & (Qt::TextWordWrap | Qt::TextWrapAnywhere | Qt::TextExpandTabs | Qt::TextJustificationForced))
        return false;
    for (const QChar c : text) {
        // Shown mnemonics, line breaks, tabs and right-to-left scripts take QPainter's own path.
        if ((c == u'&' && !mnemonicsRemoved) || c == u'\n' || c == u'\t' || c == u'\r' || c.unicode() == 0x2028 ||
            c.isHighSurrogate() || c.script() == QChar::Script_Arabic || c.script() == QChar::Script_Hebrew)
            return false;
    }
    return true;
}

} // namespace

TextRasterCache &TextRasterCache::shared()
{
    static TextRasterCache cache;
    return cache;
}

qsizetype TextRasterCache::size() const
{
    qsizetype count = 0;
    for (const auto &fontEntries : m_fonts)
        count += fontEntries->texts.count();
    return count;
}

qsizetype TextRasterCache::bytes() const
{
    qsizetype total = 0;
    for (const auto &fontEntries : m_fonts)
        total += fontEntries->texts.totalCost();
    return total;
}

TextRasterCache::FontEntries &TextRasterCache::entriesFor(const QFont &font, qreal devicePixelRatio)
{
    for (auto &known : m_fonts) {
        if (known->devicePixelRatio == devicePixelRatio && known->font == font)
            return *known;
    }
    m_fonts.push_back(std::make_unique<FontEntries>());
    m_fonts.back()->font = font;
    m_fonts.back()->devicePixelRatio = devicePixelRatio;
    m_fonts.back()->lineHeight = QFontMetrics(font).height();
    return *m_fonts.back();
}

const TextRasterCache::Entry *TextRasterCache::entry(FontEntries &entries, const QString &text, QRgb colour)
{
    const QPair<QString, QRgb> key{text, colour};
    if (const Entry *known = entries.texts.object(key)) {
        ++m_hits;
        return known;
    }
    auto made = std::make_unique<Entry>();
    made->width = widthIn(entries, text);
    const QFontMetricsF metrics(entries.font);
    const qreal dpr = entries.devicePixelRatio;
    if ((made->width + 2 * kMargin) * dpr * metrics.height() * dpr * 4 > kMaxBytesPerFont / 16)
        return nullptr; // a text that long is not a label: not worth a pixmap
    made->pixmap = QPixmap(QSize(int(std::ceil((made->width + 2 * kMargin) * dpr)), int(std::ceil(metrics.height() * dpr))));
    made->pixmap.setDevicePixelRatio(dpr);
    made->pixmap.fill(Qt::transparent);
    QPainter painter(&made->pixmap);
    painter.setFont(entries.font);
    painter.setPen(QColor::fromRgba(colour));
    painter.drawText(QPointF(kMargin, metrics.ascent()), text);
    painter.end();
    const qsizetype cost = qsizetype(made->pixmap.width()) * made->pixmap.height() * 4;
    const Entry *kept = made.get();
    entries.texts.insert(key, made.release(), cost); // the cache owns it now
    return kept;
}

bool TextRasterCache::drawAtBaseline(QPainter &painter, const QPointF &baseline, const QString &text)
{
    const QFontMetricsF metrics(painter.font());
    // Left-aligned and not clipped (as QPainter draws at a point), so the rectangle's width
    // does not matter.
    const QRect line(int(std::round(baseline.x())), int(std::round(baseline.y() - metrics.ascent())), 1,
                     int(std::ceil(metrics.height())));
    return draw(painter, line, Qt::AlignLeft | Qt::AlignTop | Qt::TextDontClip, text);
}

qreal TextRasterCache::width(const QString &text, const QFont &font, qreal devicePixelRatio)
{
    return widthIn(entriesFor(font, devicePixelRatio), text);
}

qreal TextRasterCache::widthIn(FontEntries &entries, const QString &text)
{
    if (const auto known = entries.widths.constFind(text); known != entries.widths.cend())
        return *known;
    if (entries.widths.size() >= 8192)
        entries.widths.clear();
    const qreal measured = QFontMetricsF(entries.font).horizontalAdvance(text);
    entries.widths.insert(text, measured);
    return measured;
}

// A menu's "&File" is shown "File" while its mnemonics are hidden ("&&" is a literal "&").
static QString withoutMnemonics(const QString &text)
{
    QString shown;
    shown.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == u'&' && i + 1 < text.size())
            ++i;
        shown += text[i];
    }
    return shown;
}

bool TextRasterCache::draw(QPainter &painter, const QRect &rect, int flags, const QString &text)
{
    if (text.isEmpty())
        return true;
    const bool hideMnemonics = (flags & Qt::TextHideMnemonic) && text.contains(u'&');
    const QString &shown = hideMnemonics ? withoutMnemonics(text) : text;
    const QPen &pen = painter.pen();
    if (!handles(shown, flags, hideMnemonics) || pen.style() == Qt::NoPen || pen.brush().style() != Qt::SolidPattern ||
        painter.worldTransform().type() > QTransform::TxTranslate || !painter.device())
        return false;
    auto &entries = entriesFor(painter.font(), painter.device()->devicePixelRatio());
    if (!(flags & Qt::TextDontClip) && (widthIn(entries, shown) > rect.width() || entries.lineHeight > rect.height()))
        return false; // QPainter clips it to the rectangle: its own path does that
    const Entry *found = entry(entries, shown, pen.color().rgba());
    if (!found)
        return false;
    const Entry &cached = *found;
    const QSizeF size = cached.pixmap.deviceIndependentSize();
    // Placed as QPainter::drawText places a single line: the line box aligned in the rect.
    qreal x = rect.left();
    if (flags & Qt::AlignRight)
        x = rect.right() + 1 - cached.width;
    else if (flags & Qt::AlignHCenter)
        x = rect.left() + (rect.width() - cached.width) / 2.0;
    qreal y = rect.top();
    if (flags & Qt::AlignBottom)
        y = rect.bottom() + 1 - size.height();
    else if (flags & Qt::AlignVCenter)
        y = rect.top() + (rect.height() - size.height()) / 2.0;
    painter.drawPixmap(QPointF(std::round(x) - kMargin, std::round(y)), cached.pixmap);
    return true;
}

} // namespace pitwall
