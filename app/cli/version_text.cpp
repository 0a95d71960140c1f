#include "app/cli/version_text.h"

#include "model/encoder.h"
#include "model/encoder_location.h"
#include "model/versions.h"
#include "nlp/versions.h"
#include "storage/versions.h"

namespace sentinela::cli {

namespace {

// The base encoder `sentinela train` starts from by default, read from its file (its name has
// a fingerprint of the weights, so two builds with different encoders are told apart).
std::string encoderLine() {
    const auto file = model::findDefaultEncoder();
    if (!file.has_value()) {
        return "  base encoder: none found (train starts from scratch)\n";
    }
    try {
        const auto encoder = model::Encoder::load(*file);
        return "  base encoder " + encoder.name() + " (" + file->string() + ")\n";
    } catch (const std::exception& e) {
        return "  base encoder " + file->string() + ": unreadable (" + e.what() + ")\n";
    }
}

}  // namespace

std::string versionText() {
    return "sentinela " SENTINELA_VERSION
           "\n"
           "  ICU " +
           nlp::icuVersion() + "\n" + "  sentencepiece " + nlp::sentencepieceVersion() + "\n" +
           "  SQLite " + storage::sqliteVersion() + "\n" + "  Eigen " + model::eigenVersion() +
           "\n" + "  LSTM kernel " + model::inferenceKernel() + "\n" + encoderLine();
}

}  // namespace sentinela::cli
