// SPDX-License-Identifier: GPL-3.0-or-later
// importRunsJson on arbitrary text, into a real database on tmpfs. A bad document is a
// ladder::Error that imports nothing; the runs a good one imports export to a document that
// imports again (what ladder writes, ladder reads).
#include "FuzzInput.h"

#include "store/RunExport.h"
#include "store/RunStore.h"
#include "util/Error.h"

#include <filesystem>
#include <memory>

namespace {

/// One database for the whole process (opening one per input would time the schema, not the
/// import); emptied after each input so it stays small.
class FuzzStore
{
public:
    FuzzStore()
        : m_file("store")
    {
        std::filesystem::create_directories(m_file.path() + ".d");
        m_store = std::make_unique<ladder::RunStore>(m_file.path() + ".d/runs.sqlite");
    }
    ~FuzzStore()
    {
        m_store.reset();
        std::error_code error;
        std::filesystem::remove_all(m_file.path() + ".d", error);
    }

    ladder::RunStore &store() { return *m_store; }

    void remove(const std::vector<ladder::RunId> &ids)
    {
        for (const ladder::RunId id : ids) {
            // Imported running/paused runs are owned by this process; stop them to delete them.
            m_store->setStatus(id, ladder::RunStatus::Stopped);
            m_store->removeRun(id);
        }
    }

private:
    ladder::fuzz::InputFile m_file; // names the folder; the file itself is never written
    std::unique_ptr<ladder::RunStore> m_store;
};

std::size_t runCount(ladder::RunStore &store)
{
    return store.listRuns().size();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static FuzzStore fuzzStore;
    ladder::RunStore &store = fuzzStore.store();
    const std::string text(reinterpret_cast<const char *>(data), size);
    std::vector<ladder::RunId> ids;
    try {
        ids = ladder::importRunsJson(store, text, "runs.json");
    } catch (const ladder::Error &) {
        if (runCount(store) != 0)
            ladder::fuzz::broken("a refused document left runs in the database");
        return 0;
    }
    try {
        const std::string exported = ladder::exportRunsJson(store, ids);
        const std::vector<ladder::RunId> again = ladder::importRunsJson(store, exported, "exported runs.json");
        if (again.size() != ids.size())
            ladder::fuzz::broken("an export imports a different number of runs");
        fuzzStore.remove(again);
    } catch (const ladder::Error &e) {
        ladder::fuzz::broken(std::string("runs imported from a document do not export and import again: ") + e.what());
    }
    fuzzStore.remove(ids);
    return 0;
}
