#include "store/s3_xml.h"

#include <cstdlib>

namespace echoes::store {
namespace {

// Appends the UTF-8 bytes of code point `code`.
void append_utf8(std::string& out, unsigned long code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

// Appends the text of one entity name ("amp", "#38", "#x26"); false when unknown.
bool append_entity(std::string& out, std::string_view name) {
  if (name == "amp") return out += '&', true;
  if (name == "lt") return out += '<', true;
  if (name == "gt") return out += '>', true;
  if (name == "quot") return out += '"', true;
  if (name == "apos") return out += '\'', true;
  if (name.size() < 2 || name[0] != '#') return false;
  const bool hex = name[1] == 'x' || name[1] == 'X';
  const std::string digits(name.substr(hex ? 2 : 1));
  char* end = nullptr;
  const unsigned long code = std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
  if (digits.empty() || *end != '\0' || code > 0x10FFFF) return false;
  append_utf8(out, code);
  return true;
}

}  // namespace

std::string xml_unescape(std::string_view text) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    const size_t semicolon = text[i] == '&' ? text.find(';', i) : std::string_view::npos;
    if (semicolon != std::string_view::npos && append_entity(out, text.substr(i + 1, semicolon - i - 1))) {
      i = semicolon + 1;
    } else {
      out += text[i++];
    }
  }
  return out;
}

std::vector<std::string> xml_element_texts(std::string_view xml, std::string_view tag) {
  const std::string open = "<" + std::string(tag) + ">";
  const std::string close = "</" + std::string(tag) + ">";
  std::vector<std::string> texts;
  size_t at = xml.find(open);
  while (at != std::string_view::npos) {
    const size_t start = at + open.size();
    const size_t end = xml.find(close, start);
    if (end == std::string_view::npos) break;
    texts.push_back(xml_unescape(xml.substr(start, end - start)));
    at = xml.find(open, end + close.size());
  }
  return texts;
}

std::string xml_element_text(std::string_view xml, std::string_view tag) {
  std::vector<std::string> texts = xml_element_texts(xml, tag);
  return texts.empty() ? "" : texts.front();
}

}  // namespace echoes::store
