// CSV reader: splits records into fields (RFC 4180 quoting) and converts each
// column to a vector value.
#include "alea/io/csv.hpp"

#include <limits>
#include <vector>

#include "lex_util.hpp"

namespace alea::io {
namespace {

using detail::Cursor;

struct Field {
  std::string text;  // unquoted, surrounding blanks removed
  SourceLoc loc;
  bool quoted = false;
};

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// Reads one record; the cursor ends after its line break (or at the end).
std::vector<Field> read_record(Cursor& cur) {
  std::vector<Field> fields;
  for (;;) {
    while (is_blank(cur.peek())) cur.get();
    Field f;
    f.loc = cur.loc();
    if (cur.peek() == '"') {
      f.quoted = true;
      cur.get();
      for (;;) {
        if (cur.at_end()) throw InputError(f.loc, "unterminated quoted field");
        const char c = cur.get();
        if (c == '"') {
          if (cur.peek() != '"') break;
          cur.get();
        }
        f.text += c;
      }
      while (is_blank(cur.peek())) cur.get();
      const char c = cur.peek();
      if (!cur.at_end() && c != ',' && c != '\n' && c != '\r')
        throw InputError(cur.loc(), std::string("unexpected character '") + c + "' after a closing quote");
    } else {
      while (!cur.at_end() && cur.peek() != ',' && cur.peek() != '\n' && cur.peek() != '\r') f.text += cur.get();
      while (!f.text.empty() && is_blank(f.text.back())) f.text.pop_back();
    }
    fields.push_back(std::move(f));
    if (cur.peek() == ',') {
      cur.get();
      continue;
    }
    if (cur.peek() == '\r') cur.get();
    if (cur.peek() == '\n') cur.get();
    return fields;
  }
}

bool valid_name(const std::string& s) {
  if (s.empty() || !detail::is_alpha(s[0])) return false;
  for (const char c : s)
    if (!detail::is_name_char(c)) return false;
  return true;
}

struct Column {
  std::string name;
  SourceLoc loc;
  std::vector<double> data;
  bool integer = true;
};

void append_value(Column& col, const Field& f) {
  const std::string& s = f.text;
  if (s.empty() || s == "NA") {
    col.data.push_back(std::numeric_limits<double>::quiet_NaN());
    return;
  }
  if (s == "TRUE" || s == "FALSE") {
    col.data.push_back(s == "TRUE" ? 1.0 : 0.0);
    return;
  }
  const bool negative = s[0] == '-';
  const std::size_t start = (s[0] == '-' || s[0] == '+') ? 1 : 0;
  const std::string_view digits = std::string_view(s).substr(start);
  const detail::NumberScan scan = detail::scan_number(digits);
  if (scan.length == 0 || scan.length != digits.size() || scan.bad_exponent)
    throw InputError(f.loc, "column '" + col.name + "': expected a number, found '" + s + "'");
  const auto x = detail::to_double(digits);
  if (!x) throw InputError(f.loc, "column '" + col.name + "': number '" + s + "' is out of range");
  col.data.push_back(negative ? -*x : *x);
  col.integer = col.integer && !scan.has_point_or_exp;
}

}  // namespace

DataSet read_csv(std::string_view text, const std::string& filename) {
  Cursor cur(text, filename);
  auto only_blank_left = [&] {
    for (const char c : cur.rest())
      if (!is_blank(c) && c != '\n' && c != '\r') return false;
    return true;
  };
  if (only_blank_left()) throw InputError(cur.loc(), "file is empty (expected a header row of column names)");

  const std::vector<Field> header = read_record(cur);
  const bool row_names = header.size() > 1 && header[0].text.empty();
  std::vector<Column> columns;
  for (std::size_t i = row_names ? 1 : 0; i < header.size(); ++i) {
    const Field& h = header[i];
    if (!valid_name(h.text))
      throw InputError(h.loc, "column " + std::to_string(i + 1) + ": '" + h.text +
                                  "' is not a valid variable name (letters, digits, '.' and '_', "
                                  "starting with a letter)");
    for (const Column& c : columns)
      if (c.name == h.text)
        throw InputError(h.loc, "duplicate column name '" + h.text + "' (first at " + to_string(c.loc) + ")");
    columns.push_back(Column{h.text, h.loc, {}, true});
  }

  int row = 0;
  while (!only_blank_left()) {
    ++row;
    const SourceLoc line_start = cur.loc();
    const std::vector<Field> fields = read_record(cur);
    if (fields.size() < header.size()) {
      const std::string& missing = header[fields.size()].text;
      throw InputError(line_start, "row " + std::to_string(row) + " has " + std::to_string(fields.size()) +
                                       " fields, but the header has " + std::to_string(header.size()) +
                                       " (no value for column '" + missing + "')");
    }
    if (fields.size() > header.size())
      throw InputError(fields[header.size()].loc, "row " + std::to_string(row) + " has " +
                                                      std::to_string(fields.size()) +
                                                      " fields, but the header has " +
                                                      std::to_string(header.size()) + " (past column '" +
                                                      header.back().text + "')");
    for (std::size_t i = row_names ? 1 : 0; i < fields.size(); ++i)
      append_value(columns[i - (row_names ? 1 : 0)], fields[i]);
  }

  DataSet out;
  for (Column& c : columns) {
    const ScalarType type = c.integer ? ScalarType::Integer : ScalarType::Real;
    out.values.emplace(c.name, Value(std::move(c.data), type));
    out.where.emplace(c.name, c.loc);
  }
  return out;
}

}  // namespace alea::io
