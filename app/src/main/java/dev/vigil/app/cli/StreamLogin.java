package dev.vigil.app.cli;

import dev.vigil.core.config.CredentialsConfig;
import dev.vigil.ingest.rtsp.RtspUrl;
import java.util.Map;

/**
 * The RTSP login of a command that connects to one stream ({@code probe}, {@code analyze}):
 * {@code --user U --password-env VAR}, or the user info of the URL, whose password is moved into
 * {@code env} under the command's own variable so that it is never printed or kept in the URL.
 */
final class StreamLogin {
    private StreamLogin() {}

    /**
     * @param command the command's name, for messages
     * @param parsed the stream's URL as given
     * @param env the environment the gateway reads passwords from; the URL's password is put here
     * @param urlPasswordVariable where the URL's password goes in {@code env}
     * @return the credentials, or {@code null} for none
     * @throws UsageException for {@code --user} without {@code --password-env}, or an unset variable
     */
    static CredentialsConfig of(String command, Arguments args, RtspUrl parsed, Map<String, String> env,
            String urlPasswordVariable) {
        if (args.option("user").isPresent()) {
            String variable = args.option("password-env")
                    .orElseThrow(() -> new UsageException(command + ": --user needs --password-env VAR"));
            if (!env.containsKey(variable)) {
                throw new UsageException(command + ": --password-env " + variable + ": the variable is not set");
            }
            return new CredentialsConfig(args.option("user").get(), variable);
        }
        if (parsed.embedded() != null) {
            env.put(urlPasswordVariable, parsed.embedded().password());
            return new CredentialsConfig(parsed.embedded().user(), urlPasswordVariable);
        }
        return null;
    }
}
