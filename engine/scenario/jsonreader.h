#pragma once

// Reading a JSON document field by field, for the scenario reader (scenarioreader.cpp): every
// problem names the field's path ("network.weights[0].values[1]") and what is wrong with it.
// Internal to engine/scenario.

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "engine/core/types.h"

namespace engine {

using Json = nlohmann::json;

/// A problem at a field; thrown by JsonReader::fail() and caught once at the top, where it
/// becomes the message.
struct FieldError {
    std::string field;
    std::string problem;
};

/// A JSON syntax error at byte `position` (counted from 1) of the text.
struct JsonSyntaxError {
    std::size_t position = 0;
};

/// Deepest nesting of lists and objects a document may have (a scenario needs six).
constexpr std::size_t MaxJsonDepth = 32;

/// The document in `text`. Throws FieldError naming the field for a key given twice in one
/// object, a number too large for a double, or nesting deeper than MaxJsonDepth, and
/// JsonSyntaxError for text that is not JSON. The library's own messages never show.
Json parseJson(std::string_view text);

/// "a list", "a number", ... for messages.
const char* jsonTypeName(const Json& j);

/// Walks the document, remembering the field path for messages. Each reader returns the value
/// or throws FieldError.
class JsonReader {
public:
    /// Throws FieldError{field, problem}.
    [[noreturn]] void fail(const std::string& field, const std::string& problem) const;
    /// obj[key], or fails "is missing".
    const Json& member(const Json& obj, const std::string& path, const char* key) const;
    /// obj[key], or nullptr.
    const Json* optionalMember(const Json& obj, const char* key) const;
    /// Fails unless `j` is an object whose fields are all in `allowed`.
    void object(const Json& j, const std::string& path,
                std::initializer_list<const char*> allowed) const;
    /// A finite number.
    double number(const Json& j, const std::string& path) const;
    /// A whole number within [lo, hi].
    std::int64_t integer(const Json& j, const std::string& path, std::int64_t lo,
                         std::int64_t hi) const;
    bool boolean(const Json& j, const std::string& path) const;
    std::string string(const Json& j, const std::string& path) const;
    /// `j`, which must be a list.
    const Json& list(const Json& j, const std::string& path) const;
    /// A list of exactly `size` numbers.
    Vector vector(const Json& j, const std::string& path, Index size) const;
    /// A rows x cols matrix written as a list of rows; `why` explains the shape in messages.
    Matrix matrix(const Json& j, const std::string& path, Index rows, Index cols,
                  const std::string& why) const;

    /// "path.key" (or "key" at the top); a long or odd key is echoed short (report::echoed).
    static std::string join(const std::string& path, std::string_view key);
    /// "path[i]".
    static std::string at(const std::string& path, Index i);
};

}  // namespace engine
