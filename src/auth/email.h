#pragma once
// E-mail addresses as account names: normalization and a sane shape check
// (not full RFC 5322: quoted local parts and IP-literal domains are refused).
#include <string>
#include <string_view>

namespace echoes::auth {

/// Trims surrounding whitespace and lowercases ASCII letters.
std::string normalize_email(std::string_view email);

/// True for a normalized address of the shape local@domain.tld: at most 254
/// bytes, local part 1..64 bytes, no whitespace or control characters, one
/// '@', a domain of dot-separated labels of [a-z0-9-] (not starting or ending
/// with '-') with at least two labels.
bool is_valid_email(std::string_view normalized_email);

}  // namespace echoes::auth
