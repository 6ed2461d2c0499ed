#include "ui/sweep/SweepChart.h"

#include <QContextMenuEvent>
#include <QFileDialog>
#include <QMenu>
#include <QMouseEvent>
#include <QToolTip>

#include <array>
#include <cmath>

namespace {

const char* const inkProperty = "salientInk";

/// Nearer than this many pixels to a point shows its tooltip.
constexpr double tipRadius = 10.0;

void styleAxis(QCPAxis* axis, const QColor& text, const QColor& grid)
{
    axis->setBasePen(QPen(text));
    axis->setTickPen(QPen(text));
    axis->setSubTickPen(QPen(text));
    axis->setTickLabelColor(text);
    axis->setLabelColor(text);
    axis->grid()->setPen(QPen(grid, 0, Qt::DotLine));
    axis->grid()->setZeroLinePen(Qt::NoPen);
}

} // namespace

SweepChart::SweepChart(QWidget* parent) : QCustomPlot(parent)
{
    setMouseTracking(true);
    setMinimumSize(280, 200);
    legend->setVisible(true);
    legend->setIconSize(24, 10);
    applyPalette();
}

QColor SweepChart::seriesColour(int index)
{
    // Tableau 10: distinct on white and on dark grey.
    static const std::array<QColor, 8> colours = {QColor(0x4e79a7), QColor(0xf28e2b), QColor(0x59a14f),
                                                  QColor(0xe15759), QColor(0xb07aa1), QColor(0x76b7b2),
                                                  QColor(0xedc948), QColor(0x9c755f)};
    return colours[std::size_t(index) % colours.size()];
}

void SweepChart::clearChart()
{
    clearPlottables();
    clearItems();
    m_tips.clear();
}

void SweepChart::markAsInk(QCPGraph* graph)
{
    graph->setProperty(inkProperty, true);
}

void SweepChart::addTip(QCPAbstractPlottable* plottable, double key, double value, const QString& text)
{
    m_tips.push_back({plottable, key, value, text});
}

QString SweepChart::tipAt(const QPoint& position) const
{
    double best = tipRadius;
    QString text;
    for (const Tip& tip : m_tips) {
        if (!tip.plottable->visible())
            continue;
        const QPointF point = tip.plottable->coordsToPixels(tip.key, tip.value);
        const double distance = std::hypot(point.x() - position.x(), point.y() - position.y());
        if (distance < best) {
            best = distance;
            text = tip.text;
        }
    }
    return text;
}

void SweepChart::redraw()
{
    applyPalette();
    replot(QCustomPlot::rpQueuedReplot);
    ++m_redraws;
}

bool SweepChart::saveTo(const QString& path)
{
    if (path.endsWith(".pdf", Qt::CaseInsensitive))
        return savePdf(path, width(), height());
    return savePng(path, width(), height(), 2.0);
}

void SweepChart::mouseMoveEvent(QMouseEvent* event)
{
    QCustomPlot::mouseMoveEvent(event);
    const QString text = tipAt(event->pos());
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, this);
}

void SweepChart::leaveEvent(QEvent* event)
{
    QCustomPlot::leaveEvent(event);
    QToolTip::hideText();
}

void SweepChart::changeEvent(QEvent* event)
{
    QCustomPlot::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange) {
        applyPalette();
        replot();
    }
}

void SweepChart::contextMenuEvent(QContextMenuEvent* event)
{
    QMenu menu(this);
    menu.addAction(tr("Save Chart as PNG…"), this, [this] {
        const QString path =
            QFileDialog::getSaveFileName(this, tr("Save Chart"), {}, tr("PNG image (*.png)"));
        if (!path.isEmpty())
            saveTo(path.endsWith(".png", Qt::CaseInsensitive) ? path : path + ".png");
    });
    menu.addAction(tr("Save Chart as PDF…"), this, [this] {
        const QString path =
            QFileDialog::getSaveFileName(this, tr("Save Chart"), {}, tr("PDF document (*.pdf)"));
        if (!path.isEmpty())
            saveTo(path.endsWith(".pdf", Qt::CaseInsensitive) ? path : path + ".pdf");
    });
    menu.exec(event->globalPos());
}

void SweepChart::applyPalette()
{
    const QPalette p = palette();
    const QColor text = p.color(QPalette::WindowText);
    QColor grid = p.color(QPalette::Mid);
    grid.setAlpha(160);
    setBackground(p.brush(QPalette::Base));
    axisRect()->setBackground(p.brush(QPalette::Base));
    for (QCPAxis* axis : axisRect()->axes())
        styleAxis(axis, text, grid);
    QColor legendBackground = p.color(QPalette::Base);
    legendBackground.setAlpha(215); // points behind the legend stay visible
    legend->setBrush(legendBackground);
    legend->setBorderPen(QPen(grid));
    legend->setTextColor(text);
    // Marks drawn in the text colour (clean-accuracy ticks) and guides (the diagonal) follow the palette.
    for (int i = 0; i < graphCount(); ++i)
        if (graph(i)->property(inkProperty).toBool()) {
            QCPScatterStyle style = graph(i)->scatterStyle();
            style.setPen(QPen(text, 2));
            graph(i)->setScatterStyle(style);
        }
    for (int i = 0; i < itemCount(); ++i)
        if (auto* line = qobject_cast<QCPItemStraightLine*>(item(i)))
            line->setPen(QPen(grid, 1, Qt::DashDotLine));
    if (plotLayout()->elementCount() > 0)
        if (auto* title = qobject_cast<QCPTextElement*>(plotLayout()->element(0, 0)))
            title->setTextColor(text);
}
