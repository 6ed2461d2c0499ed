#pragma once

#include <QDialog>

#include <memory>

namespace salient {
struct DatasetExportResult;
}

class JobProgress;
class JobRunner;
class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

/// Exports the workspace's Salient dataset (salient dataset export) off the GUI thread, with progress
/// and Cancel; a cancelled export resumes when started again with the same folder.
class DatasetExportDialog : public QDialog
{
    Q_OBJECT

public:
    DatasetExportDialog(const QString& workspacePath, QWidget* parent = nullptr);

    QLineEdit* folderEdit() const { return m_folder; }
    QCheckBox* forceBox() const { return m_force; }
    QPushButton* exportButton() const { return m_export; }
    QLabel* statusLabel() const { return m_status; }
    JobRunner* runner() const { return m_runner; }

    /// Starts the export into the folder of folderEdit().
    void startExport();

Q_SIGNALS:
    void exportEnded(bool succeeded);

private:
    QString m_workspacePath;
    QLineEdit* m_folder = nullptr;
    QCheckBox* m_force = nullptr;
    QPushButton* m_export = nullptr;
    QLabel* m_status = nullptr;
    JobRunner* m_runner = nullptr;
    JobProgress* m_progress = nullptr;
    std::shared_ptr<salient::DatasetExportResult> m_result; ///< filled by the worker
};
