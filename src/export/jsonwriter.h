#pragma once

#include "hostresult.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <vector>

class QIODevice;

namespace ps {

// Writes results as a JSON array of objects with the CSV's keys and the same values, typed:
// sent/received/ttl and loss_pct/RTTs are numbers (the decimals rounded exactly as in the CSV),
// the rest strings, and every cell the CSV leaves empty is null (hostname, method, worker and
// error included). finished_at is the CSV's ISO 8601 UTC string. Keys appear in alphabetical
// order (QJsonObject sorts them); JSON consumers must not rely on order anyway. No formula
// neutralisation: JSON is not opened by spreadsheets as cells.
class JsonWriter final
{
public:
    explicit JsonWriter(QJsonDocument::JsonFormat format = QJsonDocument::Indented);

    bool write(QIODevice *device, const std::vector<HostResult> &results);
    // Writes through QSaveFile: on failure the previous file at `path` is left untouched.
    bool writeFile(const QString &path, const std::vector<HostResult> &results);

    QString errorString() const { return m_errorString; }

    static QJsonObject toJson(const HostResult &result);
    static QJsonArray toJson(const std::vector<HostResult> &results);

private:
    bool writeTo(QIODevice *device, const std::vector<HostResult> &results, QString *error) const;

    QJsonDocument::JsonFormat m_format;
    QString m_errorString;
};

} // namespace ps
