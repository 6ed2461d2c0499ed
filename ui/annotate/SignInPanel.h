#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

/// Signing in to annotate: a name (a new one signs up) and an optional PIN. Enter in either field signs in.
class SignInPanel : public QWidget
{
    Q_OBJECT

public:
    explicit SignInPanel(QWidget* parent = nullptr);

    QLineEdit* nameEdit() const { return m_name; }
    QLineEdit* pinEdit() const { return m_pin; }
    void showMessage(const QString& message);
    QString message() const;
    /// Empties the PIN and the message, and puts the focus on the name.
    void reset();
    void setBusy(bool busy);

Q_SIGNALS:
    void signInRequested(const QString& name, const QString& pin);

private:
    void request();

    QLineEdit* m_name = nullptr;
    QLineEdit* m_pin = nullptr;
    QPushButton* m_button = nullptr;
    QLabel* m_message = nullptr;
};
