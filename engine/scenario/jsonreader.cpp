#include "engine/scenario/jsonreader.h"

#include <cmath>
#include <limits>
#include <set>

namespace engine {

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
            fail(join(path, it.key().c_str()), "is not a field of this format (misspelt?)");
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

std::string JsonReader::join(const std::string& path, const char* key) {
    return path.empty() ? std::string(key) : path + "." + key;
}

std::string JsonReader::at(const std::string& path, Index i) {
    return path + "[" + std::to_string(i) + "]";
}

}  // namespace engine
