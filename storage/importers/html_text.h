// Plain text from the small HTML that Mastodon (and other ActivityPub servers) put in a post's
// content: <br> is a line break, a paragraph boundary is a blank line, every other tag is dropped
// keeping its text (links keep their visible text), and entities are decoded. Internal.
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>

namespace sentinela::storage::importers {

std::string htmlToText(std::string_view html);

}  // namespace sentinela::storage::importers
