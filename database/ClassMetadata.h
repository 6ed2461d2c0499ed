#pragma once

#include "database/Database.h"

#include <optional>
#include <string>
#include <vector>

namespace salient {

/// What the class panel shows of a class: Salient ImageNet's class_metadata.csv, one row per class.
struct ClassMetadata
{
    int classIndex = 0;
    std::string wnid;
    std::string name;   ///< the first lemma ("tench")
    std::string synset; ///< all lemmas as published ("tench, Tinca tinca")
    std::string gloss;
    std::string supercategory;
    std::vector<std::string> wikilinks;
    std::vector<std::string> valSamples; ///< ILSVRC2012 validation file names
};

/// Reads class_metadata.csv (columns class_index, synset, wordnet_id, gloss, wikilinks, supercategory,
/// val_sample_paths; the lists are Python list literals). Throws InputError "FILE:LINE: ..." for
/// malformed CSV, a missing column, a bad class index, an empty wnid or synset and a malformed list.
std::vector<ClassMetadata> readClassMetadataCsv(const std::string& path);

/// ['a', "b's"] -> {a, b's}. Throws std::invalid_argument describing the problem.
std::vector<std::string> parsePythonStringList(const std::string& text);

/// Inserts or replaces the classes (a row with the same wnid or class index is replaced). Runs inside
/// the caller's transaction.
void storeClassMetadata(Database& db, const std::vector<ClassMetadata>& classes);

std::optional<ClassMetadata> classMetadata(Database& db, const std::string& wnid);
std::vector<ClassMetadata> allClassMetadata(Database& db);

} // namespace salient
