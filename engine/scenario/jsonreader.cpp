#include "engine/scenario/jsonreader.h"

#include <cmath>
#include <limits>
#include <set>
#include <vector>

#include "engine/report/format.h"

namespace engine {

namespace {

/// Builds the document from the parser's events (nlohmann's SAX interface), keeping track of
/// where it is, so that every problem names its field.
class DocumentBuilder {
public:
    explicit DocumentBuilder(Json& root) : m_root(root) {}

    bool null() { return put(Json(nullptr)); }
    bool boolean(bool v) { return put(Json(v)); }
    bool number_integer(Json::number_integer_t v) { return put(Json(v)); }
    bool number_unsigned(Json::number_unsigned_t v) { return put(Json(v)); }
    bool number_float(Json::number_float_t v, const Json::string_t&) { return put(Json(v)); }
    bool string(Json::string_t& v) { return put(Json(std::move(v))); }
    bool binary(Json::binary_t&) { return put(Json()); }  // not in JSON text
    bool start_object(std::size_t) { return open(Json::object()); }
    bool start_array(std::size_t) { return open(Json::array()); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }
    bool key(Json::string_t& k) {
        Frame& f = m_stack.back();
        if (f.node->contains(k))
            JsonReader().fail(JsonReader::join(path(m_stack.size()), k),
                              "is given twice (each field may appear once)");
        f.key = std::move(k);
        return true;
    }
    bool parse_error(std::size_t position, const std::string& token,
                     const nlohmann::detail::exception& e) {
        if (e.id == 406)  // out_of_range: a number beyond the range of a double
            JsonReader().fail(nextPath(),
                              report::echoed(token) + " is too large to be a finite number");
        throw JsonSyntaxError{position};
    }

private:
    /// A list or object being filled, and where it sits in its parent.
    struct Frame {
        Json* node;
        std::string key;   // the key of the next value (objects)
        std::string step;  // ".key" or "[i]" of this node in its parent ("" at the top)
    };

    /// The path of the node of frame `depth` - 1 (0 = the top).
    std::string path(std::size_t depth) const {
        std::string p;
        for (std::size_t i = 0; i < depth; ++i)
            p += m_stack[i].step;
        return p.empty() || p[0] != '.' ? p : p.substr(1);
    }
    /// The path of the value that comes next.
    std::string nextPath() const {
        if (m_stack.empty())
            return {};
        const Frame& f = m_stack.back();
        const std::string parent = path(m_stack.size());
        return f.node->is_object() ? JsonReader::join(parent, f.key)
                                   : JsonReader::at(parent, static_cast<Index>(f.node->size()));
    }
    /// Where the next value goes, and its step from its parent.
    Json* slot(std::string& step) {
        if (m_stack.empty())
            return &m_root;
        Frame& f = m_stack.back();
        if (f.node->is_object()) {
            step = "." + JsonReader::join("", f.key);
            return &(*f.node)[f.key];
        }
        step = "[" + std::to_string(f.node->size()) + "]";
        f.node->push_back(Json());
        return &f.node->back();
    }
    bool put(Json value) {
        std::string step;
        *slot(step) = std::move(value);
        return true;
    }
    bool open(Json container) {
        if (m_stack.size() >= MaxJsonDepth)
            JsonReader().fail(nextPath(), "lists and objects nest more than " +
                                              std::to_string(MaxJsonDepth) + " deep");
        std::string step;
        Json* node = slot(step);
        *node = std::move(container);
        m_stack.push_back({node, {}, std::move(step)});
        return true;
    }
    bool close() {
        m_stack.pop_back();
        return true;
    }

    Json& m_root;
    std::vector<Frame> m_stack;
};

}  // namespace

Json parseJson(std::string_view text) {
    Json root;
    DocumentBuilder builder(root);
    Json::sax_parse(text.begin(), text.end(), &builder);
    return root;
}

const char* jsonTypeName(const Json& j) {
    switch (j.type()) {
        case Json::value_t::null:
            return "null";
        case Json::value_t::object:
            return "an object";
        case Json::value_t::array:
            return "a list";
        case Json::value_t::string:
            return "a string";
        case Json::value_t::boolean:
            return "true/false";
        case Json::value_t::number_integer:
        case Json::value_t::number_unsigned:
        case Json::value_t::number_float:
            return "a number";
        default:
            return "something else";
    }
}

void JsonReader::fail(const std::string& field, const std::string& problem) const {
    throw FieldError{field, problem};
}

const Json& JsonReader::member(const Json& obj, const std::string& path, const char* key) const {
    auto it = obj.find(key);
    if (it == obj.end())
        fail(join(path, key), "is missing");
    return *it;
}

const Json* JsonReader::optionalMember(const Json& obj, const char* key) const {
    auto it = obj.find(key);
    return it == obj.end() ? nullptr : &*it;
}

void JsonReader::object(const Json& j, const std::string& path,
                        std::initializer_list<const char*> allowed) const {
    if (!j.is_object())
        fail(path, std::string("must be an object, found ") + jsonTypeName(j));
    const std::set<std::string> names(allowed.begin(), allowed.end());
    for (auto it = j.begin(); it != j.end(); ++it)
        if (!names.count(it.key()))
            fail(join(path, it.key()), "is not a field of this format (misspelt?)");
}

double JsonReader::number(const Json& j, const std::string& path) const {
    if (!j.is_number())
        fail(path, std::string("must be a number, found ") + jsonTypeName(j));
    const double v = j.get<double>();
    if (!std::isfinite(v))
        fail(path, "must be a finite number");
    return v;
}

std::int64_t JsonReader::integer(const Json& j, const std::string& path, std::int64_t lo,
                                 std::int64_t hi) const {
    if (!j.is_number_integer()) {
        if (j.is_number_float())
            fail(path, "must be a whole number, found " + j.dump());
        fail(path, std::string("must be a whole number, found ") + jsonTypeName(j));
    }
    if (j.is_number_unsigned() &&
        j.get<std::uint64_t>() >
            static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        fail(path, "must be between " + std::to_string(lo) + " and " + std::to_string(hi));
    const std::int64_t v = j.get<std::int64_t>();
    if (v < lo || v > hi)
        fail(path, "must be between " + std::to_string(lo) + " and " + std::to_string(hi) +
                       ", found " + std::to_string(v));
    return v;
}

bool JsonReader::boolean(const Json& j, const std::string& path) const {
    if (!j.is_boolean())
        fail(path, std::string("must be true or false, found ") + jsonTypeName(j));
    return j.get<bool>();
}

std::string JsonReader::string(const Json& j, const std::string& path) const {
    if (!j.is_string())
        fail(path, std::string("must be a string, found ") + jsonTypeName(j));
    return j.get<std::string>();
}

const Json& JsonReader::list(const Json& j, const std::string& path) const {
    if (!j.is_array())
        fail(path, std::string("must be a list, found ") + jsonTypeName(j));
    return j;
}

Vector JsonReader::vector(const Json& j, const std::string& path, Index size) const {
    list(j, path);
    if (static_cast<Index>(j.size()) != size)
        fail(path,
             "must hold " + std::to_string(size) + " numbers, found " + std::to_string(j.size()));
    Vector v(size);
    for (Index i = 0; i < size; ++i)
        v(i) = number(j[static_cast<size_t>(i)], at(path, i));
    return v;
}

Matrix JsonReader::matrix(const Json& j, const std::string& path, Index rows, Index cols,
                          const std::string& why) const {
    list(j, path);
    if (static_cast<Index>(j.size()) != rows)
        fail(path, "must have " + std::to_string(rows) + " rows (" + why + "), found " +
                       std::to_string(j.size()));
    Matrix m(rows, cols);
    for (Index r = 0; r < rows; ++r) {
        const std::string rowPath = at(path, r);
        const Json& row = list(j[static_cast<size_t>(r)], rowPath);
        if (static_cast<Index>(row.size()) != cols)
            fail(rowPath, "must have " + std::to_string(cols) + " columns (" + why + "), found " +
                              std::to_string(row.size()));
        for (Index c = 0; c < cols; ++c)
            m(r, c) = number(row[static_cast<size_t>(c)], at(rowPath, c));
    }
    return m;
}

std::string JsonReader::join(const std::string& path, std::string_view key) {
    // A key is shown as it is unless it is long or holds control characters.
    std::string shown = report::echoed(key);
    if (shown.size() == key.size() + 2 && shown.substr(1, key.size()) == key)
        shown = std::string(key);
    return path.empty() ? shown : path + "." + shown;
}

std::string JsonReader::at(const std::string& path, Index i) {
    return path + "[" + std::to_string(i) + "]";
}

}  // namespace engine
