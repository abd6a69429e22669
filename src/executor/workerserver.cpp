#include "workerserver.h"

#include "exceptioncodec.h"
#include "executorlog.h"
#include "future.h"
#include "threadpoolexecutor.h"

#include <QCborArray>
#include <QCoreApplication>
#include <QSocketNotifier>

#include <cerrno>
#include <unistd.h>

namespace ps {

namespace {
const QString kOp = QStringLiteral("op");
}

WorkerServer::WorkerServer(std::shared_ptr<const TaskRegistry> registry,
                           WorkerServerOptions options, QObject *parent)
    : QObject(parent), m_registry(std::move(registry)), m_options(std::move(options))
{
    // Tasks run on our own ThreadPoolExecutor: the same queue, names and exception handling
    // as thread mode, named after this process ("pid N_0", …).
    m_executor = std::make_unique<ThreadPoolExecutor>(
        m_registry, ThreadPoolOptions{std::max(1, m_options.threads), workerName(), {}});
}

WorkerServer::~WorkerServer()
{
    m_executor->shutdown(true);
}

QString WorkerServer::workerName() const
{
    return QStringLiteral("pid %1").arg(QCoreApplication::applicationPid());
}

bool WorkerServer::start()
{
    QCborMap ready{{kOp, QStringLiteral("ready")},
                   {QStringLiteral("pid"), QCoreApplication::applicationPid()}};
    if (!m_options.initializer.isEmpty()) {
        Promise<QCborValue> promise;
        m_registry->run(m_options.initializer, m_options.initializerArgument,
                        TaskCompletion(
                            workerName(), [&](const QCborValue &v) { promise.setResult(v); },
                            [&](std::exception_ptr e) { promise.setException(std::move(e)); }));
        // The initializer runs before any task; a worker has nothing else to do meanwhile.
        if (std::exception_ptr e = promise.future().exception()) {
            ready.insert(QStringLiteral("error"), encodeException(e));
            writeAll(frame::encode(ready));
            return false;
        }
    }
    writeAll(frame::encode(ready));
    // A pool thread now, while the pool reads "ready" and sends the first tasks.
    m_executor->submitCallable([] {});
    m_notifier = new QSocketNotifier(m_options.readFd, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &WorkerServer::readInput);
    return true;
}

void WorkerServer::readInput()
{
    char buffer[65536];
    const ssize_t n = ::read(m_options.readFd, buffer, sizeof buffer);
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return;
    if (n <= 0) {
        m_notifier->setEnabled(false);
        m_inputClosed = true;
        finishIfIdle();
        return;
    }
    if (!m_decoder.feed(QByteArray(buffer, qsizetype(n)))) {
        qCCritical(lcExecutor, "worker: bad input from the pool: %s",
                   qPrintable(m_decoder.errorString()));
        m_notifier->setEnabled(false);
        m_inputClosed = true;
        finishIfIdle();
        return;
    }
    QCborMap message;
    while (m_decoder.takeMessage(&message))
        handle(message);
}

void WorkerServer::handle(const QCborMap &message)
{
    const QString op = message.value(kOp).toString();
    if (op == QLatin1String("exit")) {
        m_inputClosed = true;
        m_notifier->setEnabled(false);
        finishIfIdle();
        return;
    }
    if (op != QLatin1String("run"))
        return;  // unknown operations are ignored: a newer pool may send more
    const QString task = message.value(QStringLiteral("task")).toString();
    const QCborArray items = message.value(QStringLiteral("items")).toArray();
    if (task == QLatin1String("__chunk__")) {
        for (const auto &item : items) {
            const QCborArray idAndArgument = item.toArray();
            ++m_inFlight;
            runChunk(idAndArgument.at(0).toInteger(), idAndArgument.at(1).toMap());
        }
        return;
    }
    runTasks(task, items);
}

void WorkerServer::runTasks(const QString &task, const QCborArray &items)
{
    QList<qint64> ids;
    QList<QCborValue> arguments;
    ids.reserve(items.size());
    arguments.reserve(items.size());
    for (const auto &item : items) {
        const QCborArray idAndArgument = item.toArray();
        ids.append(idAndArgument.at(0).toInteger());
        arguments.append(idAndArgument.at(1));
    }
    m_inFlight += int(ids.size());
    // One hand-over to the local pool for the whole batch, as thread mode does.
    const std::vector<Future<QCborValue>> futures = m_executor->submitMany(task, arguments);
    for (std::size_t i = 0; i < futures.size(); ++i) {
        const qint64 id = ids.at(qsizetype(i));
        futures[i].addDoneCallback([this, id](const Future<QCborValue> &f) { reply(id, f); });
    }
}

void WorkerServer::runChunk(qint64 id, const QCborMap &chunk)
{
    // One task for many items (map's chunkSize): items run in order in one thread; each
    // item's outcome is kept ({v: value} or {e: exception}) so one failure does not hide the
    // others and map can rethrow it at that item's position.
    const QString task = chunk.value(QStringLiteral("task")).toString();
    const QCborArray items = chunk.value(QStringLiteral("items")).toArray();
    auto registry = m_registry;
    const QString worker = workerName();
    Future<QCborValue> outcome = m_executor->submitCallable([registry, task, items, worker] {
        QCborArray outcomes;
        for (const auto &item : items) {
            Promise<QCborValue> promise;
            registry->run(task, item, TaskCompletion(worker, promise));
            const Future<QCborValue> f = promise.future();
            if (std::exception_ptr e = f.exception())
                outcomes.append(QCborMap{{QStringLiteral("e"), encodeException(e)}});
            else
                outcomes.append(QCborMap{{QStringLiteral("v"), f.result()}});
        }
        return QCborValue(outcomes);
    });
    outcome.addDoneCallback([this, id](const Future<QCborValue> &f) { reply(id, f); });
}

void WorkerServer::reply(qint64 id, const Future<QCborValue> &future)
{
    // Outcomes complete on many threads, thousands a second: they gather here and the main
    // thread encodes and writes whatever has gathered as one frame — one wake-up and one
    // write() per batch, and no encoding on the thread that completed the task (the ICMP
    // engine's, for probes).
    bool first;
    {
        std::lock_guard lock(m_outMutex);
        first = m_outcomes.empty();
        m_outcomes.push_back({id, future});
    }
    if (first)
        QMetaObject::invokeMethod(this, &WorkerServer::flushOutput, Qt::QueuedConnection);
}

void WorkerServer::flushOutput()
{
    std::vector<Outcome> outcomes;
    {
        std::lock_guard lock(m_outMutex);
        outcomes.swap(m_outcomes);
    }
    if (outcomes.empty())
        return;
    // items: [id, value] or [id, null, error]
    QCborArray items;
    auto send = [&] {
        writeAll(frame::encode({{kOp, QStringLiteral("done")}, {QStringLiteral("items"), items}}));
        items = QCborArray();
    };
    for (const Outcome &o : outcomes) {
        if (std::exception_ptr e = o.future.exception())
            items.append(QCborArray{o.id, QCborValue(nullptr), encodeException(e)});
        else
            items.append(QCborArray{o.id, o.future.result()});
        if (items.size() == frame::kMaxItemsPerFrame)
            send();
    }
    if (!items.isEmpty())
        send();
    const int ended = int(outcomes.size());
    if ((m_inFlight -= ended) == 0)
        QMetaObject::invokeMethod(this, &WorkerServer::finishIfIdle, Qt::QueuedConnection);
}

void WorkerServer::writeAll(const QByteArray &bytes)
{
    qsizetype written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(m_options.writeFd, bytes.constData() + written,
                                  std::size_t(bytes.size() - written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;  // the pool went away; it will not read this anyway
        written += n;
    }
}

void WorkerServer::finishIfIdle()
{
    if (m_finished || !m_inputClosed || m_inFlight.load() != 0)
        return;
    m_finished = true;
    flushOutput();
    Q_EMIT finished(0);
}

} // namespace ps
