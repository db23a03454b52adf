#pragma once
// Reading the few fields Echoes needs from S3's XML answers (ListObjectsV2 pages, error
// bodies) without an XML library: S3 writes flat, predictable elements.
#include <string>
#include <string_view>
#include <vector>

namespace echoes::store {

/// The unescaped text of every <tag>...</tag> element in `xml`, in order.
std::vector<std::string> xml_element_texts(std::string_view xml, std::string_view tag);

/// The first such text, or "" when there is none.
std::string xml_element_text(std::string_view xml, std::string_view tag);

/// `text` with XML's entities (&amp; &lt; &gt; &quot; &apos; &#N; &#xN;) replaced.
std::string xml_unescape(std::string_view text);

}  // namespace echoes::store
