#pragma once

#include <QWidget>

class QLabel;
class QTableWidget;

/// The accuracies `salient demo` measured (demo.json): each shipped model on the correlated and the
/// balanced test split and under the L2 PGD attack. Hidden for workspaces that are not the demo.
class DemoSummary : public QWidget
{
    Q_OBJECT

public:
    explicit DemoSummary(QWidget* parent = nullptr);

    /// Reads `workspacePath/demo.json`; returns false (and hides) when there is none or it is unreadable.
    bool load(const QString& workspacePath);
    QTableWidget* table() const { return m_table; }

private:
    QLabel* m_heading = nullptr;
    QLabel* m_caption = nullptr;
    QTableWidget* m_table = nullptr;
};
