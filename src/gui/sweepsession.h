#pragma once

#include "hostresult.h"
#include "sweepoptions.h"
#include "targetset.h"

#include <QObject>
#include <QStringList>

#include <vector>

class QThreadPool;

namespace ps {

class ResultsModel;
class SweepController;

// Joins the sweep controller to the results model for one sweep at a time. A sweep of the
// targets field replaces the table; a re-ping sweeps only chosen rows and maps each result
// back onto its row (sweep index → row ids), leaving every other row as it is. Rows are
// followed by id, so removing rows during a sweep is safe.
class SweepSession final : public QObject
{
    Q_OBJECT

public:
    SweepSession(SweepController *controller, ResultsModel *model, QThreadPool *filePool, QObject *parent);

    // Starts a sweep of the field's text. Typed targets start at once; @file targets once the
    // files are read (off the GUI thread). False when it cannot start; startFailed says why.
    bool start(const QString &fieldText, const SweepOptions &options);
    // Sweeps these model rows again. False when it cannot start; startFailed says why.
    bool reping(const QList<int> &rows, const SweepOptions &options);
    void stop();

    bool isBusy() const;  // reading target files or sweeping
    int total() const { return m_total; }

Q_SIGNALS:
    void busyChanged(bool busy);
    void startFailed(const QString &title, const QString &message);
    void notice(const QString &message);  // status bar
    void started(int total);
    void progress(int done, int total);
    void finished(bool stopped);

private:
    static constexpr int kKeepWorkersMs = 120000;
    static SweepOptions withWindowPolicy(SweepOptions options);
    enum class Kind { Full, Reping };

    // Small sets start at once; big ones are expanded to a target list off the GUI thread
    // first (TargetSet::toVector of 65,536 targets would hold it for a few frames).
    void launch(const TargetSet &targets, const SweepOptions &options);
    bool startController(std::vector<Target> targets, const SweepOptions &options);
    void setResolving(bool resolving);
    void onStarted(int total);
    void onHostSubmitted(int index);
    void onHostFinished(int index, const HostResult &result);
    void onFinished(bool stopped);
    template<typename F>
    void forEachRow(int index, F &&f);

    SweepController *m_controller;
    ResultsModel *m_model;
    QThreadPool *m_filePool;
    Kind m_kind = Kind::Full;
    bool m_resolving = false;
    quint64 m_generation = 0;   // a newer start or a stop makes late file reads moot
    quint64 m_firstId = 0;            // full sweep: sweep index i is row id m_firstId + i
    std::vector<quint64> m_indexIds;  // re-ping: sweep index i is row id m_indexIds[i]
    int m_total = 0;

    static constexpr quint64 kExpandInline = 4096;  // targets expanded on the GUI thread
};

} // namespace ps
