#pragma once

#include "targetparser.h"

#include <QObject>
#include <QStringList>

// The target syntax, file import and TargetSet, as a spec: one data row per rule or edge case.
// Typed rows live in tst_targetparser.cpp, file rows in tst_targetparser_files.cpp, set
// arithmetic (size, laziness, merge) in tst_targetparser_set.cpp.
class TestTargetParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // typed input
    void typedTargets_data();
    void typedTargets();
    void typedErrors_data();
    void typedErrors();
    void issueText();
    void octetRangesHaveABudget();

    // files
    void fileLines_data();
    void fileLines();
    void skipReasons_data();
    void skipReasons();
    void decoding_data();
    void decoding();
    void readerReportsUnreadableFile();
    void garbageFileOfTenMegabytes();
    void fuzzRegressions_data();
    void fuzzRegressions();

    // the set
    void sizes_data();
    void sizes();
    void cursorIsLazy_data();
    void cursorIsLazy();
    void cursorAgreesWithSize_data();
    void cursorAgreesWithSize();
    void mergeAndExclude_data();
    void mergeAndExclude();
    void movedFromSetIsEmptyAndUsable();
    void benchmarkMillionLines();
};

// Helpers shared by the three files.
QStringList targetsOf(const ps::TargetSet &set, quint64 limit = 100000);
QStringList issueKeys(const ps::TargetParseResult &result);  // "line:column:token"
QStringList addressRange(const QString &prefix, int first, int last);  // "10.0.0." 1 3 → three
