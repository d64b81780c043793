package archfixtures.nativeimage;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Breaks the rule on purpose: bodies inside a plain Response that nothing registers for reflection. */
public class UnregisteredBodies {

    public record Unregistered(String value) {
    }

    public record Nested(String value) {
    }

    @RegisterForReflection
    public record RegisteredOuter(List<Nested> items) {
    }

    public Response created() {
        return Response.status(201).entity(new Unregistered("x")).build();
    }

    public Response ok() {
        return Response.ok(new RegisteredOuter(List.of())).build();
    }
}
