#pragma once

// A reader for the noun part of WordNet 3.0 in its original database files (man 5 wndb): data.noun is
// read by seeking to a synset's byte offset, index.noun is binary-searched; nothing is loaded whole.

#include <optional>
#include <string>
#include <vector>

namespace salient {

struct Synset
{
    std::string wnid;                   // "n" + 8-digit offset, e.g. "n04133789" (ImageNet's ids)
    std::vector<std::string> lemmas;    // with '_' replaced by ' ', in file order
    std::string gloss;                  // definition and examples, as in the file (trailing blanks dropped)
    std::vector<std::string> hypernyms; // wnids of direct hypernyms ('@' and '@i')
};

class WordNet
{
public:
    /// Checks that index.noun and data.noun are readable in directory; throws InputError naming the
    /// missing or unreadable file. The files are opened again for each look-up, so the const methods
    /// can be called from several threads.
    static WordNet open(const std::string& directory = "/usr/share/wordnet");

    /// The noun synset with this wnid ("n" + 8 digits); nullopt when the wnid is malformed or no synset
    /// starts at that offset. Throws InputError naming the file and offset when the line is malformed.
    std::optional<Synset> synset(const std::string& wnid) const;

    /// The noun senses of a lemma in index.noun's sense order. The lemma is matched case-insensitively,
    /// with spaces or '_' between words; there is no morphology ("trousers" finds nothing, "trouser" does).
    std::vector<Synset> nounSenses(const std::string& lemma) const;

    /// The synset and its ancestors up to the root 'entity' (n00001740), following the first hypernym
    /// at each step; empty when the synset does not exist.
    std::vector<Synset> hypernymPath(const std::string& wnid) const;

private:
    WordNet(std::string dataPath, std::string indexPath);

    std::string m_dataPath;
    std::string m_indexPath;
};

} // namespace salient
