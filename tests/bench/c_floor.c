/* The "C floor" of ./run bench: the least a native-messaging host can do,
 * so the host's figures can be read as a ratio to it (tests/bench/report.mjs).
 *
 *   c_floor                      read one frame from stdin, write it back as
 *                                one frame, then wait for the browser to close
 *                                the port (EOF) and exit 0. This is what one
 *                                chrome.runtime.sendNativeMessage costs at
 *                                the least: process start, one frame each way.
 *   c_floor --loop               the same for every frame until EOF (a
 *                                long-lived port that does no work).
 *   c_floor --loop --guard-update DIR
 *                                per frame, before answering, the update the
 *                                host makes for an `expired` decision, done
 *                                the plainest way: take DIR/guard.lock
 *                                (flock), read DIR/guard.json, write
 *                                DIR/guard.json.tmp, rename it over
 *                                guard.json (no fsync, as the host:
 *                                host/guard/state_store.cpp says why), then
 *                                append one line to DIR/audit.jsonl under
 *                                DIR/audit.lock. The floor for "expired
 *                                decisions/s".
 *
 * Waiting for EOF (instead of exiting after the reply) keeps the process
 * alive while the driver reads its /proc/<pid>/status (VmHWM), exactly as it
 * does for the host, which also serves until EOF.
 * Frames: 4-byte length in native byte order, then that many bytes.
 * Plain libc only, so the floor costs no more than the dynamic loader and libc. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#define MAX_FRAME (1024u * 1024u)

static unsigned char frame[MAX_FRAME];

static int read_exact(int fd, void* buf, size_t n) {
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(fd, (char*)buf + got, n - got);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return got == 0 ? 0 : -1; /* 0: clean EOF before the first byte */
        got += (size_t)r;
    }
    return 1;
}

static int write_all(int fd, const void* buf, size_t n) {
    while (n > 0) {
        ssize_t w = write(fd, buf, n);
        if (w < 0 && errno == EINTR) continue;
        if (w < 0) return -1;
        buf = (const char*)buf + w;
        n -= (size_t)w;
    }
    return 0;
}

/* One frame in; returns its length, 0 at EOF, -1 on error. */
static long read_frame(void) {
    uint32_t len;
    int r = read_exact(0, &len, sizeof len);
    if (r <= 0) return r;
    if (len > MAX_FRAME || read_exact(0, frame, len) != 1) return -1;
    return (long)len;
}

static int write_frame(const void* body, uint32_t len) {
    /* One write for header and body, as a host with a buffered writer does. */
    static unsigned char out[sizeof(uint32_t) + MAX_FRAME];
    memcpy(out, &len, sizeof len);
    memcpy(out + sizeof len, body, len);
    return write_all(1, out, sizeof len + len);
}

static int open_in(const char* dir, const char* name, int flags) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return open(path, flags | O_CLOEXEC, 0600);
}

static int guard_update(const char* dir, const unsigned char* body, uint32_t len) {
    char state[4096], tmp[4096], target[4096];
    int lock = open_in(dir, "guard.lock", O_RDWR | O_CREAT);
    if (lock < 0 || flock(lock, LOCK_EX) != 0) return -1;
    ssize_t n = 0;
    int in = open_in(dir, "guard.json", O_RDONLY);
    if (in >= 0) {
        n = read(in, state, sizeof state);
        close(in);
    }
    (void)n;
    /* The new state: a record of about the host's size (~250 bytes). */
    int size = snprintf(state, sizeof state,
                        "{\"profiles\":{\"agents-us\":{\"attemptsMs\":[1714564700000],"
                        "\"inFlight\":{\"correlationId\":\"00000000-0000-4000-8000-000000000000\","
                        "\"attempt\":1,\"startedMs\":1714564700000,\"deadlineMs\":1714565000000},"
                        "\"lastLandedMs\":null,\"bytesSeen\":%u}},\"v\":1}",
                        (unsigned)len);
    snprintf(tmp, sizeof tmp, "%s/guard.json.tmp", dir);
    snprintf(target, sizeof target, "%s/guard.json", dir);
    int out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (out < 0 || write_all(out, state, (size_t)size) != 0) return -1;
    close(out);
    if (rename(tmp, target) != 0) return -1;
    close(lock);

    /* The audit line: the request itself, appended under its own lock. */
    int alock = open_in(dir, "audit.lock", O_RDWR | O_CREAT);
    if (alock < 0 || flock(alock, LOCK_EX) != 0) return -1;
    int log = open_in(dir, "audit.jsonl", O_WRONLY | O_APPEND | O_CREAT);
    if (log < 0 || write_all(log, body, len) != 0 || write_all(log, "\n", 1) != 0) return -1;
    close(log);
    close(alock);
    return 0;
}

int main(int argc, char** argv) {
    int loop = argc > 1 && strcmp(argv[1], "--loop") == 0;
    const char* guard_dir =
        (loop && argc > 3 && strcmp(argv[2], "--guard-update") == 0) ? argv[3] : NULL;
    for (;;) {
        long len = read_frame();
        if (len == 0) return 0;
        if (len < 0) return 1;
        if (guard_dir && guard_update(guard_dir, frame, (uint32_t)len) != 0) {
            perror("c_floor: guard update");
            return 1;
        }
        if (write_frame(frame, (uint32_t)len) != 0) return 0; /* the port closed */
        if (!loop) break;
    }
    /* One-shot: wait for the browser to close the port, as the host does. */
    for (;;) {
        ssize_t r = read(0, frame, sizeof frame);
        if (r == 0) return 0;
        if (r < 0 && errno != EINTR) return 1;
    }
}
