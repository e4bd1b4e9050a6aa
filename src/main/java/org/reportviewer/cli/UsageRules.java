package org.reportviewer.cli;

import java.util.function.Supplier;
import org.reportviewer.format.TokenRule;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The flag checks {@code fetch} and {@code serve} share: their failures are usage errors (exit 2, one line). */
final class UsageRules {

    private UsageRules() {}

    /** An empty {@code --token} (e.g. from an unset environment variable) means no token. */
    static String tokenOrNull(String token) {
        return token == null || token.isEmpty() ? null : token;
    }

    /** Runs {@code build}; a token the rule refuses, or any other rule it breaks, becomes a usage error. */
    static <T> T checked(CommandSpec spec, Supplier<T> build) {
        try {
            return build.get();
        } catch (TokenRule.Invalid e) {
            throw new ParameterException(spec.commandLine(), e.messageFor("--token"));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
