#include "ui/widgets/FeaturePanel.h"

#include "ui/widgets/LabelStyle.h"

#include "ui/widgets/PictureTile.h"
#include "ui/widgets/PictureViewer.h"

#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace {

struct SectionText
{
    const char* title;
    const char* explanation;
};

const SectionText sectionTexts[FeaturePanel::SectionCount] = {
    {QT_TRANSLATE_NOOP("FeaturePanel", "Top images"),
     QT_TRANSLATE_NOOP("FeaturePanel", "Images of the class on which this feature is most active.")},
    {QT_TRANSLATE_NOOP("FeaturePanel", "Highlighted visual attributes"),
     QT_TRANSLATE_NOOP("FeaturePanel", "Where the feature fires: red is high activation, blue is low.")},
    {QT_TRANSLATE_NOOP("FeaturePanel", "Amplified visual attributes"),
     QT_TRANSLATE_NOOP("FeaturePanel",
                       "The images changed to increase the feature: what it looks for, exaggerated.")},
};

} // namespace

FeaturePanel::FeaturePanel(QWidget* parent) : QWidget(parent)
{
    setObjectName("featurePanel");
    const TitleLabels labels = makeTitleLabels(this);
    m_heading = labels.title;
    m_details = labels.details;

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_details);
    QFont titleFont = font();
    titleFont.setWeight(QFont::DemiBold);
    for (int s = 0; s < SectionCount; ++s) {
        auto* title = new QLabel(tr(sectionTexts[s].title), this);
        title->setFont(titleFont);
        auto* explanation = new QLabel(tr(sectionTexts[s].explanation), this);
        explanation->setForegroundRole(QPalette::PlaceholderText);
        explanation->setWordWrap(true);
        layout->addSpacing(fontMetrics().height() / 2);
        layout->addWidget(title);
        layout->addWidget(explanation);
        m_sectionTitles.append(title);
        auto* row = new QGridLayout;
        row->setHorizontalSpacing(fontMetrics().height() / 2);
        for (int i = 0; i < PicturesPerSection; ++i) {
            auto* tile = new PictureTile(this);
            tile->setObjectName(QString("tile_%1_%2").arg(s).arg(i));
            connect(tile, &PictureTile::activated, this, [this, s, i] { enlarge(Section(s), i); });
            row->addWidget(tile, 0, i);
            row->setColumnStretch(i, 1);
            m_tiles.append(tile);
        }
        layout->addLayout(row);
    }
    layout->addStretch(1);
    clear(tr("Choose a class and one of its features."));
}

PictureTile* FeaturePanel::tile(Section section, int index) const
{
    return m_tiles[section * PicturesPerSection + index];
}

void FeaturePanel::showPair(const QString& heading, const QString& details)
{
    m_heading->setText(heading);
    m_details->setText(details);
    for (PictureTile* tile : m_tiles) {
        tile->setPlaceholder(tr("Rendering…"));
        tile->setCaption({});
    }
}

void FeaturePanel::clear(const QString& message)
{
    m_heading->setText(message);
    m_details->clear();
    for (PictureTile* tile : m_tiles) {
        tile->setPlaceholder({});
        tile->setCaption({});
    }
}

void FeaturePanel::setPicture(Section section, int index, const QImage& image, const QString& caption)
{
    if (index < 0 || index >= PicturesPerSection)
        return;
    tile(section, index)->setImage(image);
    tile(section, index)->setCaption(caption);
    if (picturesShown() == int(m_tiles.size()))
        Q_EMIT complete();
}

int FeaturePanel::picturesShown() const
{
    return PictureTile::countShown(m_tiles);
}

void FeaturePanel::enlarge(Section section, int index)
{
    PictureViewer::showRow(m_sectionTitles[section]->text(),
                           m_tiles.mid(section * PicturesPerSection, PicturesPerSection), index, this);
}
