package dev.rampart.waf.action;

/** Checks of action arguments at load time, with messages that say which action and what it accepts. */
final class Arguments {

    private Arguments() {}

    static String required(String action, String argument) {
        if (argument == null || argument.isEmpty()) {
            throw new IllegalArgumentException("action '" + action + "' needs an argument (" + action + ":value)");
        }
        return argument;
    }

    static void none(String action, String argument) {
        if (argument != null) {
            throw new IllegalArgumentException("action '" + action + "' takes no argument, got '" + argument + "'");
        }
    }

    static int integer(String action, String argument) {
        String value = required(action, argument).trim();
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("action '" + action + "' needs an integer, got '" + argument + "'", e);
        }
    }

    static int integerInRange(String action, String argument, int min, int max) {
        int value = integer(action, argument);
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    "action '" + action + "' needs an integer " + min + "-" + max + ", got " + value);
        }
        return value;
    }
}
