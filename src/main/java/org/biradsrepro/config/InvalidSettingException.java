package org.biradsrepro.config;

/** A setting whose value cannot be used; the message names the setting, the value and what is accepted. */
public final class InvalidSettingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidSettingException(String key, String value, String expected) {
        super("Invalid setting " + key + "='" + value + "': expected " + expected + ".");
    }

    public InvalidSettingException(String message) {
        super(message);
    }
}
