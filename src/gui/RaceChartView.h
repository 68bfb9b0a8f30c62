#pragma once
// A chart whose x axis is race time, steered by the mouse the same way everywhere:
// the wheel zooms the time window, dragging pans (which holds the race clock), a
// click asks to jump to that moment.

#include <QChartView>

namespace pitwall {

class RaceChartView : public QChartView {
    Q_OBJECT
public:
    explicit RaceChartView(QChart *chart, QWidget *parent = nullptr);
    // The chart's background, text and grid for the dark or the light theme.
    void setDark(bool dark);

signals:
    void zoomRequested(double factor); // > 1: show more time
    void panRequested(double seconds); // > 0: towards later
    void momentClicked(double raceSeconds);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    // Under this height the axes' titles and five labels leave the plot no room and Qt Charts
    // elides every label to "...": a short chart (three stacked on a 768-pixel screen) keeps
    // three labels up its side and no axis titles.
    static constexpr int kCompactBelowPx = 200;

    double secondsAt(const QPointF &widgetPoint) const;
    void cacheStillItems();

    QPointF m_pressedAt;
    double m_lastSeconds = 0;
    bool m_dragging = false;
    bool m_itemsToCache = true;
};

} // namespace pitwall
