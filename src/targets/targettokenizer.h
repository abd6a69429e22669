#pragma once

#include <QString>
#include <QStringView>

#include <vector>

namespace ps {

struct TargetToken
{
    QString text;      // without CSV quotes; "a - b" ranges joined into "a-b"
    int column = 0;    // 1-based start in the line
    bool quoted = false;
};

struct TokenizedLine
{
    std::vector<TargetToken> tokens;
    qsizetype contentEnd = 0;  // where a '#' comment starts, else the line's length
};

// Splits one line of target text. Separators are white space, ',' and ';'. A token that
// starts with '"' is a CSV quoted field: separators and '#' inside it are text and "" is a
// quote. '#' starts a comment at the start of the line or after white space, so "Router#show"
// stays one token. "10.0.0.1 - 10.0.0.50" (blanks around the dash) becomes one range token.
class TargetTokenizer
{
public:
    static TokenizedLine tokenize(QStringView line);
};

// Calls f(line, number) for each line of text; LF, CRLF and CR all end a line, numbers count
// from 1, and a final line break does not start another line.
template <typename F>
void forEachLine(QStringView text, F f)
{
    int number = 1;
    qsizetype start = 0;
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text[i];
        if (c != u'\n' && c != u'\r')
            continue;
        f(text.mid(start, i - start), number++);
        if (c == u'\r' && i + 1 < n && text[i + 1] == u'\n')
            ++i;
        start = i + 1;
    }
    if (start < n)
        f(text.mid(start), number);
}

} // namespace ps
