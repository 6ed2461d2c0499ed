#include "ui/widgets/ClassPanel.h"

#include "ui/widgets/LabelStyle.h"

#include "ui/widgets/PictureTile.h"

#include "pipeline/ClassCatalog.h"

#include <QFileInfo>
#include <QGridLayout>
#include <QImageReader>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace {

QStringList toQStrings(const std::vector<std::string>& values)
{
    QStringList list;
    for (const std::string& value : values)
        list.append(QString::fromStdString(value));
    return list;
}

} // namespace

ClassPanel::Description ClassPanel::describe(salient::Workspace& workspace, int classIndex)
{
    const salient::ClassDescription d = salient::describeClass(workspace, classIndex);
    Description description;
    description.name = QString::fromStdString(d.summary.name);
    description.wnid = QString::fromStdString(d.summary.wnid);
    description.lemmas = toQStrings(d.lemmas);
    description.gloss = QString::fromStdString(d.gloss);
    description.hypernymPath = toQStrings(d.hypernymPath);
    description.supercategory = QString::fromStdString(d.supercategory);
    description.wikiLinks = toQStrings(d.wikiLinks);
    description.exampleImages = toQStrings(d.exampleImages);
    description.images = d.summary.images;
    description.accuracy = d.summary.images > 0 ? double(d.summary.correct) / double(d.summary.images) : 0.0;
    return description;
}

ClassPanel::ClassPanel(QWidget* parent) : QWidget(parent)
{
    setObjectName("classPanel");
    auto makeLabel = [this](bool secondary) {
        auto* label = new QLabel(this);
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextBrowserInteraction);
        if (secondary)
            label->setForegroundRole(QPalette::PlaceholderText);
        return label;
    };
    m_name = makeLabel(false);
    emphasise(m_name, LabelEmphasis::Title);
    m_lemmas = makeLabel(true);
    m_gloss = makeLabel(false);
    m_path = makeLabel(true);
    m_facts = makeLabel(true);
    m_links = makeLabel(false);
    m_links->setOpenExternalLinks(true);

    auto* examples = new QGridLayout;
    for (int i = 0; i < MaxExamples; ++i) {
        auto* tile = new PictureTile(this);
        tile->setFocusPolicy(Qt::NoFocus);
        examples->addWidget(tile, i / 2, i % 2);
        m_examples.append(tile);
    }
    auto* examplesTitle = new QLabel(tr("Examples of the class"), this);
    QFont titleFont = font();
    titleFont.setWeight(QFont::DemiBold);
    examplesTitle->setFont(titleFont);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_name);
    layout->addWidget(m_lemmas);
    layout->addWidget(m_gloss);
    layout->addWidget(m_path);
    layout->addWidget(m_facts);
    layout->addWidget(m_links);
    layout->addSpacing(fontMetrics().height() / 2);
    layout->addWidget(examplesTitle);
    layout->addLayout(examples);
    layout->addStretch(1);
    setMinimumWidth(fontMetrics().averageCharWidth() * 30);
    clear();
}

void ClassPanel::showClass(const Description& d)
{
    m_name->setText(d.name);
    m_lemmas->setText(d.lemmas.size() > 1 ? tr("Also: %1").arg(d.lemmas.mid(1).join(", ")) : QString());
    m_lemmas->setVisible(d.lemmas.size() > 1);
    m_gloss->setText(d.gloss.isEmpty() ? tr("No WordNet definition for %1.").arg(d.wnid) : d.gloss);
    m_path->setText(d.hypernymPath.isEmpty() ? QString() : d.hypernymPath.join(QString::fromUtf8(" › ")));
    const QLocale locale;
    QString facts = tr("%1 · %2 images · the robust model is right on %3")
                        .arg(d.wnid)
                        .arg(locale.toString(d.images))
                        .arg(locale.toString(100.0 * d.accuracy, 'f', 1) + " %");
    if (!d.supercategory.isEmpty())
        facts = tr("Supercategory: %1").arg(d.supercategory) + "\n" + facts;
    m_facts->setText(facts);
    QStringList links;
    for (const QString& link : d.wikiLinks)
        links.append(QString("<a href=\"%1\">%2</a>")
                         .arg(link.toHtmlEscaped(),
                              tr("Wikipedia: %1").arg(QFileInfo(link).fileName().toHtmlEscaped())));
    m_links->setText(links.join("<br>"));
    m_links->setVisible(!links.isEmpty());
    for (int i = 0; i < MaxExamples; ++i) {
        PictureTile* tile = m_examples[i];
        if (i < d.exampleImages.size()) {
            QImageReader reader(d.exampleImages[i]);
            const QImage image = reader.read();
            if (image.isNull())
                tile->setPlaceholder(tr("Unreadable: %1").arg(reader.errorString()));
            else
                tile->setImage(image);
            tile->setCaption(QFileInfo(d.exampleImages[i]).fileName());
            tile->show();
        } else {
            tile->hide();
        }
    }
}

void ClassPanel::clear()
{
    m_name->setText(tr("No class chosen"));
    for (QLabel* label : {m_lemmas, m_gloss, m_path, m_facts, m_links})
        label->clear();
    for (PictureTile* tile : m_examples)
        tile->hide();
}

int ClassPanel::examplesShown() const
{
    return int(std::count_if(m_examples.begin(), m_examples.end(), [](PictureTile* t) {
        return t->isVisibleTo(t->parentWidget()) && t->hasImage();
    }));
}
