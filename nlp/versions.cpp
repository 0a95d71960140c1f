#include "nlp/versions.h"

#include <unicode/uversion.h>

namespace sentinela::nlp {

std::string icuVersion() {
    return U_ICU_VERSION;
}

// sentencepiece has no version macro in its headers; CMake passes the pkg-config version.
std::string sentencepieceVersion() {
    return SENTINELA_SENTENCEPIECE_VERSION;
}

}  // namespace sentinela::nlp
