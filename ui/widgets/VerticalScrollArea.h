#pragma once

class QScrollArea;
class QWidget;

/// `content` in a frameless scroll area that scrolls vertically only, its width following the area's.
/// The vertical bar is always shown: one that comes and goes leaves word-wrapped content one bar too
/// wide, cut off at the right.
QScrollArea* verticalScrollArea(QWidget* content, QWidget* parent);
