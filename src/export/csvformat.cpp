#include "csvformat.h"

namespace ps {

namespace {

bool isFormulaTrigger(QChar c)
{
    return c == u'=' || c == u'+' || c == u'-' || c == u'@' || c == u'\t' || c == u'\r';
}

// True when the cell is apostrophes followed by a trigger (zero apostrophes included).
bool looksLikeFormula(QStringView cell)
{
    for (QChar c : cell) {
        if (c != u'\'')
            return isFormulaTrigger(c);
    }
    return false;
}

} // namespace

bool isSupportedCsvDelimiter(QChar delimiter)
{
    return delimiter == u',' || delimiter == u';' || delimiter == u'\t';
}

QString neutraliseCsvFormula(const QString &cell)
{
    return looksLikeFormula(cell) ? u'\'' + cell : cell;
}

QString restoreCsvFormula(const QString &cell)
{
    // Only an apostrophe the writer could have added: the rest must itself need neutralising.
    if (cell.startsWith(u'\'') && looksLikeFormula(QStringView(cell).mid(1)))
        return cell.mid(1);
    return cell;
}

} // namespace ps
