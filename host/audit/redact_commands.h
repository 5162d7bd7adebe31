#pragma once
// The part of free-text redaction (redact.h states the rules) that knows a
// few command line tools by name: those whose "-p" is a password, where
// elsewhere "-p" is a port ("ssh -p 2222"), a patch ("git add -p") or
// parents ("mkdir -p"). Only there does a "-p" argument go. Pure.
#include <optional>
#include <string>
#include <string_view>

#include "audit/redact_labels.h"

namespace ccp_relogin::audit {

// Which command the words being read belong to, as far as "-p" goes.
enum class Command {
    kOther,
    kMysql,            // MySQL's and MariaDB's clients: -p[password]
    kSshpass,          // sshpass, before the command it runs: -p password
    kSshpassArgument,  // sshpass, the next word is an option's argument
};

// The command after `word`, given the one it was read in.
Command command_after(Command current, std::string_view word);

// "-pPASSWORD" in such a command: the password replaced ("-p[redacted]").
// nullopt for any other word.
std::optional<std::string> redact_attached_password(Command command, std::string_view word);

// What "-p" alone says about the next word in such a command: sshpass's
// takes it whatever it is (kSecret); mysql's only when it is no option
// (kOptionalPassword: "mysql -p -u root" prompts). nullopt for any other.
std::optional<Next> next_after_password_option(Command command, std::string_view word);

}  // namespace ccp_relogin::audit
