#pragma once

#include <map>
#include <string>

namespace salient {

/// Throws InputError unless `name` is safe as one folder or file name inside an export or import
/// folder: not empty, not "." or "..", no '/', '\\' or NUL, no control characters. Wnids and image
/// names become path components, so this is what keeps a dataset from writing or reading outside its
/// folder. `what` names the value in the message ("the image name", "the wnid of class 3").
void checkPathComponent(const std::string& name, const std::string& what);

/// The Salient ImageNet `wordnet_dict.py`: a Python dict literal, class index -> wnid, one entry a line.
std::string wordnetDictText(const std::map<int, std::string>& wnids);

/// Reads such a dict literal ({0: 'n01440764', 1: "n01443537", ...}); `name` stands for the file in
/// messages. Throws InputError for anything else.
std::map<int, std::string> parseWordnetDict(const std::string& text, const std::string& name);

} // namespace salient
