#include "database/Annotators.h"

#include "base/Errors.h"
#include "base/Text.h"
#include "database/Secrets.h"
#include "database/WriteTransaction.h"

namespace salient {
namespace {

constexpr const char* kPrefix = "mturk-";
constexpr const char* kSelect =
    "SELECT annotator_id, name, role, worker_id, pin_hash IS NOT NULL, created_at FROM annotators";

AnnotatorRole parseRole(const std::string& text)
{
    if (text == "admin")
        return AnnotatorRole::Admin;
    if (text == "imported")
        return AnnotatorRole::Imported;
    return AnnotatorRole::Annotator;
}

Annotator annotatorFrom(const Statement& query)
{
    Annotator annotator;
    annotator.id = query.columnInt64(0);
    annotator.name = query.columnText(1);
    annotator.role = parseRole(query.columnText(2));
    annotator.workerId = query.columnText(3);
    annotator.hasPin = query.columnInt64(4) != 0;
    annotator.createdAt = query.columnText(5);
    return annotator;
}

/// A name as it is stored and looked up: valid UTF-8 in NFC, so that one person typing "Alíce" on two
/// keyboards (composed or decomposed í) is one annotator.
std::string annotatorName(const std::string& typed)
{
    return normalizedUtf8(typed, "the annotator name");
}

void checkName(const std::string& name)
{
    if (name.empty() || name.find_first_not_of(" \t") == std::string::npos)
        throw InputError("an annotator name cannot be empty");
    if (name.size() > 64)
        throw InputError("the annotator name '" + name.substr(0, 64) + "…' is longer than 64 bytes");
    for (char c : name)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            throw InputError("an annotator name cannot hold control characters");
    if (name.front() == ' ' || name.back() == ' ')
        throw InputError("the annotator name '" + name + "' starts or ends with a space");
    if (name.rfind(kPrefix, 0) == 0)
        throw InputError("names starting with 'mturk-' are kept for imported MTurk workers");
}

std::optional<std::string> storedPin(const std::optional<std::string>& pin)
{
    if (!pin)
        return std::nullopt;
    if (pin->empty())
        throw InputError("a PIN cannot be empty (leave it out for no PIN)");
    return hashPin(*pin);
}

Annotator insertAnnotator(Database& db, const std::string& name, AnnotatorRole role,
                          const std::string& workerId, const std::optional<std::string>& pinHash)
{
    Statement insert = db.prepare("INSERT INTO annotators (name, role, worker_id, pin_hash, created_at) "
                                  "VALUES (?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))");
    insert.bind(1, name).bind(2, toString(role));
    if (workerId.empty())
        insert.bindNull(3);
    else
        insert.bind(3, workerId);
    if (pinHash)
        insert.bind(4, *pinHash);
    else
        insert.bindNull(4);
    insert.step();
    return *findAnnotator(db, name);
}

void checkPin(Database& db, const Annotator& annotator, const std::optional<std::string>& pin)
{
    if (annotator.role == AnnotatorRole::Imported)
        throw InputError("'" + annotator.name + "' holds imported answers and cannot sign in");
    if (!annotator.hasPin) {
        if (pin)
            throw InputError(annotator.name + " has no PIN; sign in without one");
        return;
    }
    if (!pin)
        throw InputError(annotator.name + " has a PIN; give it to sign in");
    Statement query = db.prepare("SELECT pin_hash FROM annotators WHERE annotator_id = ?1");
    query.bind(1, annotator.id);
    if (!query.step() || !pinMatches(*pin, query.columnText(0)))
        throw InputError("wrong PIN for " + annotator.name);
}

} // namespace

const char* toString(AnnotatorRole role)
{
    switch (role) {
    case AnnotatorRole::Admin:
        return "admin";
    case AnnotatorRole::Imported:
        return "imported";
    case AnnotatorRole::Annotator:
        break;
    }
    return "annotator";
}

std::string mturkAnnotatorName(const std::string& workerId)
{
    return kPrefix + workerId;
}

Annotator addAnnotator(Database& db, const std::string& typedName, AnnotatorRole role,
                       const std::optional<std::string>& pin, const std::optional<Annotator>& addedBy)
{
    const std::string name = annotatorName(typedName);
    checkName(name);
    if (role == AnnotatorRole::Imported)
        throw InputError("imported annotators come from an import");
    const auto pinHash = storedPin(pin); // before taking the write lock: hashing takes a while
    WriteTransaction transaction(db);
    if (findAnnotator(db, name))
        throw InputError("an annotator named '" + name + "' exists already");
    // Checked inside the write lock, so that two first administrators cannot both pass.
    const bool authorised = addedBy && addedBy->role == AnnotatorRole::Admin;
    if (role == AnnotatorRole::Admin && !authorised &&
        db.queryInt64("SELECT COUNT(*) FROM annotators WHERE role = 'admin'") > 0)
        throw InputError("only an administrator can add another one (--by ADMIN --by-pin PIN)");
    Annotator annotator = insertAnnotator(db, name, role, {}, pinHash);
    transaction.commit();
    return annotator;
}

Annotator signIn(Database& db, const std::string& typedName, const std::optional<std::string>& pin)
{
    const std::string name = annotatorName(typedName);
    if (auto existing = findAnnotator(db, name)) {
        checkPin(db, *existing, pin);
        return *existing;
    }
    checkName(name);
    const auto pinHash = storedPin(pin);
    WriteTransaction transaction(db);
    if (auto existing = findAnnotator(db, name)) { // signed in by another process meanwhile
        transaction.commit();
        checkPin(db, *existing, pin);
        return *existing;
    }
    Annotator annotator = insertAnnotator(db, name, AnnotatorRole::Annotator, {}, pinHash);
    transaction.commit();
    return annotator;
}

Annotator signInAdmin(Database& db, const std::string& name, const std::optional<std::string>& pin)
{
    const auto annotator = findAnnotator(db, name);
    if (!annotator || annotator->role != AnnotatorRole::Admin)
        throw InputError("'" + name + "' is not an administrator (salient hits annotator add NAME --admin)");
    checkPin(db, *annotator, pin);
    return *annotator;
}

std::optional<Annotator> findAnnotator(Database& db, const std::string& name)
{
    Statement query = db.prepare(std::string(kSelect) + " WHERE name = ?1");
    query.bind(1, annotatorName(name));
    if (!query.step())
        return std::nullopt;
    return annotatorFrom(query);
}

std::vector<Annotator> allAnnotators(Database& db)
{
    Statement query = db.prepare(std::string(kSelect) + " ORDER BY name");
    std::vector<Annotator> result;
    while (query.step())
        result.push_back(annotatorFrom(query));
    return result;
}

Annotator importedAnnotator(Database& db, const std::string& workerId)
{
    const std::string name = mturkAnnotatorName(workerId);
    if (auto existing = findAnnotator(db, name))
        return *existing;
    return insertAnnotator(db, name, AnnotatorRole::Imported, workerId, std::nullopt);
}

} // namespace salient
