#include "ui/widgets/LabelStyle.h"

#include <QLabel>

QFont scaledFont(const QFont& base, qreal factor, QFont::Weight weight)
{
    QFont font = base;
    if (base.pointSizeF() > 0)
        font.setPointSizeF(base.pointSizeF() * factor);
    else
        font.setPixelSize(qRound(base.pixelSize() * factor));
    font.setWeight(weight);
    return font;
}

TitleLabels makeTitleLabels(QWidget* parent)
{
    TitleLabels labels{new QLabel(parent), new QLabel(parent)};
    emphasise(labels.title, LabelEmphasis::Title);
    labels.title->setWordWrap(true);
    labels.details->setForegroundRole(QPalette::PlaceholderText);
    labels.details->setWordWrap(true);
    return labels;
}

void emphasise(QLabel* label, LabelEmphasis emphasis)
{
    const bool title = emphasis == LabelEmphasis::Title;
    label->setFont(scaledFont(label->font(), title ? 1.3 : 1.15, title ? QFont::Bold : QFont::DemiBold));
}

void styleAsProblem(QLabel* label)
{
    // Red that reads on both the light and the dark palette.
    QPalette warning = label->palette();
    warning.setColor(QPalette::WindowText, QColor(0xd0, 0x3a, 0x2f));
    label->setPalette(warning);
    QFont font = label->font();
    font.setWeight(QFont::DemiBold);
    label->setFont(font);
    label->setWordWrap(true);
}
