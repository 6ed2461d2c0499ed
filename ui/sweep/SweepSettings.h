#pragma once

#include "pipeline/SweepStep.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class WorkspaceSession;

/// What a sweep runs: models (the workspace's, plus any model file), levels, strategies, masks and
/// scope (all images, a class, the images with a feature's mask), seed, image limit and batch size.
class SweepSettings : public QWidget
{
    Q_OBJECT

public:
    explicit SweepSettings(WorkspaceSession* session, QWidget* parent = nullptr);

    /// Lists the workspace's models and the classes and features of its dataset.
    /// Lists the session's models and masks again (a workspace opened, or its dataset changed).
    void reload();
    /// Adds a model file to the list, checked.
    void addModel(const QString& path);
    /// The options as set, or nullopt with `error` saying what is wrong.
    std::optional<salient::SweepStepOptions> options(QString* error) const;

    QListWidget* models() const { return m_models; }
    QLineEdit* sigmas() const { return m_sigmas; }
    QCheckBox* strategy(salient::SweepStrategy strategy) const;
    /// The Salient dataset (when the workspace has one) or a split's ground truth.
    QComboBox* masks() const { return m_masks; }
    QComboBox* scopeClass() const { return m_class; }
    QComboBox* scopeFeature() const { return m_feature; }
    QSpinBox* seed() const { return m_seed; }
    QSpinBox* limit() const { return m_limit; }
    QSpinBox* batchSize() const { return m_batchSize; }

private:
    void loadScope();
    /// The chosen masks as options (masks and split only).
    salient::SweepStepOptions maskChoice() const;
    void browseModel();

    WorkspaceSession* m_session = nullptr;
    QListWidget* m_models = nullptr;
    QPushButton* m_addModel = nullptr;
    QLineEdit* m_sigmas = nullptr;
    std::vector<QCheckBox*> m_strategies;
    QComboBox* m_masks = nullptr;
    QComboBox* m_class = nullptr;
    QComboBox* m_feature = nullptr;
    QSpinBox* m_seed = nullptr;
    QSpinBox* m_limit = nullptr;
    QSpinBox* m_batchSize = nullptr;
};
