#include "ui/post_table_model.h"

#include <QDateTime>
#include <QLocale>

#include "ui/post_loader.h"

namespace sentinela::ui {

namespace {
QStringList toQStringList(const std::vector<std::string>& values) {
    QStringList list;
    for (const auto& value : values) {
        list << QString::fromStdString(value);
    }
    return list;
}

QString shortDate(const std::string& iso) {
    if (iso.empty()) {
        return {};
    }
    const QDateTime time = QDateTime::fromString(QString::fromStdString(iso), Qt::ISODate);
    return time.isValid() ? QLocale().toString(time.toLocalTime(), QLocale::ShortFormat)
                          : QString::fromStdString(iso);
}

QString oneLine(const std::string& text) {
    QString line = QString::fromStdString(text);
    line.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return line.left(400);
}
}  // namespace

PostTableModel::PostTableModel(QObject* parent) : QAbstractTableModel(parent) {}

PostTableModel::~PostTableModel() = default;

void PostTableModel::setWorkspace(const std::filesystem::path& workspace) {
    loader_.reset();
    if (!workspace.empty()) {
        loader_ = std::make_unique<PostLoader>(
                workspace, this,
                [this](quint64 g, std::int64_t offset, std::vector<storage::PostRow> rows) {
                    onPage(g, offset, std::move(rows));
                },
                [this](quint64 g, storage::CountResult count) { onCount(g, count); },
                [this](quint64 g, QString message) { onError(g, message); });
    }
    startQuery();
}

void PostTableModel::setFilter(const storage::PostFilter& filter) {
    filter_ = filter;
    startQuery();
}

void PostTableModel::reload() {
    startQuery();
}

void PostTableModel::startQuery() {
    beginResetModel();
    ++generation_;
    pages_.clear();
    recentPages_.clear();
    pending_.clear();
    total_ = {};
    countPending_ = loader_ != nullptr;
    endResetModel();
    if (loader_) {
        loader_->setGeneration(generation_);
        loader_->requestCount(generation_, filter_);
        requestPage(0);  // usually arrives with the count, so the view fills at once
    }
    emit countChanged(0);
    emit loadingChanged(isLoading());
}

void PostTableModel::requestPage(int page) const {
    if (!loader_ || pending_.contains(page) || pages_.contains(page)) {
        return;
    }
    pending_.insert(page);
    storage::PageRequest request = order_;
    request.offset = static_cast<std::int64_t>(page) * kPageSize;
    request.limit = kPageSize;
    loader_->requestPage(generation_, filter_, request);
}

void PostTableModel::onCount(quint64 generation, storage::CountResult count) {
    if (generation != generation_) {
        return;
    }
    countPending_ = false;
    const int rows = static_cast<int>(std::min<std::int64_t>(count.count, INT32_MAX));
    if (rows > 0) {
        beginInsertRows({}, 0, rows - 1);
        total_ = count;
        endInsertRows();
    } else {
        total_ = count;
    }
    emit countChanged(count.count);
    emit loadingChanged(isLoading());
}

void PostTableModel::onPage(quint64 generation,
                            std::int64_t offset,
                            std::vector<storage::PostRow> rows) {
    if (generation != generation_) {
        return;
    }
    const int page = static_cast<int>(offset / kPageSize);
    pending_.remove(page);
    const int count = static_cast<int>(rows.size());
    pages_.insert(page, std::move(rows));
    recentPages_.removeAll(page);
    recentPages_.append(page);
    while (recentPages_.size() > kMaxCachedPages) {
        pages_.remove(recentPages_.takeFirst());  // re-fetched if scrolled back to
    }
    const int first = page * kPageSize;
    const int last = std::min(first + count, rowCount()) - 1;
    if (last >= first) {
        emit dataChanged(index(first, 0), index(last, kColumnCount - 1));
    }
    emit loadingChanged(isLoading());
}

void PostTableModel::onError(quint64 generation, const QString& message) {
    if (generation != generation_) {
        return;
    }
    countPending_ = false;
    pending_.clear();
    emit loadingChanged(false);
    emit loadFailed(message);
}

const storage::PostRow* PostTableModel::postAt(int row) const {
    if (row < 0 || row >= rowCount()) {
        return nullptr;
    }
    const auto it = pages_.constFind(row / kPageSize);
    if (it == pages_.constEnd() || row % kPageSize >= static_cast<int>(it->size())) {
        return nullptr;
    }
    return &(*it)[row % kPageSize];
}

int PostTableModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid()) {
        return 0;
    }
    return static_cast<int>(std::min<std::int64_t>(total_.count, INT32_MAX));
}

int PostTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : kColumnCount;
}

QVariant PostTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const storage::PostRow* post = postAt(index.row());
    if (post == nullptr) {
        requestPage(index.row() / kPageSize);
        if (role == kLoadedRole) {
            return false;
        }
        return role == Qt::DisplayRole && index.column() == kText ? QVariant(tr("Loading…"))
                                                                  : QVariant();
    }
    const auto& prediction = post->prediction;
    switch (role) {
        case kPostIdRole:
            return QVariant::fromValue<qint64>(post->id);
        case kLabelsRole:
            return toQStringList(post->labels);
        case kPredictedRole:
            return prediction ? toQStringList(prediction->predictedLabels) : QStringList();
        case kScoreRole:
            return prediction ? QVariant(static_cast<double>(prediction->flagScore)) : QVariant();
        case kLoadedRole:
            return true;
        case Qt::ToolTipRole:
            return index.column() == kText ? QVariant(QString::fromStdString(post->text))
                                           : QVariant();
        case Qt::TextAlignmentRole:
            return index.column() == kScore ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                                            : QVariant();
        case Qt::DisplayRole:
            break;
        default:
            return {};
    }
    switch (index.column()) {
        case kText:
            return oneLine(post->text);
        case kAuthor:
            return QString::fromStdString(post->author);
        case kDate:
            return shortDate(post->createdAt);
        case kLabel:
            return toQStringList(post->labels).join(QStringLiteral(", "));
        case kPredicted:
            return prediction ? toQStringList(prediction->predictedLabels).join(", ") : QString();
        case kScore:
            return prediction ? QString::number(prediction->flagScore, 'f', 3) : QString();
        case kSource:
            return QString::fromStdString(post->source);
        default:
            return {};
    }
}

QVariant PostTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole) {
        return {};
    }
    if (orientation == Qt::Vertical) {
        return section + 1;
    }
    switch (section) {
        case kText:
            return tr("Text");
        case kAuthor:
            return tr("Author");
        case kDate:
            return tr("Date");
        case kLabel:
            return tr("Label");
        case kPredicted:
            return tr("Predicted");
        case kScore:
            return tr("Score");
        case kSource:
            return tr("Source");
        default:
            return {};
    }
}

void PostTableModel::sort(int column, Qt::SortOrder order) {
    storage::PageRequest request;
    request.descending = order == Qt::DescendingOrder;
    switch (column) {
        case kDate:
            request.sort = storage::SortKey::kDate;
            break;
        case kScore:
            request.sort = storage::SortKey::kScore;
            break;
        case kText:
        case kAuthor:
        case kSource:
        case kLabel:
        case kPredicted:
            request.sort = storage::SortKey::kId;  // by import order
            break;
        default:
            request.sort = storage::SortKey::kQueueOrder;
            break;
    }
    order_ = request;
    startQuery();
}

}  // namespace sentinela::ui
