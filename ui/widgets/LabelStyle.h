#pragma once

#include <QFont>

class QLabel;
class QWidget;

/// `base` scaled by `factor` with `weight`, whether its size is given in points or in pixels.
QFont scaledFont(const QFont& base, qreal factor, QFont::Weight weight);

/// How much a label stands out, so that every screen's titles and headings look alike.
enum class LabelEmphasis
{
    Title,   ///< the name of what a page or panel shows: 1.3 times the font, bold
    Heading, ///< a section of a page: 1.15 times the font, demi-bold
};

/// Sets `label`'s font for `emphasis`, scaled from the label's own font.
void emphasise(QLabel* label, LabelEmphasis emphasis);

/// The title and the line of details under it that a page or panel opens with: both wrap, the details
/// in the palette's secondary text colour.
struct TitleLabels
{
    QLabel* title = nullptr;
    QLabel* details = nullptr;
};
TitleLabels makeTitleLabels(QWidget* parent);

/// A label that says what went wrong or what is refused: red, demi-bold, wrapping.
void styleAsProblem(QLabel* label);
