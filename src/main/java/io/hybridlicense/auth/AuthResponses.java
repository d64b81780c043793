package io.hybridlicense.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hybridlicense.auth.api.Plan;
import io.hybridlicense.auth.api.SubscriptionSummary;
import io.hybridlicense.auth.api.UserView;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The response bodies of the auth endpoints. */
final class AuthResponses {

    private AuthResponses() {
    }

    record Registered(UUID userId, String email, Plan plan, Instant createdAt) {
        static Registered of(UserView user) {
            return new Registered(user.userId(), user.email(), user.plan(), user.createdAt());
        }
    }

    record Token(String accessToken, String tokenType, long expiresIn) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Profile(UUID userId, String email, Plan plan, List<String> roles, Instant createdAt,
                   SubscriptionSummary subscription) {
        static Profile of(UserView user, SubscriptionSummary subscription) {
            return new Profile(user.userId(), user.email(), user.plan(), user.roles().stream().sorted().toList(),
                    user.createdAt(), subscription);
        }
    }
}
