package org.ecgworkbench.engine.queue;

/**
 * One prototype override: a dotted JSON path and a value as text (as {@code --set key=value} and
 * {@link org.ecgworkbench.engine.net.Prototype#with} take them).
 */
public record Setting(String key, String value) {

    /** Parses "key=value"; what names the option for the error (e.g. "--set"). */
    public static Setting parse(String keyValue, String what) throws QueueException {
        int eq = keyValue.indexOf('=');
        if (eq <= 0 || eq == keyValue.length() - 1) {
            throw new QueueException(null, what + " wants KEY=VALUE, got \"" + keyValue + "\"");
        }
        return new Setting(keyValue.substring(0, eq).trim(), keyValue.substring(eq + 1).trim());
    }

    /** "key=value". */
    @Override
    public String toString() {
        return key + "=" + value;
    }
}
