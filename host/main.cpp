// Chooses between host mode (the browser started us with the caller origin as
// the first argument) and a CLI subcommand. Nothing else lives here.
#include <cstdio>
#include <iostream>
#include <string_view>

#include "cli/version_command.h"

int main(int argc, char** argv) {
    if (argc >= 2 && std::string_view(argv[1]) == "version") {
        return ccp_relogin::cli::run_version(std::cout);
    }
    std::fprintf(stderr, "ccp-relogin: not implemented yet\n");
    return 2;
}
