#pragma once

#include "pipeline/StudyCreation.h"

#include <QDialog>

class JobRunner;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class WorkspaceSession;

/// Creates a discovery study over the feature index's pairs, or a validation study over a discovery
/// study's labelled pairs, as `salient hits create` does: name, annotators per HIT, lease, reason rule.
/// A refusal (no index yet, a taken name, nothing labelled) stays in the dialog, with what was typed.
class NewStudyDialog : public QDialog
{
    Q_OBJECT

public:
    explicit NewStudyDialog(WorkspaceSession* session, QWidget* parent = nullptr);

    void setKind(salient::StudyKind kind);
    /// The study the fields describe.
    salient::StudyRequest request() const;
    /// The study made, once the dialog was accepted.
    const salient::CreatedStudy& created() const { return m_created; }

    QComboBox* kindBox() const { return m_kind; }
    QLineEdit* nameEdit() const { return m_name; }
    QSpinBox* annotatorsBox() const { return m_annotators; }
    QComboBox* sourceBox() const { return m_source; }
    QLabel* problemLabel() const { return m_problem; }

public Q_SLOTS:
    /// Creates the study off the GUI thread; accepts the dialog when it is made.
    void create();

private:
    void updateKind();

    WorkspaceSession* m_session = nullptr;
    JobRunner* m_runner = nullptr;
    QComboBox* m_kind = nullptr;
    QLineEdit* m_name = nullptr;
    QSpinBox* m_annotators = nullptr;
    QSpinBox* m_lease = nullptr;
    QSpinBox* m_minChars = nullptr;
    QSpinBox* m_minWords = nullptr;
    QLabel* m_sourceLabel = nullptr;
    QComboBox* m_source = nullptr;
    QLabel* m_problem = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    salient::CreatedStudy m_created;
};
