#pragma once

#include "database/Database.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace salient {

enum class AnnotatorRole
{
    Annotator,
    Admin,    ///< may also adjudicate and see everyone's answers
    Imported, ///< answers imported from elsewhere (MTurk); cannot sign in
};

const char* toString(AnnotatorRole role);

struct Annotator
{
    std::int64_t id = 0;
    std::string name;
    AnnotatorRole role = AnnotatorRole::Annotator;
    std::string workerId; ///< imported: the MTurk WorkerId
    bool hasPin = false;
    std::string createdAt;
};

/// Names of imported MTurk workers: "mturk-" + WorkerId. The prefix is kept for them.
std::string mturkAnnotatorName(const std::string& workerId);

/// Adds an annotator in a write transaction. The PIN (optional) is stored as a salted hash only.
/// Throws InputError for a name that is taken, empty, longer than 64 bytes, has control characters
/// or starts with "mturk-", and for an empty PIN. The first administrator of a workspace may be added
/// by anyone; every later one only by an administrator who signed in (`addedBy`, from signInAdmin).
Annotator addAnnotator(Database& db, const std::string& name, AnnotatorRole role,
                       const std::optional<std::string>& pin,
                       const std::optional<Annotator>& addedBy = std::nullopt);

/// Signs `name` in. An existing annotator must give its PIN when it has one (and none when it has
/// none); a new name becomes a new annotator, with `pin` when given. Imported annotators cannot sign
/// in. Throws InputError with a message for the person otherwise.
Annotator signIn(Database& db, const std::string& name, const std::optional<std::string>& pin);

/// Signs in an existing administrator; throws InputError when `name` is unknown or not one.
Annotator signInAdmin(Database& db, const std::string& name, const std::optional<std::string>& pin);

std::optional<Annotator> findAnnotator(Database& db, const std::string& name);
std::vector<Annotator> allAnnotators(Database& db); ///< by name

/// The imported annotator of an MTurk WorkerId, created when missing; inside the caller's transaction.
Annotator importedAnnotator(Database& db, const std::string& workerId);

} // namespace salient
