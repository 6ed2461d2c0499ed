#include "ui/overview/MethodDashboard.h"

#include "ui/widgets/LabelStyle.h"
#include "ui/widgets/WorkspaceSession.h"

#include "pipeline/WorkspaceStatus.h"

#include <QDir>
#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>

namespace {

using Step = MethodDashboard::Step;
using State = MethodDashboard::State;

struct StepText
{
    const char* number;
    const char* title;
    const char* what;
};

const StepText stepTexts[MethodDashboard::StepCount] = {
    {"", QT_TRANSLATE_NOOP("MethodDashboard", "Set up"),
     QT_TRANSLATE_NOOP("MethodDashboard", "The training images and the robust model")},
    {"1–3", QT_TRANSLATE_NOOP("MethodDashboard", "Feature index"),
     QT_TRANSLATE_NOOP("MethodDashboard", "Neural features, their importance per class, their top images")},
    {"4", QT_TRANSLATE_NOOP("MethodDashboard", "Discovery study"),
     QT_TRANSLATE_NOOP("MethodDashboard", "Annotators label each feature core or spurious")},
    {"5–6", QT_TRANSLATE_NOOP("MethodDashboard", "Salient dataset"),
     QT_TRANSLATE_NOOP("MethodDashboard", "Soft masks of every labelled feature on its images")},
    {"5", QT_TRANSLATE_NOOP("MethodDashboard", "Validation study"),
     QT_TRANSLATE_NOOP("MethodDashboard", "Do a feature's top and bottom images show the same thing?")},
    {"7", QT_TRANSLATE_NOOP("MethodDashboard", "Sweeps"),
     QT_TRANSLATE_NOOP("MethodDashboard", "Core and spurious accuracy of any classifier under noise")},
};

QString stateText(State state)
{
    switch (state) {
    case State::Waiting:
        return MethodDashboard::tr("Waiting");
    case State::NotStarted:
        return MethodDashboard::tr("Not started");
    case State::UnderWay:
        return MethodDashboard::tr("Under way");
    case State::Running:
        return MethodDashboard::tr("Running…");
    case State::Done:
        break;
    }
    return MethodDashboard::tr("Done");
}

/// Colours that read on the light and the dark palette alike.
QColor stateColour(State state)
{
    switch (state) {
    case State::Done:
        return QColor(0x2e, 0x9d, 0x5b);
    case State::Running:
    case State::UnderWay:
        return QColor(0xd4, 0x8a, 0x13);
    case State::NotStarted:
        return QColor(0x3d, 0x85, 0xc6);
    case State::Waiting:
        break;
    }
    return QColor(0x8a, 0x8a, 0x8a);
}

State fromPipeline(salient::StepState state)
{
    switch (state) {
    case salient::StepState::Waiting:
        return State::Waiting;
    case salient::StepState::NotStarted:
        return State::NotStarted;
    case salient::StepState::UnderWay:
        return State::UnderWay;
    case salient::StepState::Done:
        break;
    }
    return State::Done;
}

QString percent(std::int64_t part, std::int64_t whole)
{
    return QLocale().toString(whole > 0 ? 100.0 * double(part) / double(whole) : 0.0, 'f', 1) + " %";
}

QString fileName(const std::string& path)
{
    return QFileInfo(QString::fromStdString(path)).fileName();
}

/// "discovery: 120 of 500 answers, 20 of 100 HITs labelled"
QString studyFigures(const salient::StudyStatus& s)
{
    const QLocale locale;
    return MethodDashboard::tr("“%1”: %2 of %3 answers, %4 of %5 HITs labelled")
        .arg(QString::fromStdString(s.study.name), locale.toString(s.progress.answers),
             locale.toString(s.progress.answersNeeded), locale.toString(s.labelled),
             locale.toString(s.progress.hits));
}

} // namespace

MethodDashboard::MethodDashboard(WorkspaceSession* session, QWidget* parent)
    : QWidget(parent), m_session(session)
{
    setObjectName("methodDashboard");
    auto* heading = new QLabel(tr("The method, step by step"), this);
    emphasise(heading, LabelEmphasis::Heading);
    auto* grid = new QGridLayout;
    grid->setHorizontalSpacing(fontMetrics().averageCharWidth() * 2);
    grid->setColumnStretch(3, 1);
    for (int i = 0; i < StepCount; ++i) {
        const StepText& text = stepTexts[i];
        auto* number = new QLabel(QString::fromUtf8(text.number), this);
        number->setForegroundRole(QPalette::PlaceholderText);
        auto* title = new QLabel(tr(text.title), this);
        QFont bold = title->font();
        bold.setWeight(QFont::DemiBold);
        title->setFont(bold);
        title->setToolTip(tr(text.what));
        Row& row = m_rows[std::size_t(i)];
        row.state = new QLabel(this);
        row.state->setObjectName(QStringLiteral("stepState%1").arg(i));
        row.figures = new QLabel(this);
        row.figures->setWordWrap(true);
        row.figures->setTextInteractionFlags(Qt::TextSelectableByMouse);
        row.action = new QPushButton(this);
        row.action->setObjectName(QStringLiteral("stepAction%1").arg(i));
        connect(row.action, &QPushButton::clicked, this, [this, i] { Q_EMIT actionRequested(Step(i)); });
        // Labels align their own text: a layout alignment would stop the figures wrapping to their height.
        for (QLabel* label : {number, title, row.state, row.figures})
            label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
        row.action->setSizePolicy(QSizePolicy::Minimum, QSizePolicy::Fixed);
        grid->addWidget(number, i, 0);
        grid->addWidget(title, i, 1);
        grid->addWidget(row.state, i, 2);
        grid->addWidget(row.figures, i, 3);
        grid->addWidget(row.action, i, 4, Qt::AlignTop);
    }
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(heading);
    layout->addLayout(grid);

    connect(session, &WorkspaceSession::opened, this, &MethodDashboard::reload);
    connect(session, &WorkspaceSession::closed, this, &MethodDashboard::reload);
    connect(session, &WorkspaceSession::changed, this, &MethodDashboard::reload);
    reload();
}

void MethodDashboard::setRunning(Step step, bool running)
{
    m_running[std::size_t(step)] = running;
    reload();
}

void MethodDashboard::reload()
{
    salient::WorkspaceStatus status;
    if (m_session->isOpen()) {
        try {
            status = salient::workspaceStatus(m_session->workspace());
        } catch (const std::exception& e) {
            for (int i = 0; i < StepCount; ++i)
                setRow(Step(i), State::Waiting,
                       i == 0
                           ? tr("The workspace could not be read: %1").arg(QString::fromStdString(e.what()))
                           : QString(),
                       QString());
            return;
        }
    }
    showStatus(status);
}

void MethodDashboard::setRow(Step step, State state, const QString& figures, const QString& action)
{
    const std::size_t i = std::size_t(step);
    if (m_running[i])
        state = State::Running;
    m_states[i] = state;
    Row& row = m_rows[i];
    row.state->setText(QStringLiteral("<span style='color:%1'>●</span> %2")
                           .arg(stateColour(state).name(), stateText(state).toHtmlEscaped()));
    row.figures->setText(figures);
    row.action->setText(action);
    row.action->setVisible(!action.isEmpty());
    row.action->setEnabled(m_session->isOpen() && state != State::Waiting && state != State::Running);
}

void MethodDashboard::showStatus(const salient::WorkspaceStatus& s)
{
    const QLocale locale;
    const bool open = m_session->isOpen();
    auto stateOf = [&](Step step) {
        return open ? fromPipeline(salient::stepState(s, step)) : State::Waiting;
    };

    const State setup = stateOf(Step::Setup);
    if (setup == State::Done)
        setRow(Step::Setup, setup,
               tr("Images in %1 · robust model %2%3")
                   .arg(QDir::toNativeSeparators(QString::fromStdString(s.dataset)), fileName(s.robustModel),
                        s.standardModel.empty() ? QString()
                                                : tr(" · standard model %1").arg(fileName(s.standardModel))),
               tr("Change…"));
    else
        setRow(Step::Setup, setup,
               open ? tr("Choose the folder of training images and the robust model.")
                    : tr("No workspace is open."),
               tr("Set Up…"));

    const State index = stateOf(Step::Index);
    if (index == State::Done)
        setRow(Step::Index, index,
               tr("%1 images in %2 classes; the robust model is right on %3")
                       .arg(locale.toString(qlonglong(s.indexedImages)))
                       .arg(s.indexedClasses)
                       .arg(percent(s.correctlyPredicted, s.readableImages)) +
                   (s.indexedImages > s.readableImages
                        ? ' ' + tr("%1 images could not be read.")
                                    .arg(locale.toString(qlonglong(s.indexedImages - s.readableImages)))
                        : QString()),
               tr("Rebuild"));
    else
        setRow(Step::Index, index,
               s.isSetUp() ? tr("Runs the robust model over every training image.") : tr("Set up first."),
               tr("Build Feature Index"));

    if (s.discovery)
        setRow(Step::Discovery, stateOf(Step::Discovery), studyFigures(*s.discovery), tr("Annotate"));
    else
        setRow(Step::Discovery, stateOf(Step::Discovery),
               s.hasIndex() ? tr("One HIT per ranked feature, answered by several annotators.")
                            : tr("Build the feature index first."),
               tr("New Study…"));

    const int labelled = s.discovery ? s.discovery->labelled : 0;
    const State dataset = stateOf(Step::Dataset);
    if (dataset == State::Done)
        setRow(
            Step::Dataset, dataset,
            tr("%1 labelled features, %2 masks")
                .arg(locale.toString(qlonglong(s.datasetPairs)), locale.toString(qlonglong(s.datasetMasks))),
            tr("Open Dataset"));
    else
        setRow(Step::Dataset, dataset,
               labelled > 0 ? tr("Computes the masks of the %1 labelled features.").arg(labelled)
                            : tr("Label features in a discovery study first."),
               tr("Build Dataset"));

    if (s.validation)
        setRow(Step::Validation, stateOf(Step::Validation), studyFigures(*s.validation), tr("Annotate"));
    else
        setRow(Step::Validation, stateOf(Step::Validation),
               labelled > 0 ? tr("Optional: checks that the labels hold beyond the top images.")
                            : tr("Label features in a discovery study first."),
               tr("New Study…"));

    if (s.latestSweep)
        setRow(Step::Sweeps, stateOf(Step::Sweeps),
               (s.sweepRuns == 1 ? tr("1 stored run, from %1")
                                 : tr("%1 stored runs; the latest from %2").arg(s.sweepRuns))
                   .arg(QString::fromStdString(s.latestSweep->createdAt).replace('T', ' ').remove('Z')),
               tr("Open Sweeps"));
    else
        setRow(Step::Sweeps, stateOf(Step::Sweeps),
               s.isSetUp() ? tr("Noise on the spurious masks gives core accuracy; any classifier.")
                           : tr("Set up first."),
               tr("Open Sweeps"));
}
