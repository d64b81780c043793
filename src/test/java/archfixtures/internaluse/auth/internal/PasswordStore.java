package archfixtures.internaluse.auth.internal;

public class PasswordStore {
}
