#include "ui/shell/RecentWorkspaceDelegate.h"

#include <QApplication>
#include <QDir>
#include <QPainter>

namespace {

int marginFor(const QFontMetrics& metrics)
{
    return metrics.height() / 2;
}

int iconExtentFor(const QFontMetrics& metrics)
{
    return metrics.height() * 2;
}

} // namespace

void RecentWorkspaceDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                    const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QWidget* widget = opt.widget;
    QStyle* style = widget != nullptr ? widget->style() : QApplication::style();

    const QString name = opt.text;
    const QIcon icon = opt.icon;
    const QString path = index.data(PathRole).toString();
    const bool exists = index.data(ExistsRole).toBool();
    const bool selected = opt.state.testFlag(QStyle::State_Selected);

    // Let the style draw the background, hover, selection and focus; the text is drawn below.
    opt.text.clear();
    opt.icon = QIcon();
    opt.features &= ~QStyleOptionViewItem::HasDecoration;
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const QPalette::ColorGroup group = !exists                                    ? QPalette::Disabled
                                       : opt.state.testFlag(QStyle::State_Active) ? QPalette::Active
                                                                                  : QPalette::Inactive;
    const QColor primary = opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    QColor secondary = primary;
    secondary.setAlphaF(exists ? 0.7f : 0.85f);

    const QFontMetrics metrics(opt.font);
    const int margin = marginFor(metrics);
    const int iconExtent = iconExtentFor(metrics);
    const QRect content = opt.rect.adjusted(margin, margin / 2, -margin, -margin / 2);

    painter->save();
    const QRect iconRect(content.left(), content.center().y() - iconExtent / 2, iconExtent, iconExtent);
    icon.paint(painter, iconRect, Qt::AlignCenter,
               !exists ? QIcon::Disabled : (selected ? QIcon::Selected : QIcon::Normal));

    const int textLeft = iconRect.right() + margin;
    const QRect textRect(textLeft, content.top(), content.right() - textLeft, content.height());
    QFont nameFont = opt.font;
    nameFont.setBold(true);
    const QFontMetrics nameMetrics(nameFont);
    const int lineGap = metrics.height() / 6;
    const int blockHeight = nameMetrics.height() + lineGap + metrics.height();
    const int top = textRect.top() + (textRect.height() - blockHeight) / 2;

    painter->setFont(nameFont);
    painter->setPen(primary);
    const QRect nameRect(textRect.left(), top, textRect.width(), nameMetrics.height());
    painter->drawText(nameRect, Qt::AlignLeft | Qt::AlignVCenter,
                      nameMetrics.elidedText(name, Qt::ElideRight, nameRect.width()));

    const QString detail = exists ? QDir::toNativeSeparators(path)
                                  : tr("Folder not found \u2014 %1").arg(QDir::toNativeSeparators(path));
    painter->setFont(opt.font);
    painter->setPen(secondary);
    const QRect pathRect(textRect.left(), nameRect.bottom() + 1 + lineGap, textRect.width(),
                         metrics.height());
    painter->drawText(pathRect, Qt::AlignLeft | Qt::AlignVCenter,
                      metrics.elidedText(detail, Qt::ElideMiddle, pathRect.width()));
    painter->restore();
}

QSize RecentWorkspaceDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QFontMetrics metrics(opt.font);
    const int margin = marginFor(metrics);
    QFont nameFont = opt.font;
    nameFont.setBold(true);
    const int textHeight = QFontMetrics(nameFont).height() + metrics.height() / 6 + metrics.height();
    const int height = qMax(textHeight, iconExtentFor(metrics)) + margin * 2;
    const int width = metrics.averageCharWidth() * 40;
    return {width, height};
}
