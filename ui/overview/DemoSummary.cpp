#include "ui/overview/DemoSummary.h"

#include "ui/widgets/LabelStyle.h"

#include <QFile>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

DemoSummary::DemoSummary(QWidget* parent) : QWidget(parent)
{
    setObjectName("demoSummary");
    m_heading = new QLabel(tr("Spurious Fashion demo"), this);
    emphasise(m_heading, LabelEmphasis::Heading);
    m_caption = new QLabel(this);
    m_caption->setWordWrap(true);
    m_caption->setForegroundRole(QPalette::PlaceholderText);

    m_table = new QTableWidget(2, 3, this);
    m_table->setHorizontalHeaderLabels({tr("Correlated test"), tr("Balanced test"), tr("Under L2 PGD")});
    m_table->setVerticalHeaderLabels({tr("Robust model"), tr("Standard model")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setFocusPolicy(Qt::NoFocus);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    const int rowsHeight = m_table->horizontalHeader()->sizeHint().height() +
                           2 * m_table->verticalHeader()->defaultSectionSize();
    m_table->setFixedHeight(rowsHeight + 2 * m_table->frameWidth());

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_heading);
    layout->addWidget(m_caption);
    layout->addWidget(m_table);
    hide();
}

bool DemoSummary::load(const QString& workspacePath)
{
    QFile file(workspacePath + "/demo.json");
    const QJsonObject demo =
        file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object() : QJsonObject();
    if (!demo.contains("robust.correlated")) {
        hide();
        return false;
    }
    const char* keys[2][3] = {{"robust.correlated", "robust.balanced", "robust.pgd"},
                              {"standard.correlated", "standard.balanced", "standard.pgd"}};
    for (int row = 0; row < 2; ++row)
        for (int column = 0; column < 3; ++column) {
            auto* item = new QTableWidgetItem(
                QLocale().toString(100.0 * demo[keys[row][column]].toDouble(), 'f', 1) + " %");
            item->setTextAlignment(Qt::AlignCenter);
            m_table->setItem(row, column, item);
        }
    const QJsonObject pgd = demo["pgd"].toObject();
    m_caption->setText(
        tr("Accuracy of the shipped models, measured when this workspace was made. The balanced "
           "split shows the planted cues independently of the class; the attack is L2 PGD with "
           "eps %1 and %2 steps on %3 test images.")
            .arg(pgd["eps"].toDouble())
            .arg(pgd["steps"].toInt())
            .arg(pgd["images"].toInt()));
    show();
    return true;
}
