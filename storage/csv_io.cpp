#include "storage/csv_io.h"

namespace sentinela::storage {

bool CsvReader::next(std::vector<std::string>& fields, std::int64_t& line) {
    fields.clear();
    if (first_) {
        first_ = false;
        if (in_.peek() == 0xEF) {  // UTF-8 BOM written by spreadsheet programs
            char bom[3];
            in_.read(bom, 3);
        }
    }
    if (in_.peek() == std::char_traits<char>::eof()) {
        return false;
    }
    line = line_;
    std::string field;
    bool quoted = false, wasQuoted = false;
    for (int c = in_.get(); c != std::char_traits<char>::eof(); c = in_.get()) {
        if (quoted) {
            if (c == '"') {
                if (in_.peek() == '"') {
                    field += '"';
                    in_.get();
                } else {
                    quoted = false;
                }
            } else {
                line_ += c == '\n' ? 1 : 0;
                field += static_cast<char>(c);
            }
            continue;
        }
        if (c == '"' && field.empty() && !wasQuoted) {
            quoted = wasQuoted = true;
        } else if (c == ',') {
            fields.push_back(std::move(field));
            field.clear();
            wasQuoted = false;
        } else if (c == '\r' && in_.peek() == '\n') {
            continue;
        } else if (c == '\n') {
            ++line_;
            fields.push_back(std::move(field));
            return true;
        } else {
            field += static_cast<char>(c);
        }
    }
    fields.push_back(std::move(field));
    return true;
}

void writeCsvField(std::ostream& out, std::string_view field) {
    if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
        out << field;
        return;
    }
    out << '"';
    for (const char c : field) {
        if (c == '"') {
            out << '"';
        }
        out << c;
    }
    out << '"';
}

void writeCsvRecord(std::ostream& out, const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) {
            out << ',';
        }
        writeCsvField(out, fields[i]);
    }
    out << "\r\n";
}

}  // namespace sentinela::storage
