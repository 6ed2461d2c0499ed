#include "ui/widgets/LabelStyle.h"

#include <QLabel>

void emphasise(QLabel* label, LabelEmphasis emphasis)
{
    QFont font = label->font();
    const bool title = emphasis == LabelEmphasis::Title;
    font.setPointSizeF(font.pointSizeF() * (title ? 1.3 : 1.15));
    font.setWeight(title ? QFont::Bold : QFont::DemiBold);
    label->setFont(font);
}
