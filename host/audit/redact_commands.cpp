#include "audit/redact_commands.h"

#include <algorithm>

#include "base/text.h"

// Hand-written, as redact_text.cpp says why.
namespace ccp_relogin::audit {
namespace {

// A word that names a program: its last path component, if that is made of
// the characters program names are ("/usr/bin/mysqldump" → "mysqldump").
// Not a host name ("mysql.example.com"): no dots.
std::string_view program_name(std::string_view word) {
    const auto slash = word.rfind('/');
    if (slash != std::string_view::npos) word.remove_prefix(slash + 1);
    const bool named = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
        return base::is_ascii_alnum(c) || c == '-' || c == '_';
    });
    return named ? word : std::string_view();
}

// MySQL's and MariaDB's client programs (mysql, mysqldump, mysqladmin,
// mysqlsh, mariadb, mariadb-dump, …) all read "-p[password]" and
// "--password[=password]"; their port is "-P" (docs/facts.md, "Tools whose
// -p is a password").
bool is_mysql_client(std::string_view name) {
    return name.starts_with("mysql") || name.starts_with("mariadb");
}

// sshpass's options that take an argument in the next word: -p password,
// -f file, -d descriptor, -P prompt. Its first word that is no option is
// the command it runs, whose own "-p" is that command's (docs/facts.md,
// "Tools whose -p is a password").
bool is_sshpass_argument_option(std::string_view word) {
    return word == "-f" || word == "-d" || word == "-P";
}

// ";", "&&", "||", "|" (alone or ending a word) end a shell command.
bool ends_command(std::string_view word) {
    return word == "&&" || word == "||" || word.ends_with(';') || word.ends_with('|');
}

}  // namespace

Command command_after(Command current, std::string_view word) {
    if (ends_command(word)) return Command::kOther;
    const auto name = program_name(word);
    if (is_mysql_client(name)) return Command::kMysql;
    if (name == "sshpass") return Command::kSshpass;
    switch (current) {
        case Command::kSshpassArgument:
            return Command::kSshpass;
        case Command::kSshpass:
            if (is_sshpass_argument_option(word)) return Command::kSshpassArgument;
            return word.starts_with('-') ? Command::kSshpass : Command::kOther;
        case Command::kMysql:
        case Command::kOther:
            break;
    }
    return current;
}

std::optional<std::string> redact_attached_password(Command command, std::string_view word) {
    if (command != Command::kMysql && command != Command::kSshpass) return std::nullopt;
    if (!word.starts_with("-p") || word.size() == 2) return std::nullopt;
    // "-phunter2;": the ";" ends the shell command, it is no password's.
    auto end = word.size();
    while (end > 2 && word[end - 1] == ';') --end;
    if (end == 2) return std::nullopt;
    return "-p" + redacted_value(word.substr(2, end - 2)) + std::string(word.substr(end));
}

std::optional<Next> next_after_password_option(Command command, std::string_view word) {
    if (word != "-p") return std::nullopt;
    if (command == Command::kSshpass) return Next::kSecret;
    // The MySQL manual reads "mysql -p test" as a prompt and a database
    // named "test"; written so, it is still most often a password put in
    // the wrong place, and a database's name lost from the log costs
    // little (as with "--password x" below, redact_labels.h).
    if (command == Command::kMysql) return Next::kOptionalPassword;
    return std::nullopt;
}

}  // namespace ccp_relogin::audit
