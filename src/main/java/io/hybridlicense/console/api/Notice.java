package io.hybridlicense.console.api;

/** A message on a console page next to what it is about: {@code error} ones are announced as alerts. */
public record Notice(String text, boolean error) {

    public static Notice ok(String text) {
        return new Notice(text, false);
    }

    public static Notice error(String text) {
        return new Notice(text, true);
    }
}
