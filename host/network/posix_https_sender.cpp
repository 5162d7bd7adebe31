// HttpsSender over libcurl (Linux, macOS): network/https_sender.h.
#include <curl/curl.h>

#include <memory>

#include "network/https_sender.h"

namespace ccp_relogin::network {
namespace {

struct EasyDeleter {
    void operator()(CURL* easy) const { curl_easy_cleanup(easy); }
};
struct ListDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

// The collector's answer is never read: it could echo anything.
size_t discard_body(char*, size_t size, size_t count, void*) { return size * count; }

int check_abort(void* abort, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    const auto& check = *static_cast<const audit::AbortCheck*>(abort);
    return check && check() ? 1 : 0;
}

audit::SendOutcome outcome_of(CURL* easy, CURLcode code) {
    if (code == CURLE_ABORTED_BY_CALLBACK)
        return {audit::SendOutcome::Kind::kAborted, 0, "stopped"};
    if (code != CURLE_OK)
        return {audit::SendOutcome::Kind::kUnreachable, 0, curl_easy_strerror(code)};
    long status = 0;
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
    return outcome_of_status(status);
}

}  // namespace

audit::SendOutcome HttpsSender::post_json(const std::string& url, const std::string& body,
                                          const audit::AbortCheck& abort) {
    const RequestSettings s = request_settings(url, hostVersion_, access_);
    std::unique_ptr<CURL, EasyDeleter> easy(curl_easy_init());
    if (!easy)
        return {audit::SendOutcome::Kind::kUnreachable, 0, "libcurl could not start a request"};
    curl_slist* list = nullptr;
    for (const auto& header : s.headers) {
        curl_slist* grown = curl_slist_append(list, header.c_str());
        if (!grown) {
            curl_slist_free_all(list);
            return {audit::SendOutcome::Kind::kUnreachable, 0, "out of memory"};
        }
        list = grown;
    }
    const std::unique_ptr<curl_slist, ListDeleter> headers(list);
    CURL* h = easy.get();
    curl_easy_setopt(h, CURLOPT_URL, s.url.c_str());
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, s.allowedProtocols.c_str());
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, s.allowedProtocols.c_str());
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, s.followRedirects ? 1L : 0L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, s.verifyPeer ? 1L : 0L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, s.verifyHost ? 2L : 0L);
    if (!s.caFile.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, s.caFile.c_str());
    if (!s.pinnedPublicKey.empty())
        curl_easy_setopt(h, CURLOPT_PINNEDPUBLICKEY, s.pinnedPublicKey.c_str());
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, s.connectTimeoutMs);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, s.totalTimeoutMs);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // we run on a worker thread
    curl_easy_setopt(h, CURLOPT_USERAGENT, s.userAgent.c_str());
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard_body);
    curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, check_abort);
    curl_easy_setopt(h, CURLOPT_XFERINFODATA, const_cast<audit::AbortCheck*>(&abort));
    curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    return outcome_of(h, curl_easy_perform(h));
}

}  // namespace ccp_relogin::network
