#pragma once

#include "pipeline/WorkspaceStatus.h"

#include <QMetaType>
#include <QWidget>

#include <array>

class QGridLayout;
class QLabel;
class QPushButton;
class WorkspaceSession;

/// The method's steps as the Overview shows them: each with its state (waiting for an earlier step,
/// not started, under way, running, done), its key figures and the one button that does its next thing.
/// The buttons only ask (actionRequested); the workspace page carries the action out on the screen that
/// owns it.
class MethodDashboard : public QWidget
{
    Q_OBJECT

public:
    using Step = salient::MethodStep;
    static constexpr int StepCount = salient::MethodStepCount;

    enum class State
    {
        Waiting,    ///< an earlier step must be done first
        NotStarted, ///< ready to start
        UnderWay,   ///< started, not finished (answers still missing)
        Running,    ///< a job of this step runs now
        Done,
    };
    Q_ENUM(State)

    explicit MethodDashboard(WorkspaceSession* session, QWidget* parent = nullptr);

    /// Reads the workspace's status again.
    void reload();
    /// Marks a step as running (or not) while a job of the window does its work.
    void setRunning(Step step, bool running);

    State state(Step step) const { return m_states[std::size_t(step)]; }
    QPushButton* actionButton(Step step) const { return m_rows[std::size_t(step)].action; }
    QLabel* figuresLabel(Step step) const { return m_rows[std::size_t(step)].figures; }

Q_SIGNALS:
    void actionRequested(salient::MethodStep step);

private:
    struct Row
    {
        QLabel* state = nullptr;
        QLabel* figures = nullptr;
        QPushButton* action = nullptr;
    };

    void showStatus(const salient::WorkspaceStatus& status);
    void setRow(Step step, State state, const QString& figures, const QString& action);

    WorkspaceSession* m_session = nullptr;
    std::array<Row, StepCount> m_rows;
    std::array<State, StepCount> m_states{};
    std::array<bool, StepCount> m_running{};
};

Q_DECLARE_METATYPE(salient::MethodStep)
