#include "cli/doctor_check.h"

namespace ccp_relogin::cli::doctor {

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

}  // namespace ccp_relogin::cli::doctor
