#pragma once

#include <QDialog>

class LatestJobRunner;
class QLabel;
class QLineEdit;
class WorkspaceSession;

/// Chooses what a workspace's steps read: the folder of training images and the robust model (with what
/// the model file holds, read off the GUI thread), and optionally a standard model for sweeps; as
/// `salient workspace init` does. A refusal stays in the dialog with what was chosen.
class WorkspaceSetupDialog : public QDialog
{
    Q_OBJECT

public:
    explicit WorkspaceSetupDialog(WorkspaceSession* session, QWidget* parent = nullptr);

    QLineEdit* datasetEdit() const { return m_dataset; }
    QLineEdit* robustModelEdit() const { return m_robust; }
    QLineEdit* standardModelEdit() const { return m_standard; }
    QLabel* robustModelInfo() const { return m_robustInfo; }
    QLabel* problemLabel() const { return m_problem; }

public Q_SLOTS:
    /// Stores the setup; accepts the dialog when it is stored.
    void save();

Q_SIGNALS:
    /// The robust model's description is on screen (or why it could not be read).
    void robustModelDescribed();

private:
    void describeRobustModel();

    WorkspaceSession* m_session = nullptr;
    LatestJobRunner* m_describer = nullptr;
    QLineEdit* m_dataset = nullptr;
    QLineEdit* m_robust = nullptr;
    QLineEdit* m_standard = nullptr;
    QLabel* m_robustInfo = nullptr;
    QLabel* m_problem = nullptr;
};
