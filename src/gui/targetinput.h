#pragma once

#include <QString>
#include <QStringList>

namespace ps {

// The targets field: the target syntax (TargetParser::parseTyped) plus file references,
// "@/path/hosts.txt" or @"/path with spaces/hosts.txt", which Import puts there. A file is
// read again at every start, so a list kept up to date elsewhere is swept as it is now.
struct TargetInput
{
    QString typedText;   // the field with every @file token blanked, so issue columns still match
    QStringList files;   // in the order they appear
    bool filesFirst = false;  // the first token is a file: its targets come first

    bool hasTypedTargets() const { return !typedText.trimmed().isEmpty(); }

    static TargetInput split(const QString &text);
    // The token that names a file in the field; quoted when the path holds a space, a comma
    // or a quote (a '"' in a path is doubled inside the quotes).
    static QString fileToken(const QString &path);
};

} // namespace ps
