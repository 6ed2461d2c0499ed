#pragma once

#include <qcustomplot.h>

#include <QString>
#include <vector>

/// A QCustomPlot for sweep results: colours that follow the application palette (light or dark), a
/// tooltip for the data point under the mouse, straight lines as guides in the grid colour, and saving as PNG
/// or PDF (also from its context menu).
class SweepChart : public QCustomPlot
{
    Q_OBJECT

public:
    explicit SweepChart(QWidget* parent = nullptr);

    /// The i-th colour of a series palette that reads on light and dark backgrounds.
    static QColor seriesColour(int index);

    /// Removes every plottable, item and tooltip (axes and their labels stay).
    void clearChart();
    /// Draws the graph's markers in the palette's text colour, now and after palette changes.
    static void markAsInk(QCPGraph* graph);
    /// A tooltip for the point (key, value) of `plottable`.
    void addTip(QCPAbstractPlottable* plottable, double key, double value, const QString& text);
    /// The tooltip of the point nearest `position` (widget pixels) within a few pixels, else empty.
    QString tipAt(const QPoint& position) const;
    /// Re-applies the palette and redraws; counts the redraws.
    void redraw();
    int redraws() const { return m_redraws; }
    /// Writes the chart to `path` as PDF for ".pdf", else PNG (twice the screen resolution).
    bool saveTo(const QString& path);

protected:
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void changeEvent(QEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;

private:
    struct Tip
    {
        QCPAbstractPlottable* plottable;
        double key;
        double value;
        QString text;
    };

    void applyPalette();

    std::vector<Tip> m_tips;
    int m_redraws = 0;
};
