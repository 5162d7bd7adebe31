#pragma once
// On Windows the C runtime opens stdin and stdout in text mode: a write turns
// every \n byte into \r\n and a read turns \r\n back and stops at a Ctrl+Z
// byte. A frame's length prefix and its body are bytes, and any of them may
// be 0x0A or 0x1A, so frames need binary mode (docs/facts.md, "Native
// messaging"). _dup2 gives the descriptor it writes a mode of its own, so
// binary mode is set again on every frame descriptor a dup produces
// (reserve_stdout.cpp). Linux and macOS have no text mode: these do nothing.

namespace ccp_relogin::messaging {

// Puts `fd` in binary mode. Throws std::system_error if the C runtime refuses
// (not an open descriptor).
void set_binary_mode(int fd);

// Puts stdin and stdout in binary mode; call before anything reads or writes
// them (reserve_stdout_for_frames does, first).
void use_binary_stdio();

}  // namespace ccp_relogin::messaging
