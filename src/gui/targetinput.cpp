#include "targetinput.h"

namespace ps {

namespace {

bool isSeparator(QChar c)
{
    return c.isSpace() || c == u',';
}

} // namespace

TargetInput TargetInput::split(const QString &text)
{
    TargetInput input;
    input.typedText = text;
    bool sawToken = false;
    int i = 0;
    const int n = int(text.size());
    while (i < n) {
        if (isSeparator(text[i])) {
            ++i;
            continue;
        }
        const int start = i;
        if (text[i] != u'@') {
            while (i < n && !isSeparator(text[i]))
                ++i;
            sawToken = true;
            continue;
        }
        ++i;
        QString path;
        if (i < n && text[i] == u'"') {
            ++i;
            while (i < n) {
                if (text[i] == u'"') {
                    if (i + 1 < n && text[i + 1] == u'"') {
                        path += u'"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                path += text[i++];
            }
        } else {
            while (i < n && !isSeparator(text[i]))
                path += text[i++];
        }
        if (!sawToken)
            input.filesFirst = true;
        sawToken = true;
        if (!path.isEmpty())
            input.files.append(path);
        for (int k = start; k < i; ++k)
            input.typedText[k] = u' ';
    }
    return input;
}

QString TargetInput::fileToken(const QString &path)
{
    bool quote = path.isEmpty();
    for (QChar c : path) {
        if (isSeparator(c) || c == u'"')
            quote = true;
    }
    if (!quote)
        return u'@' + path;
    QString escaped = path;
    escaped.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return QStringLiteral("@\"") + escaped + u'"';
}

} // namespace ps
