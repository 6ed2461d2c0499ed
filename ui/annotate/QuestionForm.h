#pragma once

#include "database/Responses.h"
#include "database/StudyKind.h"

#include <QVector>
#include <QWidget>

class QButtonGroup;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;

/// The questions of a HIT: the answer (with a plain explanation and a small example of each), the
/// confidence 1-5 and the reason. Enter in the reason box or on a choice asks to submit (Shift+Enter starts
/// a new line); the page around it binds the other keys.
class QuestionForm : public QWidget
{
    Q_OBJECT

public:
    explicit QuestionForm(QWidget* parent = nullptr);

    void setKind(salient::StudyKind kind);
    salient::StudyKind kind() const { return m_kind; }
    /// Empties the answers for a new HIT and puts the focus on the first answer.
    void reset();
    /// Fills the form with an answer given before (after an undo).
    void restore(const salient::Answer& answer);

    salient::Answer answer() const;
    /// Shows why the answer was refused (empty: hides the message).
    void showProblem(const QString& message);
    QString problem() const;

    void chooseAnswer(int index);
    void chooseConfidence(int level);

    QPlainTextEdit* reasonEdit() const { return m_reason; }
    QRadioButton* answerButton(int index) const;
    QLabel* problemLabel() const { return m_problem; }

Q_SIGNALS:
    void submitRequested();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void rebuildAnswers();

    salient::StudyKind m_kind = salient::StudyKind::Discovery;
    QLabel* m_question = nullptr;
    QWidget* m_answersBox = nullptr;
    QButtonGroup* m_answers = nullptr;
    QVector<QWidget*> m_answerRows;
    QButtonGroup* m_confidence = nullptr;
    QLabel* m_reasonTitle = nullptr;
    QPlainTextEdit* m_reason = nullptr;
    QLabel* m_problem = nullptr;
};
