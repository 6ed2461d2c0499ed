#pragma once

#include "database/Studies.h"

#include <QDialog>

class AnnotatorProgressModel;
class JobProgress;
class JobRunner;
class QPushButton;
class QLabel;
class QTreeView;
class WorkspaceSession;

/// The study lead's view of one study: HITs, answers and final labels, Fleiss' kappa, and how far each
/// annotator has got, as `salient hits summary` and `hits progress` print them. It follows answers
/// given anywhere (another annotator, the command line) while it is open.
class StudyOverviewDialog : public QDialog
{
    Q_OBJECT

public:
    StudyOverviewDialog(WorkspaceSession* session, const salient::Study& study, QWidget* parent = nullptr);

    /// Reads the study's summary and progress again.
    void reload();

    QLabel* summaryLabel() const { return m_summary; }
    QTreeView* annotatorView() const { return m_annotators; }
    QPushButton* groundTruthButton() const { return m_groundTruth; }
    JobRunner* groundTruthRunner() const { return m_runner; }

public Q_SLOTS:
    /// Answers every open HIT of a discovery study as the demo's simulated annotator "ground-truth"
    /// (`salient hits autolabel --ground-truth`), off the GUI thread.
    void answerWithGroundTruth();

private:
    WorkspaceSession* m_session = nullptr;
    salient::Study m_study;
    AnnotatorProgressModel* m_model = nullptr;
    QLabel* m_summary = nullptr;
    QTreeView* m_annotators = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_groundTruth = nullptr;
    JobRunner* m_runner = nullptr;
    JobProgress* m_progress = nullptr;
};
