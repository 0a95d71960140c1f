#include "app/cli/version_text.h"

#include "model/versions.h"
#include "nlp/versions.h"
#include "storage/versions.h"

namespace sentinela::cli {

std::string versionText() {
    return "sentinela " SENTINELA_VERSION
           "\n"
           "  ICU " +
           nlp::icuVersion() + "\n" + "  sentencepiece " + nlp::sentencepieceVersion() + "\n" +
           "  SQLite " + storage::sqliteVersion() + "\n" + "  Eigen " + model::eigenVersion() +
           "\n";
}

}  // namespace sentinela::cli
