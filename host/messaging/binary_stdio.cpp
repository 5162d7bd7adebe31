#include "messaging/binary_stdio.h"

#include <cstdio>

#ifdef _WIN32
#include <fcntl.h>
#include <io.h>

#include <cerrno>
#include <system_error>
#endif

namespace ccp_relogin::messaging {

void set_binary_mode([[maybe_unused]] int fd) {
#ifdef _WIN32
    if (::_setmode(fd, _O_BINARY) == -1)
        throw std::system_error(errno, std::generic_category(),
                                "setting descriptor " + std::to_string(fd) + " to binary mode");
#endif
}

void use_binary_stdio() {
    set_binary_mode(fileno(stdin));
    set_binary_mode(fileno(stdout));
}

}  // namespace ccp_relogin::messaging
