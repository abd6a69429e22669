#include "targetparser.h"

#include "addresssyntax.h"
#include "literalscanner.h"
#include "targetexpression.h"
#include "targettokenizer.h"

namespace ps {

namespace {

using Kind = TargetExpression::Kind;

QString shortened(QStringView text, qsizetype maximum)
{
    if (text.size() <= maximum)
        return text.toString();
    return text.left(maximum - 1) + u'\u2026';
}

QString shownToken(QStringView token)
{
    return shortened(token, 80);
}

// nmap octet ranges are the one syntax where a few characters become many runs
// (0-255.0-255.1 is 65536); this caps what one input may ask for in all, so a file of such
// lines cannot take minutes and gigabytes.
class RunBudget
{
public:
    static constexpr std::size_t kMaxRuns = std::size_t(1) << 18;

    bool take(const TargetExpression &e)
    {
        if (e.ranges.size() <= 1)
            return true;  // one run: as cheap as any address
        if (m_used + e.ranges.size() > kMaxRuns)
            return false;
        m_used += e.ranges.size();
        return true;
    }

    static QString refusal()
    {
        return QStringLiteral("would take this input past %1 separate runs of addresses from octet ranges; "
                              "write such ranges as CIDR blocks")
            .arg(kMaxRuns);
    }

private:
    std::size_t m_used = 0;
};

// One file line at a time: decides whether it is a target line and takes what it can.
class FileLineParser
{
public:
    FileLineParser(TargetParseResult *result, const QString &source) : m_result(result), m_source(source) {}

    void parse(QStringView line, int number)
    {
        const TokenizedLine tokenized = TargetTokenizer::tokenize(line);
        const std::vector<TargetToken> &tokens = tokenized.tokens;
        if (tokens.empty())
            return;  // blank, or only a comment
        m_line = number;
        m_lineUsed = false;
        std::vector<TargetExpression> expressions;
        expressions.reserve(tokens.size());
        bool allAddresses = true;
        bool allHostnames = true;
        bool allDotted = true;
        bool addressesOrTypos = true;
        for (const TargetToken &token : tokens) {
            expressions.push_back(TargetExpression::parse(token.text));
            const TargetExpression &e = expressions.back();
            if (e.isAddressLike()) {
                allHostnames = false;
            } else if (e.kind == Kind::Hostname) {
                allAddresses = false;
                addressesOrTypos = false;
                allDotted = allDotted && token.text.contains(u'.');
            } else {
                allAddresses = false;
                allHostnames = false;
                addressesOrTypos = addressesOrTypos && syntax::looksLikeAddress(token.text);
            }
        }
        if (allAddresses || (allHostnames && (tokens.size() == 1 || allDotted))) {
            for (std::size_t i = 0; i < tokens.size(); ++i)
                take(expressions[i], tokens[i].column, tokens[i].text);
        } else if (addressesOrTypos) {
            takeValidReportRest(tokens, expressions);
        } else {
            for (const FoundLiteral &literal : LiteralScanner::scan(line.left(tokenized.contentEnd)))
                take(literal.expression, literal.column, literal.text);
            if (!m_lineUsed) {
                m_result->addSkippedLine(
                    {number, shortened(line.trimmed(), 100), skipReason(tokens, expressions, allHostnames)});
            }
        }
        if (m_lineUsed)
            ++m_result->usedLineCount;
    }

private:
    void take(const TargetExpression &e, int column, QStringView token)
    {
        if (!m_budget.take(e))
            return report(column, token, RunBudget::refusal());
        e.applyTo(&m_result->targets);
        m_lineUsed = true;
    }

    void report(int column, QStringView token, const QString &message)
    {
        m_result->addIssue({m_line, column, shownToken(token), message, m_source});
    }

    // The line would be a target line but for address-like tokens that are not valid. Those
    // that are a target and sentence punctuation ("10.0.0.0/30.") give the target; the rest
    // are typos, reported, while the good tokens beside them are kept.
    void takeValidReportRest(const std::vector<TargetToken> &tokens, const std::vector<TargetExpression> &expressions)
    {
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            const TargetToken &token = tokens[i];
            if (expressions[i].isValid()) {
                take(expressions[i], token.column, token.text);
                continue;
            }
            const QStringView bare = withoutTrailingPunctuation(token.text);
            const TargetExpression e = bare.size() < token.text.size() ? TargetExpression::parse(bare) : TargetExpression();
            if (e.isValid())
                take(e, token.column, bare);
            else
                report(token.column, token.text, expressions[i].error);
        }
    }

    static QStringView withoutTrailingPunctuation(QStringView token)
    {
        const QStringView punctuation = u".,:;!?)]}'\"";
        while (!token.isEmpty() && punctuation.contains(token.back()))
            token.chop(1);
        return token;
    }

    static QString skipReason(const std::vector<TargetToken> &tokens,
                              const std::vector<TargetExpression> &expressions, bool allHostnames)
    {
        if (tokens.size() == 1)
            return QStringLiteral("'%1' %2").arg(shownToken(tokens.front().text), expressions.front().error);
        if (allHostnames)
            return QStringLiteral("several names on one line are read as host names only when every one contains a dot");
        return QStringLiteral("no address, range or CIDR block in it (words on such a line are not read as host names)");
    }

    TargetParseResult *m_result;
    QString m_source;
    RunBudget m_budget;
    int m_line = 0;
    bool m_lineUsed = false;
};

} // namespace

void TargetParseResult::addIssue(TargetIssue issue)
{
    if (issueCount++ < kMaxReported)
        issues.append(std::move(issue));
}

void TargetParseResult::addSkippedLine(SkippedLine line)
{
    if (skippedLineCount++ < kMaxReported)
        skippedLines.append(std::move(line));
}

TargetParseResult TargetParser::parseTyped(const QString &text)
{
    return parseStrict(text, TargetExpression::CidrHosts::Usable);
}

TargetParseResult TargetParser::parseExclusions(const QString &text)
{
    return parseStrict(text, TargetExpression::CidrHosts::WholeBlock);
}

TargetParseResult TargetParser::parseStrict(const QString &text, TargetExpression::CidrHosts cidrHosts)
{
    TargetParseResult result;
    RunBudget budget;
    forEachLine(text, [&](QStringView line, int number) {
        for (const TargetToken &token : TargetTokenizer::tokenize(line).tokens) {
            const TargetExpression e = TargetExpression::parse(token.text, cidrHosts);
            if (!e.isValid())
                result.addIssue({number, token.column, shownToken(token.text), e.error, QString()});
            else if (!budget.take(e))
                result.addIssue({number, token.column, shownToken(token.text), RunBudget::refusal(), QString()});
            else
                e.applyTo(&result.targets);
        }
    });
    return result;
}

TargetParseResult TargetParser::parseFileText(QStringView text, const QString &source)
{
    TargetParseResult result;
    FileLineParser lineParser(&result, source);
    forEachLine(text, [&](QStringView line, int number) { lineParser.parse(line, number); });
    return result;
}

} // namespace ps
