// The child that windows_child_process_test.cpp starts (tests/windows_tests.cmake
// builds it beside host_unit_tests.exe). Its arguments are steps, done in
// order:
//   argv        print every argument after this one, as the C runtime split
//               them (what the host's own programs see), each followed by a NUL
//   wargv       the same, as CommandLineToArgvW splits GetCommandLineW(), in UTF-8
//   sleep MS    sleep
//   write N     write N bytes ('x') to stdout
//   stdin       print how many bytes stdin had before its end
//   touch PATH  create the file PATH
//   leak VALUE  write "leak" to the handle of that (decimal) value; print
//               "invalid" when there is no such handle here, else "valid"
//               (which may be a handle of the child's own of that value)
//   exit CODE   end with that exit code
// Plain Win32 and the C runtime: it tests the host's code, so it shares none.
#include <fcntl.h>
#include <io.h>
#include <windows.h>
// <windows.h> first: shellapi.h (CommandLineToArgvW) needs its types.
#include <shellapi.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

void out(const std::string& text) { std::fwrite(text.data(), 1, text.size(), stdout); }

std::string utf8(const wchar_t* wide) {
    const int size = ::WideCharToMultiByte(CP_UTF8, 0, wide, -1, nullptr, 0, nullptr, nullptr);
    std::string text(static_cast<std::size_t>(size), '\0');
    ::WideCharToMultiByte(CP_UTF8, 0, wide, -1, text.data(), size, nullptr, nullptr);
    text.resize(text.size() - 1);  // the terminating NUL
    return text;
}

// The arguments after the one at `index`, as CommandLineToArgvW splits them.
void print_wide_arguments_after(int index) {
    int count = 0;
    wchar_t** args = ::CommandLineToArgvW(::GetCommandLineW(), &count);
    for (int i = index + 1; i < count; ++i) out(utf8(args[i]) + std::string(1, '\0'));
    ::LocalFree(args);
}

void count_stdin() {
    char buffer[4096];
    std::size_t total = 0;
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, stdin)) > 0;) total += n;
    out(std::to_string(total));
}

void leak(const char* value) {
    const auto handle = reinterpret_cast<HANDLE>(std::strtoull(value, nullptr, 10));
    DWORD flags = 0;
    if (!::GetHandleInformation(handle, &flags)) {
        out("invalid");
        return;
    }
    DWORD written = 0;
    ::WriteFile(handle, "leak", 4, &written, nullptr);
    out("valid");
}

}  // namespace

int main(int argc, char** argv) {
    _setmode(_fileno(stdout), _O_BINARY);
    for (int i = 1; i < argc; ++i) {
        const std::string step = argv[i];
        const char* value = i + 1 < argc ? argv[i + 1] : "0";
        if (step == "argv") {
            for (int j = i + 1; j < argc; ++j) out(std::string(argv[j]) + std::string(1, '\0'));
            break;
        }
        if (step == "wargv") {
            print_wide_arguments_after(i);
            break;
        }
        if (step == "stdin") {
            count_stdin();
            continue;
        }
        ++i;  // the steps below take a value
        if (step == "sleep") ::Sleep(static_cast<DWORD>(std::atoi(value)));
        if (step == "write") out(std::string(static_cast<std::size_t>(std::atoi(value)), 'x'));
        if (step == "touch") std::fclose(std::fopen(value, "w"));
        if (step == "leak") leak(value);
        if (step == "exit") {
            std::fflush(stdout);
            return std::atoi(value);
        }
        std::fflush(stdout);
    }
    return 0;
}
