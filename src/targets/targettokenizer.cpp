#include "targettokenizer.h"

#include "addresssyntax.h"

namespace ps {

namespace {

struct RawToken
{
    TargetToken token;
    bool blankBefore = false;  // only white space (no ',' or ';') since the previous token
};

bool isSeparator(QChar c)
{
    return c.isSpace() || c == u',' || c == u';';
}

bool isPlainAddress(QStringView text)
{
    quint32 v4 = 0;
    UInt128 v6;
    QString zone;
    return syntax::parseIpv4(text, &v4) || syntax::parseIpv6(text, &v6, &zone);
}

bool isPlainAddressOrExclusion(QStringView text)
{
    return isPlainAddress(text.startsWith(u'!') ? text.mid(1) : text);
}

std::vector<RawToken> split(QStringView line, qsizetype *contentEnd)
{
    std::vector<RawToken> raw;
    const qsizetype n = line.size();
    bool blankOnly = true;
    qsizetype i = 0;
    while (i < n) {
        const QChar c = line[i];
        if (c.isSpace()) {
            ++i;
            continue;
        }
        if (c == u',' || c == u';') {
            blankOnly = false;
            ++i;
            continue;
        }
        if (c == u'#' && (i == 0 || line[i - 1].isSpace()))
            break;
        RawToken t;
        t.token.column = int(i) + 1;
        t.blankBefore = blankOnly && !raw.empty();
        if (c == u'"') {
            t.token.quoted = true;
            ++i;
            while (i < n) {
                if (line[i] == u'"') {
                    if (i + 1 < n && line[i + 1] == u'"') {
                        t.token.text += u'"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                t.token.text += line[i++];
            }
        }
        // Text after a closing quote up to the next separator stays with the field, as most
        // CSV readers do with such malformed fields.
        const qsizetype start = i;
        while (i < n && !isSeparator(line[i]))
            ++i;
        t.token.text += line.mid(start, i - start);
        raw.push_back(std::move(t));
        blankOnly = true;
    }
    *contentEnd = i;
    return raw;
}

TargetToken joined(const TargetToken &left, QStringView first, QStringView second)
{
    TargetToken t;
    t.text = first + u'-' + second;
    t.column = left.column;
    return t;
}

} // namespace

TokenizedLine TargetTokenizer::tokenize(QStringView line)
{
    TokenizedLine result;
    std::vector<RawToken> raw = split(line, &result.contentEnd);
    result.tokens.reserve(raw.size());
    // Spaces around a range's dash ("10.0.0.1 - 10.0.0.50", "a -b", "a- b") are allowed only
    // between two whole addresses, so "10.0.0.1 - 5 hosts" stays an address and words.
    const std::size_t n = raw.size();
    for (std::size_t i = 0; i < n; ++i) {
        const TargetToken &t = raw[i].token;
        auto joinable = [&](std::size_t k) { return k < n && raw[k].blankBefore && !raw[k].token.quoted; };
        if (!t.quoted && joinable(i + 1)) {
            const QString &next = raw[i + 1].token.text;
            if (next == u"-" && joinable(i + 2) && isPlainAddressOrExclusion(t.text)
                && isPlainAddress(raw[i + 2].token.text)) {
                result.tokens.push_back(joined(t, t.text, raw[i + 2].token.text));
                i += 2;
                continue;
            }
            if (t.text.size() > 1 && t.text.endsWith(u'-') && isPlainAddressOrExclusion(QStringView(t.text).chopped(1))
                && isPlainAddress(next)) {
                result.tokens.push_back(joined(t, QStringView(t.text).chopped(1), next));
                ++i;
                continue;
            }
            if (next.size() > 1 && next.startsWith(u'-') && isPlainAddressOrExclusion(t.text)
                && isPlainAddress(QStringView(next).mid(1))) {
                result.tokens.push_back(joined(t, t.text, QStringView(next).mid(1)));
                ++i;
                continue;
            }
        }
        result.tokens.push_back(std::move(raw[i].token));
    }
    return result;
}

} // namespace ps
