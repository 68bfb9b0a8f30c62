#include "FeedPanel.h"

#include "view/FeedModel.h"
#include "TextRasterCache.h"
#include "core/Grid.h"
#include "ui_FeedPanel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QPainter>
#include <QSortFilterProxyModel>
#include <QStyledItemDelegate>
#include <cmath>

namespace pitwall {

namespace {

// Time, a rounded badge naming the source, then the line in its type's colour.
class FeedLineDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem background = option;
        initStyleOption(&background, index);
        background.text.clear();
        option.widget->style()->drawControl(QStyle::CE_ItemViewItem, &background, painter, option.widget);

        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        QRect area = option.rect.adjusted(6, 0, -6, 0);
        const QString text = index.data(Qt::DisplayRole).toString();
        const QString time = text.section(QStringLiteral("  "), 0, 0);
        const QString body = text.section(QStringLiteral("  "), 1);
        const QString source = index.data(FeedModel::SourceRole).toString();
        const QString type = index.data(FeedModel::TypeRole).toString();
        const bool selected = option.state & QStyle::State_Selected;
        const QColor textColour = option.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);

        auto &texts = TextRasterCache::shared();
        auto drawText = [&](const QRect &rect, int flags, const QString &line) {
            if (!texts.draw(*painter, rect, flags, line))
                painter->drawText(rect, flags, line);
        };
        painter->setPen(option.palette.color(QPalette::PlaceholderText));
        const int timeWidth = option.fontMetrics.horizontalAdvance(QStringLiteral("00:00:00"));
        drawText(area, Qt::AlignVCenter | Qt::AlignLeft, time);
        area.setLeft(area.left() + timeWidth + 6);

        QFont badgeFont = option.font;
        badgeFont.setPointSizeF(badgeFont.pointSizeF() * 0.8);
        const QFontMetrics badgeMetrics(badgeFont);
        const QRect badge(area.left(), area.center().y() - badgeMetrics.height() / 2 - 1,
                          int(std::ceil(texts.width(source, badgeFont, painter->device()->devicePixelRatio()))) + 10,
                          badgeMetrics.height() + 2);
        const QColor typeColour = type == QLatin1String("highlight") ? QColor(QStringLiteral("#f5b400"))
                                  : type == QLatin1String("warning") ? QColor(QStringLiteral("#ff6b5a"))
                                                                     : option.palette.color(QPalette::Mid);
        painter->setPen(Qt::NoPen);
        painter->setBrush(typeColour.darker(type == QLatin1String("info") ? 100 : 160));
        painter->drawRoundedRect(badge, 4, 4);
        painter->setFont(badgeFont);
        painter->setPen(Qt::white);
        drawText(badge, Qt::AlignCenter, source);
        area.setLeft(badge.right() + 8);

        painter->setFont(option.font);
        painter->setPen(type == QLatin1String("info") || selected ? textColour : typeColour);
        drawText(area, Qt::AlignVCenter | Qt::AlignLeft, elided(body, option.fontMetrics, area.width()));
        painter->restore();
    }

private:
    // Lines keep their text; eliding one shapes it, so the elided form is kept per width.
    const QString &elided(const QString &text, const QFontMetrics &metrics, int width) const
    {
        if (m_elided.size() > 2048)
            m_elided.clear();
        auto &known = m_elided[text];
        if (known.first != width || known.second.isNull())
            known = {width, metrics.elidedText(text, Qt::ElideRight, width)};
        return known.second;
    }
    mutable QHash<QString, QPair<int, QString>> m_elided;

public:
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QSize size = QStyledItemDelegate::sizeHint(option, index);
        size.setHeight(std::max(size.height(), option.fontMetrics.height() + 8));
        return size;
    }
};

} // namespace

FeedPanel::FeedPanel(FeedModel *model, const Grid &grid, QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::FeedPanel>())
    , m_filter(new QSortFilterProxyModel(this))
{
    m_ui->setupUi(this);
    m_filter->setSourceModel(model);
    m_filter->setFilterRole(FeedModel::DriverRole);
    m_ui->feedView->setModel(m_filter);
    m_ui->feedView->setItemDelegate(new FeedLineDelegate(m_ui->feedView));
    m_ui->driverBox->addItem(tr("Everyone"), QString());
    for (const auto &driver : grid.drivers())
        m_ui->driverBox->addItem(QStringLiteral("%1  %2").arg(driver.code, driver.name), driver.name);
    connect(m_ui->driverBox, &QComboBox::currentIndexChanged, this, [this] {
        const QString driver = m_ui->driverBox->currentData().toString();
        m_filter->setFilterFixedString(driver);
    });
    connect(m_ui->feedView, &QAbstractItemView::clicked, this,
            [this](const QModelIndex &index) { emit momentSelected(index.data(FeedModel::RaceMsRole).toLongLong()); });
    auto *copy = new QAction(tr("Copy line"), m_ui->feedView);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &FeedPanel::copySelection);
    m_ui->feedView->addAction(copy);
}

FeedPanel::~FeedPanel() = default;

void FeedPanel::setDriverFilter(const QString &driver)
{
    m_ui->driverBox->setCurrentIndex(std::max(0, m_ui->driverBox->findData(driver)));
}

int FeedPanel::visibleLines() const
{
    return m_filter->rowCount();
}

QString FeedPanel::copySelection() const
{
    QStringList lines;
    for (const auto &index : m_ui->feedView->selectionModel()->selectedIndexes())
        lines << QStringLiteral("%1 [%2]").arg(index.data(Qt::DisplayRole).toString(), index.data(FeedModel::SourceRole).toString());
    const QString text = lines.join(QLatin1Char('\n'));
    if (!text.isEmpty())
        QApplication::clipboard()->setText(text);
    return text;
}

} // namespace pitwall
