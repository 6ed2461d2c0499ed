#pragma once

#include <QPalette>

/// Light and dark looks. Both use the Fusion style, whose colours come wholly from the palette, so every
/// widget (and QCustomPlot, which reads the palette) follows the choice.
namespace Appearance {

enum class Theme
{
    Light,
    Dark,
};

QPalette palette(Theme theme);
/// Applies the theme to the whole application and remembers it for the next start.
void apply(Theme theme);
/// The remembered theme (light on first start, or when SALIENT_THEME=dark|light says otherwise).
Theme saved();

} // namespace Appearance
