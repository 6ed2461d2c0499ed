#pragma once

#include <QWidget>

class JobRunner;
class QLabel;
class QProgressBar;
class QPushButton;

/// What a running job is doing: its stage, a progress bar with the remaining time, and Cancel (Esc).
/// Hidden while its runner is idle.
class JobProgress : public QWidget
{
    Q_OBJECT

public:
    explicit JobProgress(JobRunner* runner, QWidget* parent = nullptr);

    QProgressBar* bar() const { return m_bar; }
    QPushButton* cancelButton() const { return m_cancel; }

private:
    void showProgress(qint64 done, qint64 total, const QString& stage);

    JobRunner* m_runner;
    QLabel* m_stage = nullptr;
    QProgressBar* m_bar = nullptr;
    QPushButton* m_cancel = nullptr;
    QString m_currentStage;
    qint64 m_stageStartMs = 0;
    qint64 m_stageStartDone = 0;
};
