#pragma once
// The one place the host reads the wall clock. Pure code (guard decisions,
// audit redaction) takes `now_ms` as a parameter; the I/O layer asks a Clock,
// and tests hand it a FakeClock so they never sleep.
#include <cstdint>

namespace ccp_relogin::base {

// Milliseconds since the Unix epoch.
class Clock {
  public:
    virtual ~Clock() = default;
    virtual int64_t now_ms() const = 0;
};

class SystemClock final : public Clock {
  public:
    int64_t now_ms() const override;
};

// A process-wide SystemClock, for defaults.
const Clock& system_clock();

// A clock that moves only when told to.
class FakeClock final : public Clock {
  public:
    explicit FakeClock(int64_t start_ms = 0) : now_(start_ms) {}
    int64_t now_ms() const override { return now_; }
    void set(int64_t ms) { now_ = ms; }
    void advance(int64_t ms) { now_ += ms; }

  private:
    int64_t now_;
};

}  // namespace ccp_relogin::base
