package io.hybridlicense.console.api;

import io.hybridlicense.auth.api.UserView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The signed-in user as the console's templates see it ({@code inject:consoleUser}). */
@Named("consoleUser")
@RequestScoped
public class ConsoleUser {

    private final JsonWebToken token;

    ConsoleUser(JsonWebToken token) {
        this.token = token;
    }

    public boolean isSignedIn() {
        return token.getSubject() != null;
    }

    public String getEmail() {
        return token.getName();
    }

    public boolean isAdmin() {
        return token.getGroups().contains(UserView.ROLE_ADMIN);
    }

    public UUID id() {
        return UUID.fromString(token.getSubject());
    }
}
