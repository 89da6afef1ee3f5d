package dev.rampart.gateway.cli;

import dev.rampart.auth.user.NewUser;
import dev.rampart.auth.user.TotpEnrolmentStart;
import dev.rampart.auth.user.UserRecord;
import dev.rampart.auth.user.Users;
import dev.rampart.core.config.RampartConfig;
import dev.rampart.gateway.console.ConsoleLogin;
import dev.rampart.store.Store;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rampart users …}: the console's accounts, straight on the store, as {@code rampart keys}
 * does for API keys. Passwords and TOTP codes are read from the terminal without echo, or from
 * standard input when it is not a terminal (one line); never from an argument, which would leave
 * them in the shell history and the process list.
 */
@Command(name = "users", mixinStandardHelpOptions = true,
        description = "Create and manage the users of the console and admin API.",
        subcommands = {UsersCommand.Create.class, UsersCommand.ListUsers.class, UsersCommand.Passwd.class,
            UsersCommand.Disable.class, UsersCommand.Enable.class, UsersCommand.Delete.class, UsersCommand.Unlock.class,
            UsersCommand.Totp.class, UsersCommand.Roles.class, UsersCommand.NewRecoveryCodes.class})
public final class UsersCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A subcommand on the users of the config's store. */
    abstract static class OnUsers extends StoreCommand {

        abstract void run(ConsoleLogin console, PrintWriter out);

        @Override
        final void run(Store store, RampartConfig config, PrintWriter out) {
            run(ConsoleLogin.open(store, config, baseDir(), operatorCrypto(store, config)), out);
        }

        @Override
        String notFound() {
            return "no user with that name ('rampart users list' shows them)";
        }

        static UserRecord find(Users users, String name) {
            return users.findByUsername(name).or(() -> users.get(name))
                    .orElseThrow(() -> new NoSuchElementException("no user " + name));
        }

        /** A secret typed at the terminal (twice when {@code confirm}), else one line of standard input. */
        char[] readSecret(String prompt, boolean confirm) {
            Console console = System.console();
            if (console == null) {
                return readLine(prompt).toCharArray();
            }
            char[] first = console.readPassword("%s: ", prompt);
            if (first == null) {
                throw new IllegalArgumentException("no " + prompt.toLowerCase(java.util.Locale.ROOT) + " given");
            }
            if (confirm) {
                char[] again = console.readPassword("%s again: ", prompt);
                boolean same = Arrays.equals(first, again);
                if (again != null) {
                    Arrays.fill(again, '\0');
                }
                if (!same) {
                    Arrays.fill(first, '\0');
                    throw new IllegalArgumentException("the two entries differ; nothing was changed");
                }
            }
            return first;
        }

        /** One line from the terminal or standard input, e.g. a TOTP code. */
        String readLine(String prompt) {
            Console console = System.console();
            String line;
            if (console != null) {
                line = console.readLine("%s: ", prompt);
            } else {
                try {
                    line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read standard input", e);
                }
            }
            if (line == null || line.isEmpty()) {
                throw new IllegalArgumentException("no " + prompt.toLowerCase(java.util.Locale.ROOT)
                        + " on standard input; type it at the prompt or pipe one line");
            }
            return line;
        }
    }

    /** {@code rampart users create NAME --email E --roles admin}; the password from the prompt or stdin. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a user. The password is asked for (or read as one line from standard input); it must "
                    + "pass the password policy (users.password: by default at least 15 characters, not the name or email).")
    static final class Create extends OnUsers {
        @Parameters(paramLabel = "NAME", description = "The login name (unique ignoring case).") String name;
        @Option(names = "--email", description = "The user's email address.") String email;
        @Option(names = "--roles", split = ",", description = "Roles, comma-separated; 'admin' may use the admin API.")
        List<String> roles;

        @Override
        void run(ConsoleLogin console, PrintWriter out) {
            char[] password = readSecret("Password", true);
            try {
                UserRecord u = console.users().create(new NewUser(name, Optional.ofNullable(email), orEmpty(roles),
                        java.nio.CharBuffer.wrap(password)));
                out.println("created user " + u.username() + " (id " + u.id() + ")");
            } finally {
                Arrays.fill(password, '\0');
            }
        }
    }

    /** {@code rampart users list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List users (never a password or secret).")
    static final class ListUsers extends OnUsers {
        @Override
        void run(ConsoleLogin console, PrintWriter out) {
            out.printf("%-20s  %-24s  %-8s  %-4s  %-8s  %s%n", "NAME", "EMAIL", "STATE", "TOTP", "RECOVERY", "ROLES");
            Map<String, Integer> recovery = console.users().remainingRecoveryCodes();
            for (UserRecord u : console.users().list()) {
                out.printf("%-20s  %-24s  %-8s  %-4s  %-8s  %s%n", u.username(), u.email().orElse("-"),
                        u.enabled() ? "enabled" : "disabled", u.totpEnabled() ? "yes" : "no",
                        u.totpEnabled() ? recovery.getOrDefault(u.id(), 0) + " left" : "-",
                        String.join(",", u.roles().stream().sorted().toList()));
            }
        }
    }

    /** {@code rampart users passwd NAME}: a new password; the user's sessions end. */
    @Command(name = "passwd", mixinStandardHelpOptions = true,
            description = "Set a user's password (asked for, or one line of standard input); ends their sessions.")
    static final class Passwd extends OnUsers {
        @Parameters(paramLabel = "NAME", description = "The user's name or id.") String name;

        @Override
        void run(ConsoleLogin console, PrintWriter out) {
            UserRecord u = find(console.users(), name);
            char[] password = readSecret("New password", true);
            try {
                console.users().changePassword(u.id(), java.nio.CharBuffer.wrap(password));
            } finally {
                Arrays.fill(password, '\0');
            }
            int ended = console.sessions().invalidateAll(u.id());
            out.println("password of " + u.username() + " changed; " + ended + " session(s) ended");
        }
    }

    /** {@code rampart users disable NAME}. */
    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Disable a user: no login, and their sessions end at once.")
    static final class Disable extends OnUsers {
        @Parameters(paramLabel = "NAME", description = "The user's name or id.") String name;

        @Override
        void run(ConsoleLogin console, PrintWriter out) {
            UserRecord u = find(console.users(), name);
            console.users().disable(u.id());
            int ended = console.sessions().invalidateAll(u.id());
            out.println("disabled " + u.username() + "; " + ended + " session(s) ended");
        }
    }

    /** {@code rampart users enable NAME}. */
    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable a disabled user again.")
    static final class Enable extends OnUsers {
        @Parameters(paramLabel = "NAME", description = "The user's name or id.") String name;

        @Override
        void run(ConsoleLogin console, PrintWriter out) {
            UserRecord u = find(console.users(), name);
            console.users().enable(u.id());
            out.println("enabled " + u.username());
        }
    }

    /** {@code rampart users delete NAME}. */
    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete a user with their sessions, password history and recovery codes.")
    static final class Delete extends OnUsers {
        @Parameters(paramLabel = "NAME", description = "The user's name or id.") String name;

        @Override
        void run(ConsoleLogin console, PrintWriter out) {
            UserRecord u = find(console.users(), name);
            console.users().delete(u.id());
            out.println("deleted " + u.username());
        }
    }

    /** {@code rampart users unlock NAME}. */
    @Command(name = "unlock", mixinStandardHelpOptions = true,
            description = "Lift the login lockout of an account (temporary or permanent).")
    static final class Unlock extends OnUsers {
        @Parameters(paramLabel = "NAME", description = "The user's name or id.") String name;

        @Override
        void run(ConsoleLogin console, PrintWriter out) {
            UserRecord u = find(console.users(), name);
            console.unlock(u.username());
            out.println("unlocked " + u.username());
        }
    }

    /** {@code rampart users roles NAME --roles a,b}: a privilege change, so the user's sessions end. */
    @Command(name = "roles", mixinStandardHelpOptions = true,
            description = "Replace a user's roles; their sessions end, so none keeps the old privileges.")
    static final class Roles extends OnUsers {
        @Parameters(paramLabel = "NAME", description = "The user's name or id.") String name;
        @Option(names = "--roles", split = ",", required = true, paramLabel = "ROLE[,ROLE...]",
                description = "The new roles, comma-separated; '' for none. 'admin' may use the admin API.")
        List<String> roles;

        @Override
        void run(ConsoleLogin console, PrintWriter out) {
            UserRecord u = find(console.users(), name);
            Set<String> wanted = new LinkedHashSet<>(roles);
            wanted.remove("");
            console.users().setRoles(u.id(), wanted);
            int ended = console.sessions().invalidateAll(u.id());
            out.println("roles of " + u.username() + ": " + (wanted.isEmpty() ? "(none)"
                    : String.join(",", wanted.stream().sorted().toList())) + "; " + ended + " session(s) ended");
        }
    }

    /** {@code rampart users recovery-codes NAME}: new recovery codes, printed once; the old ones stop working. */
    @Command(name = "recovery-codes", mixinStandardHelpOptions = true,
            description = "Issue new recovery codes for a user with TOTP and print them once; the unused old ones "
                    + "stop working at once.")
    static final class NewRecoveryCodes extends OnUsers {
        @Parameters(paramLabel = "NAME", description = "The user's name or id.") String name;

        @Override
        void run(ConsoleLogin console, PrintWriter out) {
            UserRecord u = find(console.users(), name);
            List<String> codes = console.users().regenerateRecoveryCodes(u.id());
            out.println("new recovery codes for " + u.username() + " (shown once, each works once; the old ones no "
                    + "longer work):");
            codes.forEach(code -> out.println("  " + code));
        }
    }

    /** {@code rampart users totp …}. */
    @Command(name = "totp", mixinStandardHelpOptions = true, description = "TOTP second factor of a user.",
            subcommands = {Enrol.class})
    static final class Totp implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }

    /**
     * {@code rampart users totp enrol NAME [--qr FILE]}: prints the otpauth URI (and writes the QR
     * code), reads the first code from the app, prints the recovery codes once.
     */
    @Command(name = "enrol", mixinStandardHelpOptions = true,
            description = "Enrol a TOTP authenticator: prints the otpauth:// URI, optionally writes its QR code, then "
                    + "reads the app's current code (prompt or one line of standard input) and prints the recovery "
                    + "codes once.")
    static final class Enrol extends OnUsers {
        @Parameters(paramLabel = "NAME", description = "The user's name or id.") String name;
        @Option(names = "--qr", paramLabel = "FILE", description = "Write the QR code (PNG) to this file.") Path qr;

        @Override
        void run(ConsoleLogin console, PrintWriter out) {
            UserRecord u = find(console.users(), name);
            TotpEnrolmentStart start = console.users().startTotpEnrolment(u.id(), ConsoleLogin.TOTP_ISSUER);
            out.println("otpauth_uri: " + start.otpauthUri());
            out.println("secret: " + start.manualEntrySecret());
            if (qr != null) {
                try {
                    Files.write(qr, start.qrCodePng());
                } catch (IOException e) {
                    throw new IllegalArgumentException("--qr: " + qr + " cannot be written (" + e.getClass().getSimpleName() + ")");
                }
                out.println("qr_code: " + qr);
            }
            out.flush();
            List<String> recovery = console.users().confirmTotp(u.id(), readLine("Code from the app").strip());
            out.println("TOTP enabled for " + u.username() + ". Recovery codes (shown once, each works once):");
            recovery.forEach(code -> out.println("  " + code));
        }
    }
}
