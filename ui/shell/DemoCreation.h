#pragma once

#include "pipeline/DemoSetup.h"

#include <QObject>
#include <QString>

class JobRunner;
class QProgressDialog;
class QWidget;

/// Makes the Spurious Fashion demo in a folder off the GUI thread (`salient demo DIR`, the same pipeline
/// function), with a progress dialog that can cancel it.
class DemoCreation : public QObject
{
    Q_OBJECT

public:
    explicit DemoCreation(QWidget* parent);

    /// Starts making the demo in `dir` (an empty or new folder); false while another one runs.
    bool start(const QString& dir, const salient::DemoSetupOptions& options);
    JobRunner* runner() const { return m_runner; }

Q_SIGNALS:
    void created(const QString& dir);
    void failed(const QString& message);

private:
    QWidget* m_parent = nullptr;
    JobRunner* m_runner = nullptr;
    QProgressDialog* m_progress = nullptr;
    QString m_dir;
};
