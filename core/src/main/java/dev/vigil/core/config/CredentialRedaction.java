package dev.vigil.core.config;

import java.util.regex.Pattern;

/** Removes secrets from strings that may reach a log, an error message or an API answer. */
public final class CredentialRedaction {
    private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@?#]*@");

    private CredentialRedaction() {}

    /** {@code rtsp://admin:pw@cam/x} becomes {@code rtsp://***@cam/x}; other strings pass unchanged. */
    public static String redactUrl(String url) {
        return url == null ? null : USER_INFO.matcher(url).replaceFirst("$1***@");
    }

    /** {@code rtsp://admin:pw@cam/x} becomes {@code rtsp://cam/x}. */
    public static String stripUserInfo(String url) {
        return url == null ? null : USER_INFO.matcher(url).replaceFirst("$1");
    }
}
