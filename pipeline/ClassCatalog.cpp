#include "pipeline/ClassCatalog.h"

#include "base/Errors.h"
#include "core/WordNet.h"
#include "database/ClassMetadata.h"
#include "database/IndexTables.h"
#include "database/Workspace.h"
#include "pipeline/WorkspacePaths.h"

#include <algorithm>
#include <filesystem>
#include <optional>

namespace fs = std::filesystem;

namespace salient {
namespace {

/// WordNet when Debian's wordnet-base is installed; the catalogue still works without it.
std::optional<WordNet> openWordNet()
{
    try {
        return WordNet::open();
    } catch (const InputError&) {
        return std::nullopt;
    }
}

int featureCount(Database& db, int classIndex)
{
    Statement query = db.prepare("SELECT COUNT(*) FROM class_features WHERE class_index = ?1");
    query.bind(1, classIndex);
    return query.step() ? int(query.columnInt64(0)) : 0;
}

ClassSummary summarise(Database& db, const IndexedClass& cls, const std::optional<WordNet>& wordNet)
{
    ClassSummary summary;
    summary.classIndex = cls.classIndex;
    summary.wnid = cls.wnid;
    summary.name = cls.wnid;
    if (wordNet) {
        if (const auto synset = wordNet->synset(cls.wnid); synset && !synset->lemmas.empty())
            summary.name = synset->lemmas.front();
    }
    if (summary.name == cls.wnid) {
        if (const auto imported = classMetadata(db, cls.wnid); imported && !imported->name.empty())
            summary.name = imported->name;
    }
    summary.images = cls.images;
    summary.correct = cls.correct;
    summary.features = featureCount(db, cls.classIndex);
    return summary;
}

/// The first `count` images of the class folder in `split`, sorted by name.
std::vector<std::string> folderExamples(const fs::path& split, const std::string& wnid, int count)
{
    std::vector<std::string> files;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(split / wnid, error))
        if (entry.is_regular_file())
            files.push_back(entry.path().string());
    std::sort(files.begin(), files.end());
    files.resize(std::min(files.size(), std::size_t(std::max(0, count))));
    return files;
}

} // namespace

std::vector<ClassSummary> listClasses(Workspace& workspace)
{
    const auto wordNet = openWordNet();
    std::vector<ClassSummary> classes;
    for (const IndexedClass& cls : indexedClasses(workspace.database()))
        classes.push_back(summarise(workspace.database(), cls, wordNet));
    return classes;
}

ClassDescription describeClass(Workspace& workspace, int classIndex, int examples)
{
    const auto classes = indexedClasses(workspace.database());
    const auto found = std::find_if(classes.begin(), classes.end(),
                                    [&](const IndexedClass& c) { return c.classIndex == classIndex; });
    if (found == classes.end())
        throw InputError("class " + std::to_string(classIndex) + " is not in the workspace's feature index");
    const auto wordNet = openWordNet();
    ClassDescription description;
    description.summary = summarise(workspace.database(), *found, wordNet);
    if (wordNet) {
        if (const auto synset = wordNet->synset(found->wnid)) {
            description.lemmas = synset->lemmas;
            description.gloss = synset->gloss;
        }
        for (const Synset& ancestor : wordNet->hypernymPath(found->wnid))
            description.hypernymPath.push_back(ancestor.lemmas.empty() ? ancestor.wnid
                                                                       : ancestor.lemmas.front());
    }
    // Salient ImageNet's class_metadata.csv, when imported, adds what WordNet does not have.
    if (const auto imported = classMetadata(workspace.database(), found->wnid)) {
        description.supercategory = imported->supercategory;
        description.wikiLinks = imported->wikilinks;
        if (description.gloss.empty())
            description.gloss = imported->gloss;
    }
    if (workspace.configValue(WorkspaceKeys::Dataset)) {
        const fs::path dataset = workspaceFile(workspace, WorkspaceKeys::Dataset);
        description.exampleImages = folderExamples(dataset / "val", found->wnid, examples);
        if (description.exampleImages.empty())
            description.exampleImages = folderExamples(dataset / "train", found->wnid, examples);
    }
    return description;
}

} // namespace salient
