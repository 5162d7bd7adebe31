#include <windows.h>

#include <algorithm>
#include <atomic>
#include <system_error>

#include "platform/child_process.h"
#include "platform/command_line.h"
#include "platform/windows_handle.h"

namespace ccp_relogin::platform {
namespace {

using Clock = std::chrono::steady_clock;

[[noreturn]] void fail(DWORD error, const std::string& what) {
    throw std::system_error(static_cast<int>(error), std::system_category(), what);
}

std::string utf8(const std::filesystem::path& path) {
    const std::u8string text = path.u8string();
    return {reinterpret_cast<const char*>(text.data()), text.size()};
}

// Handles made for one child, each inheritable: PROC_THREAD_ATTRIBUTE_HANDLE_LIST
// takes only inheritable handles. No other thread of ours starts a process
// without such a list, so none of them reaches another child.
SECURITY_ATTRIBUTES inheritable() { return {sizeof(SECURITY_ATTRIBUTES), nullptr, TRUE}; }

UniqueHandle open_nul() {
    SECURITY_ATTRIBUTES attributes = inheritable();
    UniqueHandle nul(::CreateFileW(L"NUL", GENERIC_READ | GENERIC_WRITE,
                                   FILE_SHARE_READ | FILE_SHARE_WRITE, &attributes, OPEN_EXISTING,
                                   0, nullptr));
    if (!nul.ok()) fail(::GetLastError(), "cannot open NUL");
    return nul;
}

// An inheritable copy of our stderr (ours need not be inheritable); none
// when we have no stderr, and the caller gives the child NUL.
UniqueHandle stderr_for_child() {
    const HANDLE ours = ::GetStdHandle(STD_ERROR_HANDLE);
    HANDLE copy = nullptr;
    if (ours == nullptr || ours == INVALID_HANDLE_VALUE ||
        !::DuplicateHandle(::GetCurrentProcess(), ours, ::GetCurrentProcess(), &copy, 0, TRUE,
                           DUPLICATE_SAME_ACCESS))
        return {};
    return UniqueHandle(copy);
}

// The child's stdout: a named pipe rather than CreatePipe's, because only a
// named pipe can be read with a deadline (overlapped I/O) on our end; the
// child's end is an ordinary synchronous handle. The name is ours alone
// (process ID and a counter; FILE_FLAG_FIRST_PIPE_INSTANCE fails if it is
// taken), one instance, local clients only; its default DACL lets only us
// (and administrators) write to it.
struct OutputPipe {
    UniqueHandle ours;   // overlapped, read
    UniqueHandle child;  // inheritable, write
};

OutputPipe make_output_pipe() {
    static std::atomic<unsigned> counter{0};
    const std::wstring name = L"\\\\.\\pipe\\ccp-relogin-child-" +
                              std::to_wstring(::GetCurrentProcessId()) + L"-" +
                              std::to_wstring(counter++);
    OutputPipe pipe;
    pipe.ours.reset(::CreateNamedPipeW(
        name.c_str(), PIPE_ACCESS_INBOUND | FILE_FLAG_OVERLAPPED | FILE_FLAG_FIRST_PIPE_INSTANCE,
        PIPE_TYPE_BYTE | PIPE_READMODE_BYTE | PIPE_WAIT | PIPE_REJECT_REMOTE_CLIENTS, 1, 0, 65536,
        0, nullptr));
    if (!pipe.ours.ok()) fail(::GetLastError(), "cannot create a pipe");
    SECURITY_ATTRIBUTES attributes = inheritable();
    pipe.child.reset(
        ::CreateFileW(name.c_str(), GENERIC_WRITE, 0, &attributes, OPEN_EXISTING, 0, nullptr));
    if (!pipe.child.ok()) fail(::GetLastError(), "cannot open a pipe");
    return pipe;
}

struct ChildStdio {
    HANDLE input;
    HANDLE output;
    HANDLE error;
};

struct Started {
    UniqueHandle process;
    UniqueHandle thread;
};

// Frees what InitializeProcThreadAttributeList set up.
struct AttributeList {
    std::vector<char> storage;
    LPPROC_THREAD_ATTRIBUTE_LIST get() {
        return reinterpret_cast<LPPROC_THREAD_ATTRIBUTE_LIST>(storage.data());
    }
    ~AttributeList() {
        if (!storage.empty()) ::DeleteProcThreadAttributeList(get());
    }
};

// The child inherits exactly the handles of `stdio` and no other handle of
// ours. Standard handles reach a child only with bInheritHandles TRUE, which
// without a list hands it every inheritable handle we hold: in host mode the
// browser's pipes to us (created inheritable, so that we could get them),
// and a child holding those would keep the port open after we end. The
// list is one attribute of STARTUPINFOEX (PROC_THREAD_ATTRIBUTE_HANDLE_LIST);
// each handle may appear in it once. 0 or the error of CreateProcessW.
DWORD try_start(const std::filesystem::path& program, const std::vector<std::string>& args,
                const ChildStdio& stdio, DWORD flags, Started& started) {
    std::vector<HANDLE> handles;
    for (const HANDLE handle : {stdio.input, stdio.output, stdio.error})
        if (std::find(handles.begin(), handles.end(), handle) == handles.end())
            handles.push_back(handle);
    SIZE_T size = 0;
    ::InitializeProcThreadAttributeList(nullptr, 1, 0, &size);
    AttributeList list;
    list.storage.resize(size);
    if (!::InitializeProcThreadAttributeList(list.get(), 1, 0, &size)) {
        list.storage.clear();
        return ::GetLastError();
    }
    if (!::UpdateProcThreadAttribute(list.get(), 0, PROC_THREAD_ATTRIBUTE_HANDLE_LIST,
                                     handles.data(), handles.size() * sizeof(HANDLE), nullptr,
                                     nullptr))
        return ::GetLastError();

    STARTUPINFOEXW info{};
    info.StartupInfo.cb = sizeof info;
    info.StartupInfo.dwFlags = STARTF_USESTDHANDLES;
    info.StartupInfo.hStdInput = stdio.input;
    info.StartupInfo.hStdOutput = stdio.output;
    info.StartupInfo.hStdError = stdio.error;
    info.lpAttributeList = list.get();
    // The application name too, so that nothing is searched for: the
    // command line's first word is only what the child sees as argv[0].
    const std::wstring application = program.wstring();
    std::wstring command_line = widen(windows_command_line(utf8(program), args));
    PROCESS_INFORMATION process{};
    if (!::CreateProcessW(application.c_str(), command_line.data(), nullptr, nullptr, TRUE,
                          flags | EXTENDED_STARTUPINFO_PRESENT, nullptr, nullptr, &info.StartupInfo,
                          &process))
        return ::GetLastError();
    started.process.reset(process.hProcess);
    started.thread.reset(process.hThread);
    return 0;
}

Started start(const std::filesystem::path& program, const std::vector<std::string>& args,
              const ChildStdio& stdio, DWORD flags) {
    Started started;
    if (const DWORD error = try_start(program, args, stdio, flags, started))
        fail(error, "cannot start " + program.string());
    return started;
}

// The child and whatever it starts are killed together at the deadline,
// and at the latest when this handle is closed, also when we die
// (JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE). None if Windows refuses one.
UniqueHandle kill_on_close_job() {
    UniqueHandle job(::CreateJobObjectW(nullptr, nullptr));
    JOBOBJECT_EXTENDED_LIMIT_INFORMATION limits{};
    limits.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
    if (job.ok() && !::SetInformationJobObject(job.get(), JobObjectExtendedLimitInformation,
                                               &limits, sizeof limits))
        job.reset();
    return job;
}

DWORD remaining_ms(Clock::time_point deadline) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    return left.count() > 0 ? static_cast<DWORD>(left.count()) : 0;
}

// Reads the child's stdout until every writer has closed it, the deadline or
// the size cap.
void collect_output(HANDLE pipe, std::size_t max_bytes, Clock::time_point deadline,
                    CapturedRun& run) {
    const UniqueHandle event(::CreateEventW(nullptr, TRUE, FALSE, nullptr));
    if (!event.ok()) fail(::GetLastError(), "cannot create an event");
    char buffer[8192];
    for (;;) {
        OVERLAPPED overlapped{};
        overlapped.hEvent = event.get();
        DWORD got = 0;
        if (!::ReadFile(pipe, buffer, sizeof buffer, nullptr, &overlapped)) {
            // ERROR_BROKEN_PIPE: closed.
            if (::GetLastError() != ERROR_IO_PENDING) return;
            if (::WaitForSingleObject(event.get(), remaining_ms(deadline)) != WAIT_OBJECT_0) {
                ::CancelIoEx(pipe, &overlapped);
                // Waits until the cancelled read lets go of `buffer`.
                ::GetOverlappedResult(pipe, &overlapped, &got, TRUE);
                run.timed_out = true;
                return;
            }
        }
        if (!::GetOverlappedResult(pipe, &overlapped, &got, FALSE)) return;
        if (run.out.size() + got > max_bytes) {
            run.too_large = true;
            return;
        }
        run.out.append(buffer, got);
    }
}

}  // namespace

CapturedRun run_and_capture(const std::filesystem::path& program,
                            const std::vector<std::string>& args, std::size_t max_bytes,
                            std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    OutputPipe output = make_output_pipe();
    UniqueHandle nul = open_nul();
    UniqueHandle error = stderr_for_child();
    const UniqueHandle job = kill_on_close_job();
    // Suspended until it is in the job, so that nothing it starts escapes
    // it; no console window of its own (all three handles are given).
    const Started child =
        start(program, args, {nul.get(), output.child.get(), error.ok() ? error.get() : nul.get()},
              CREATE_SUSPENDED | CREATE_NO_WINDOW);
    // Without a job (Windows refused one, or cannot nest ours in the one we
    // run in) the deadline kills the child alone.
    const bool in_job = job.ok() && ::AssignProcessToJobObject(job.get(), child.process.get());
    ::ResumeThread(child.thread.get());
    // Only the child holds its ends now: its stdout ends when it closes it.
    output.child.reset();
    nul.reset();
    error.reset();

    CapturedRun run;
    collect_output(output.ours.get(), max_bytes, deadline, run);
    if (!run.timed_out && !run.too_large &&
        ::WaitForSingleObject(child.process.get(), remaining_ms(deadline)) != WAIT_OBJECT_0)
        run.timed_out = true;
    DWORD code = 0;
    if (run.timed_out || run.too_large) {
        if (in_job) ::TerminateJobObject(job.get(), 1);
        ::TerminateProcess(child.process.get(), 1);
    } else if (::GetExitCodeProcess(child.process.get(), &code)) {
        run.exit_code = static_cast<int>(code);
    }
    return run;
}

DetachedChild::DetachedChild(const std::filesystem::path& program,
                             const std::vector<std::string>& args, bool keep_stderr) {
    const UniqueHandle nul = open_nul();
    const UniqueHandle error = keep_stderr ? stderr_for_child() : UniqueHandle();
    const ChildStdio stdio{nul.get(), nul.get(), error.ok() ? error.get() : nul.get()};
    // No console, its own process group (a Ctrl+C or Ctrl+Break sent to
    // ours does not reach it), and out of our job: the browser may start a
    // host in a job that it ends with the port, and the forwarder (or the
    // browser `relogin --launch` starts) must outlive that. A job that does
    // not allow breakaway (no JOB_OBJECT_LIMIT_BREAKAWAY_OK) makes
    // CreateProcessW fail with ERROR_ACCESS_DENIED; the child then starts
    // inside it and ends with it: a forwarder then lives as long as the host
    // that started it, and the next host starts another.
    constexpr DWORD kFlags = DETACHED_PROCESS | CREATE_NEW_PROCESS_GROUP;
    Started child;
    DWORD failure = try_start(program, args, stdio, kFlags | CREATE_BREAKAWAY_FROM_JOB, child);
    if (failure == ERROR_ACCESS_DENIED) failure = try_start(program, args, stdio, kFlags, child);
    if (failure != 0) fail(failure, "cannot start " + program.string());
    process_ = child.process.release();
}

DetachedChild::~DetachedChild() {
    // Closing the handle leaves the child running.
    if (process_ != nullptr) ::CloseHandle(process_);
}

bool DetachedChild::running() {
    if (process_ == nullptr) return false;
    if (::WaitForSingleObject(process_, 0) == WAIT_TIMEOUT) return true;
    ::CloseHandle(process_);
    process_ = nullptr;
    return false;
}

}  // namespace ccp_relogin::platform
