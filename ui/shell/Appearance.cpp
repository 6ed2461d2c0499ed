#include "ui/shell/Appearance.h"

#include <QApplication>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

namespace Appearance {

QPalette palette(Theme theme)
{
    if (theme == Theme::Light)
        return QStyleFactory::create("Fusion")->standardPalette();
    QPalette p;
    const QColor window(37, 39, 43), base(27, 29, 32), alternate(44, 47, 52), text(226, 228, 232);
    const QColor highlight(61, 132, 224), disabledText(120, 124, 130);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, alternate);
    p.setColor(QPalette::ToolTipBase, alternate);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(150, 155, 163));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(50, 53, 58));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(255, 110, 110));
    p.setColor(QPalette::Light, QColor(70, 74, 80));
    p.setColor(QPalette::Midlight, QColor(58, 61, 67));
    p.setColor(QPalette::Mid, QColor(33, 35, 38));
    p.setColor(QPalette::Dark, QColor(22, 23, 26));
    p.setColor(QPalette::Shadow, QColor(10, 10, 12));
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(110, 170, 255));
    p.setColor(QPalette::LinkVisited, QColor(170, 140, 255));
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabledText);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(80, 84, 90));
    return p;
}

void apply(Theme theme)
{
    QApplication::setStyle(QStyleFactory::create("Fusion"));
    QApplication::setPalette(palette(theme));
    QSettings().setValue("appearance/theme", theme == Theme::Dark ? "dark" : "light");
}

Theme saved()
{
    const QByteArray environment = qgetenv("SALIENT_THEME");
    const QString name = environment.isEmpty() ? QSettings().value("appearance/theme", "light").toString()
                                               : QString::fromLocal8Bit(environment);
    return name == "dark" ? Theme::Dark : Theme::Light;
}

} // namespace Appearance
