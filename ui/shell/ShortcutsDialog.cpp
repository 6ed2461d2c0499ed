#include "ui/shell/ShortcutsDialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace {

struct Shortcut
{
    const char* where;
    const char* keys;
    const char* does;
};

// What the screens bind; tests/ui/TestMainWindow checks that no two visible controls share a key.
const Shortcut kShortcuts[] = {
    {QT_TRANSLATE_NOOP("ShortcutsDialog", "Everywhere"), "Ctrl+O",
     QT_TRANSLATE_NOOP("ShortcutsDialog", "open a workspace")},
    {QT_TRANSLATE_NOOP("ShortcutsDialog", "Everywhere"), "Ctrl+W",
     QT_TRANSLATE_NOOP("ShortcutsDialog", "close the workspace")},
    {QT_TRANSLATE_NOOP("ShortcutsDialog", "Everywhere"), "Ctrl+Q",
     QT_TRANSLATE_NOOP("ShortcutsDialog", "quit (asks first while a job runs)")},
    {QT_TRANSLATE_NOOP("ShortcutsDialog", "Everywhere"), "Ctrl+Shift+D",
     QT_TRANSLATE_NOOP("ShortcutsDialog", "dark or light palette")},
    {QT_TRANSLATE_NOOP("ShortcutsDialog", "Everywhere"), "Ctrl+?",
     QT_TRANSLATE_NOOP("ShortcutsDialog", "this sheet")},
    {QT_TRANSLATE_NOOP("ShortcutsDialog", "Workspace"), "Ctrl+1 … Ctrl+4",
     QT_TRANSLATE_NOOP("ShortcutsDialog", "Overview, Features, Annotate, Dataset tab")},
    {QT_TRANSLATE_NOOP("ShortcutsDialog", "Workspace"), "Alt+W",
     QT_TRANSLATE_NOOP("ShortcutsDialog", "the Sweeps window")},
    {QT_TRANSLATE_NOOP("ShortcutsDialog", "Overview"), "Ctrl+I",
     QT_TRANSLATE_NOOP("ShortcutsDialog", "build or rebuild the feature index")},
    {QT_TRANSLATE_NOOP("ShortcutsDialog", "Overview"), "Esc",
     QT_TRANSLATE_NOOP("ShortcutsDialog", "cancel the running job")},
    {QT_TRANSLATE_NOOP("ShortcutsDialog", "Features"), "Ctrl+F",
     QT_TRANSLATE_NOOP("ShortcutsDialog", "search the classes")},
    {QT_TRANSLATE_NOOP("ShortcutsDialog", "Features"), "Alt+Up, Alt+Down",
     QT_TRANSLATE_NOOP("ShortcutsDialog", "previous or next class")},
    {QT_TRANSLATE_NOOP("ShortcutsDialog", "Features"), "Alt+Left, Alt+Right, PgUp, PgDown",
     QT_TRANSLATE_NOOP("ShortcutsDialog", "previous or next feature")},
    {QT_TRANSLATE_NOOP("ShortcutsDialog", "Annotate"), "Alt+S",
     QT_TRANSLATE_NOOP("ShortcutsDialog", "choose the study")},
    {QT_TRANSLATE_NOOP("ShortcutsDialog", "Annotate"), "1 … 4, Alt+1 … Alt+4",
     QT_TRANSLATE_NOOP("ShortcutsDialog", "choose the answer (Alt also while typing the reason)")},
    {QT_TRANSLATE_NOOP("ShortcutsDialog", "Annotate"), "F1 … F5",
     QT_TRANSLATE_NOOP("ShortcutsDialog", "confidence: not at all … completely")},
    {QT_TRANSLATE_NOOP("ShortcutsDialog", "Annotate"), "Enter, Ctrl+Enter",
     QT_TRANSLATE_NOOP("ShortcutsDialog", "submit (Shift+Enter: a new line in the reason)")},
    {QT_TRANSLATE_NOOP("ShortcutsDialog", "Annotate"), "F8",
     QT_TRANSLATE_NOOP("ShortcutsDialog", "skip the HIT for now")},
    {QT_TRANSLATE_NOOP("ShortcutsDialog", "Annotate"), "Ctrl+Z",
     QT_TRANSLATE_NOOP("ShortcutsDialog", "withdraw your last answer while its HIT is open")},
    {QT_TRANSLATE_NOOP("ShortcutsDialog", "Annotate"), "Alt+T",
     QT_TRANSLATE_NOOP("ShortcutsDialog", "sign out")},
    {QT_TRANSLATE_NOOP("ShortcutsDialog", "Dataset"), "Alt+X",
     QT_TRANSLATE_NOOP("ShortcutsDialog", "export the dataset")},
    {QT_TRANSLATE_NOOP("ShortcutsDialog", "Sweeps"), "Ctrl+Enter",
     QT_TRANSLATE_NOOP("ShortcutsDialog", "start the sweep")},
    {QT_TRANSLATE_NOOP("ShortcutsDialog", "Sweeps"), "Delete",
     QT_TRANSLATE_NOOP("ShortcutsDialog", "delete the selected runs")},
};

} // namespace

ShortcutsDialog::ShortcutsDialog(QWidget* parent) : QDialog(parent)
{
    setObjectName("shortcutsDialog");
    setWindowTitle(tr("Keyboard Shortcuts"));
    m_model = new QStandardItemModel(0, 3, this);
    m_model->setHorizontalHeaderLabels({tr("Where"), tr("Keys"), tr("Does")});
    for (const Shortcut& shortcut : kShortcuts) {
        QList<QStandardItem*> row{new QStandardItem(tr(shortcut.where)),
                                  new QStandardItem(QString::fromUtf8(shortcut.keys)),
                                  new QStandardItem(tr(shortcut.does))};
        for (QStandardItem* item : row)
            item->setEditable(false);
        m_model->appendRow(row);
    }

    m_view = new QTableView(this);
    m_view->setModel(m_model);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setWordWrap(true);
    m_view->resizeColumnsToContents();

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_view);
    layout->addWidget(buttons);
    resize(720, 560);
}
