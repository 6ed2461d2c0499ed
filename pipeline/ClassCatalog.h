#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace salient {

class Workspace;

/// A class of the workspace's feature index with a human name: the first WordNet lemma of its wnid, or
/// the id itself when WordNet does not know it.
struct ClassSummary
{
    int classIndex = 0;
    std::string wnid;
    std::string name;
    std::int64_t images = 0;
    std::int64_t correct = 0;
    int features = 0; ///< ranked features stored for it
};

/// What the class panel shows: WordNet's lemmas, gloss and hypernym path, and a few example images.
struct ClassDescription
{
    ClassSummary summary;
    std::vector<std::string> lemmas;
    std::string gloss;
    std::vector<std::string> hypernymPath; ///< names from the class up to 'entity'
    std::string supercategory;
    std::vector<std::string> wikiLinks;
    std::vector<std::string> exampleImages; ///< absolute paths, from the validation split when there is one
};

std::vector<ClassSummary> listClasses(Workspace& workspace);
/// Throws InputError when the class is not in the index.
ClassDescription describeClass(Workspace& workspace, int classIndex, int examples = 4);

} // namespace salient
