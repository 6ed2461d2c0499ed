#include "ui/annotate/QuestionForm.h"

#include "ui/widgets/LabelStyle.h"

#include <QButtonGroup>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QRadioButton>
#include <QStyle>
#include <QVBoxLayout>

namespace {

struct OptionText
{
    const char* title;
    const char* explanation;
};

// In the order of salient::answerOptions(kind).
const OptionText discoveryOptions[] = {
    {QT_TRANSLATE_NOOP("QuestionForm", "Part of the main object"),
     QT_TRANSLATE_NOOP("QuestionForm", "The red region is on the thing the class names, or on a part of it. "
                                       "Example: for “sandal”, the straps or the sole.")},
    {QT_TRANSLATE_NOOP("QuestionForm", "A separate object"),
     QT_TRANSLATE_NOOP("QuestionForm",
                       "The red region is on another object that often appears with the class but is not it. "
                       "Example: for “sandal”, a beach ball lying beside it.")},
    {QT_TRANSLATE_NOOP("QuestionForm", "The background"),
     QT_TRANSLATE_NOOP("QuestionForm",
                       "The red region is on the scene around the object: ground, sky, water, a texture. "
                       "Example: for “sandal”, the sand it stands on.")},
};

const OptionText validationOptions[] = {
    {QT_TRANSLATE_NOOP("QuestionForm", "The same attribute"),
     QT_TRANSLATE_NOOP("QuestionForm",
                       "The red regions of the top and the bottom images cover the same kind of thing. "
                       "Example: both on the straps of a sandal.")},
    {QT_TRANSLATE_NOOP("QuestionForm", "Different attributes"),
     QT_TRANSLATE_NOOP("QuestionForm",
                       "The red regions cover different things. Example: the top ones on straps, the bottom "
                       "ones on the sand.")},
    {QT_TRANSLATE_NOOP("QuestionForm", "The top images are unclear"),
     QT_TRANSLATE_NOOP("QuestionForm",
                       "You cannot tell what the red regions of the top images cover. Example: red spread "
                       "over the whole picture.")},
    {QT_TRANSLATE_NOOP("QuestionForm", "The bottom images are unclear"),
     QT_TRANSLATE_NOOP("QuestionForm",
                       "You cannot tell what the red regions of the bottom images cover. Example: faint red "
                       "in several places.")},
};

const char* const confidenceNames[] = {
    QT_TRANSLATE_NOOP("QuestionForm", "not confident at all"),
    QT_TRANSLATE_NOOP("QuestionForm", "slightly confident"),
    QT_TRANSLATE_NOOP("QuestionForm", "moderately confident"),
    QT_TRANSLATE_NOOP("QuestionForm", "very confident"),
    QT_TRANSLATE_NOOP("QuestionForm", "completely confident"),
};

QLabel* heading(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    QFont font = label->font();
    font.setWeight(QFont::DemiBold);
    label->setFont(font);
    label->setWordWrap(true);
    return label;
}

} // namespace

QuestionForm::QuestionForm(QWidget* parent) : QWidget(parent)
{
    setObjectName("questionForm");
    m_question = heading(QString(), this);
    m_answersBox = new QWidget(this);
    auto* answersLayout = new QVBoxLayout(m_answersBox);
    answersLayout->setContentsMargins(0, 0, 0, 0);
    m_answers = new QButtonGroup(this);

    auto* confidenceTitle = heading(tr("How confident are you? (F1–F5)"), this);
    m_confidence = new QButtonGroup(this);
    auto* confidenceRow = new QVBoxLayout;
    confidenceRow->setSpacing(0);
    for (int level = 1; level <= 5; ++level) {
        auto* button = new QRadioButton(
            QString("F%1   %2 · %3").arg(level).arg(level).arg(tr(confidenceNames[level - 1])), this);
        button->setObjectName(QString("confidence_%1").arg(level));
        m_confidence->addButton(button, level);
        confidenceRow->addWidget(button);
    }

    m_reasonTitle = heading(QString(), this);
    m_reason = new QPlainTextEdit(this);
    m_reason->setObjectName("reason");
    m_reason->setTabChangesFocus(true);
    m_reason->setFixedHeight(m_reason->fontMetrics().lineSpacing() * 4 + 2 * m_reason->frameWidth() + 8);
    m_reason->installEventFilter(this);

    m_problem = new QLabel(this);
    m_problem->setObjectName("reasonProblem");
    styleAsProblem(m_problem);
    m_problem->hide();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_question);
    layout->addWidget(m_answersBox);
    layout->addSpacing(fontMetrics().height() / 2);
    layout->addWidget(confidenceTitle);
    layout->addLayout(confidenceRow);
    layout->addSpacing(fontMetrics().height() / 2);
    layout->addWidget(m_reasonTitle);
    layout->addWidget(m_reason);
    layout->addWidget(m_problem);

    setKind(salient::StudyKind::Discovery);
}

void QuestionForm::setKind(salient::StudyKind kind)
{
    m_kind = kind;
    if (kind == salient::StudyKind::Discovery) {
        m_question->setText(tr("Where is the focus of the red region? (keys 1–3)"));
        m_reasonTitle->setText(tr("Why? Say what the red region covers (required)"));
        m_reason->setPlaceholderText(tr("e.g. the red is on the straps of the sandal in every image"));
    } else {
        m_question->setText(tr("Do the red regions of the top and the bottom images show the same visual "
                               "attribute? (keys 1–4)"));
        m_reasonTitle->setText(tr("Describe the attribute you see (required)"));
        m_reason->setPlaceholderText(tr("e.g. both rows highlight the sole of the shoe"));
    }
    rebuildAnswers();
    reset();
}

void QuestionForm::rebuildAnswers()
{
    for (QWidget* row : m_answerRows)
        delete row;
    m_answerRows.clear();
    const bool discovery = m_kind == salient::StudyKind::Discovery;
    const OptionText* texts = discovery ? discoveryOptions : validationOptions;
    const int count = int(salient::answerOptions(m_kind).size());
    for (int i = 0; i < count; ++i) {
        auto* row = new QWidget(m_answersBox);
        auto* button = new QRadioButton(QString("%1  %2").arg(i + 1).arg(tr(texts[i].title)), row);
        button->setObjectName(QString("answer_%1").arg(i));
        auto* explanation = new QLabel(tr(texts[i].explanation), row);
        explanation->setWordWrap(true);
        explanation->setForegroundRole(QPalette::PlaceholderText);
        explanation->setBuddy(button);
        auto* rowLayout = new QVBoxLayout(row);
        const int indent = button->style()->pixelMetric(QStyle::PM_ExclusiveIndicatorWidth) +
                           button->style()->pixelMetric(QStyle::PM_RadioButtonLabelSpacing);
        rowLayout->setContentsMargins(0, 0, 0, fontMetrics().height() / 4);
        rowLayout->setSpacing(0);
        rowLayout->addWidget(button);
        auto* explanationRow = new QHBoxLayout;
        explanationRow->addSpacing(indent);
        explanationRow->addWidget(explanation, 1);
        rowLayout->addLayout(explanationRow);
        m_answers->addButton(button, i);
        m_answersBox->layout()->addWidget(row);
        // Shown at once, not on the next turn of the event loop, so that the form is whole when drawn.
        row->show();
        m_answerRows.append(row);
    }
}

void QuestionForm::reset()
{
    for (QButtonGroup* group : {m_answers, m_confidence}) {
        // An exclusive group keeps one button checked; lifting it for a moment empties the group.
        group->setExclusive(false);
        for (QAbstractButton* button : group->buttons())
            button->setChecked(false);
        group->setExclusive(true);
    }
    m_reason->clear();
    showProblem({});
    if (QRadioButton* first = answerButton(0))
        first->setFocus();
}

void QuestionForm::restore(const salient::Answer& answer)
{
    reset();
    chooseAnswer(salient::answerIndex(m_kind, answer.answer));
    chooseConfidence(answer.confidence);
    m_reason->setPlainText(QString::fromStdString(answer.reason));
    m_reason->moveCursor(QTextCursor::End);
}

salient::Answer QuestionForm::answer() const
{
    salient::Answer result;
    const auto& options = salient::answerOptions(m_kind);
    const int chosen = m_answers->checkedId();
    if (chosen >= 0 && chosen < int(options.size()))
        result.answer = options[std::size_t(chosen)];
    result.confidence = std::max(0, m_confidence->checkedId());
    result.reason = m_reason->toPlainText().trimmed().toStdString();
    return result;
}

void QuestionForm::showProblem(const QString& message)
{
    m_problem->setText(message);
    m_problem->setVisible(!message.isEmpty());
}

QString QuestionForm::problem() const
{
    return m_problem->isVisible() ? m_problem->text() : QString();
}

void QuestionForm::chooseAnswer(int index)
{
    QRadioButton* button = answerButton(index);
    if (!button)
        return;
    button->setChecked(true);
    // The reason is what comes next: typing can start at once.
    m_reason->setFocus();
}

void QuestionForm::chooseConfidence(int level)
{
    if (QAbstractButton* button = m_confidence->button(level))
        button->setChecked(true);
}

QRadioButton* QuestionForm::answerButton(int index) const
{
    return qobject_cast<QRadioButton*>(m_answers->button(index));
}

bool QuestionForm::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_reason && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        const bool enter = key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter;
        if (enter && !(key->modifiers() & Qt::ShiftModifier)) {
            Q_EMIT submitRequested();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void QuestionForm::keyPressEvent(QKeyEvent* event)
{
    // Enter on an answer or a confidence button (they do not use it themselves) submits.
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        Q_EMIT submitRequested();
        return;
    }
    QWidget::keyPressEvent(event);
}
