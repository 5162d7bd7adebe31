#include "doctor/check_result.h"

namespace ccp_relogin::doctor {

std::string_view to_string(Status status) {
    switch (status) {
        case Status::kOk:
            return "ok";
        case Status::kWarn:
            return "warn";
        case Status::kFail:
            return "fail";
        case Status::kSkip:
            return "skip";
    }
    return "?";
}

}  // namespace ccp_relogin::doctor
