#include "ui/annotate/SignInPanel.h"

#include "ui/widgets/LabelStyle.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

SignInPanel::SignInPanel(QWidget* parent) : QWidget(parent)
{
    setObjectName("signInPanel");
    auto* title = new QLabel(tr("Sign in to annotate"), this);
    emphasise(title, LabelEmphasis::Title);
    auto* hint = new QLabel(tr("A new name signs you up. A PIN is optional: with one, only you can sign in "
                               "under your name. Nobody sees the others' answers before giving their own."),
                            this);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);

    m_name = new QLineEdit(this);
    m_name->setObjectName("annotatorName");
    m_name->setPlaceholderText(tr("your name"));
    m_name->setMaxLength(64);
    m_pin = new QLineEdit(this);
    m_pin->setObjectName("annotatorPin");
    m_pin->setEchoMode(QLineEdit::Password);
    m_pin->setPlaceholderText(tr("optional"));
    m_button = new QPushButton(tr("Sign in"), this);
    m_button->setDefault(true);
    m_message = new QLabel(this);
    m_message->setObjectName("signInMessage");
    m_message->setWordWrap(true);
    m_message->hide();

    auto* form = new QFormLayout;
    form->addRow(tr("&Name"), m_name);
    form->addRow(tr("&PIN"), m_pin);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(hint);
    layout->addLayout(form);
    layout->addWidget(m_button, 0, Qt::AlignLeft);
    layout->addWidget(m_message);
    layout->addStretch(1);
    setMaximumWidth(fontMetrics().averageCharWidth() * 70);

    connect(m_name, &QLineEdit::returnPressed, this, &SignInPanel::request);
    connect(m_pin, &QLineEdit::returnPressed, this, &SignInPanel::request);
    connect(m_button, &QPushButton::clicked, this, &SignInPanel::request);
}

void SignInPanel::request()
{
    const QString name = m_name->text().trimmed();
    if (name.isEmpty()) {
        showMessage(tr("Type your name first."));
        m_name->setFocus();
        return;
    }
    Q_EMIT signInRequested(name, m_pin->text());
}

void SignInPanel::showMessage(const QString& message)
{
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
}

QString SignInPanel::message() const
{
    return m_message->isVisible() ? m_message->text() : QString();
}

void SignInPanel::reset()
{
    m_pin->clear();
    showMessage({});
    m_name->setFocus();
    m_name->selectAll();
}

void SignInPanel::setBusy(bool busy)
{
    m_name->setEnabled(!busy);
    m_pin->setEnabled(!busy);
    m_button->setEnabled(!busy);
}
