#include "ui/features/FeatureList.h"

#include <QHeaderView>
#include <QLocale>

FeatureList::FeatureList(QWidget* parent) : QTreeWidget(parent)
{
    setObjectName("featureList");
    setHeaderLabels({tr("Rank"), tr("Feature"), tr("Importance")});
    setRootIsDecorated(false);
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    header()->setStretchLastSection(true);
    connect(this, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* current) {
        if (current)
            Q_EMIT featureSelected(current->data(1, Qt::UserRole).toInt());
    });
}

void FeatureList::setFeatures(const QVector<Entry>& features)
{
    clear();
    const QLocale locale;
    for (const Entry& entry : features) {
        auto* item = new QTreeWidgetItem(this);
        item->setText(0, QString::number(entry.rank));
        item->setText(1, QString::number(entry.feature));
        item->setText(2, locale.toString(entry.importance, 'g', 4));
        item->setData(1, Qt::UserRole, entry.feature);
        for (int column = 0; column < 3; ++column)
            item->setTextAlignment(column, Qt::AlignRight | Qt::AlignVCenter);
        item->setToolTip(2, tr("Importance IV = mean activation over the images predicted as the class, "
                               "times the class's weight for the feature"));
    }
}

int FeatureList::currentFeature() const
{
    return currentItem() ? currentItem()->data(1, Qt::UserRole).toInt() : -1;
}
