#pragma once

#include "hostresult.h"
#include "resultsmodel.h"

#include <QVariant>

namespace ps {

// How a row of the results table is shown: header texts, cell texts, colours, tooltips, and
// the raw values behind SortRole. Pure functions of a row's address, state and result, kept
// apart from ResultsModel, which stores rows and signals their changes.
class ResultCells
{
public:
    using Column = ResultsModel::Column;
    using RowState = ResultsModel::RowState;

    static QVariant header(int section, int role);
    // `result` is null while the row is pending or running.
    static QVariant display(const QString &address, RowState state, const HostResult *result, int column);
    static QVariant sortValue(const QString &address, RowState state, const HostResult *result, int column);
    static QVariant foreground(RowState state, const HostResult *result, int column);
    static QVariant alignment(int column);
    static QVariant toolTip(const HostResult *result, int column);
    static QString stateName(RowState state);
};

} // namespace ps
